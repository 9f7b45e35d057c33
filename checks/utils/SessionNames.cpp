#include "checks/utils/SessionNames.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>

namespace mcp_cutover {

namespace {
bool isHeaderTokenChar(char C) {
  return llvm::isAlnum(C) || C == '-' || C == '_';
}

bool isHeaderListItem(llvm::StringRef Item) {
  Item = Item.trim();
  return !Item.empty() && llvm::all_of(Item, isHeaderTokenChar);
}

bool contains(const std::vector<std::string> &Words, llvm::StringRef W) {
  return hasWord(Words, {W});
}
} // namespace

bool hasWord(const std::vector<std::string> &Words,
             llvm::ArrayRef<llvm::StringRef> Set) {
  return llvm::any_of(
      Words, [&](const std::string &W) { return llvm::is_contained(Set, W); });
}

HeaderLiteralMatch matchSessionHeaderLiteral(llvm::StringRef Text) {
  static constexpr llvm::StringRef Needle = "mcp-session-id";
  std::string Lower = Text.lower();
  llvm::StringRef L(Lower);
  size_t Pos = 0;
  while ((Pos = L.find(Needle, Pos)) != llvm::StringRef::npos) {
    size_t End = Pos + Needle.size();
    bool BoundedLeft = Pos == 0 || !isHeaderTokenChar(L[Pos - 1]);
    bool BoundedRight = End == L.size() || !isHeaderTokenChar(L[End]);
    if (BoundedLeft && BoundedRight)
      break;
    Pos = End;
  }
  HeaderLiteralMatch M;
  if (Pos == llvm::StringRef::npos)
    return M;
  size_t End = Pos + Needle.size();
  M.spelling = Text.substr(Pos, Needle.size()).str();
  M.offset = Pos;
  llvm::StringRef Before = Text.take_front(Pos);
  llvm::StringRef After = Text.drop_front(End);
  if (Text.trim().equals_insensitive(Needle)) {
    M.shape = HeaderLiteralShape::Name;
    return M;
  }
  // "Mcp-Session-Id: value" at the start of a line of a raw HTTP message.
  llvm::StringRef BeforeOnLine = Before.rsplit('\n').second;
  if (Before.contains('\n') ? BeforeOnLine.trim().empty()
                            : Before.trim().empty())
    if (After.ltrim(' ').starts_with(":")) {
      M.shape = HeaderLiteralShape::HeaderLine;
      return M;
    }
  // "Content-Type, Mcp-Session-Id": every comma-separated item a header token.
  if (Text.contains(',')) {
    llvm::SmallVector<llvm::StringRef, 8> Items;
    Text.split(Items, ',');
    if (llvm::all_of(Items, isHeaderListItem))
      M.shape = HeaderLiteralShape::List;
  }
  return M;
}

std::vector<std::string> identifierWords(llvm::StringRef Id) {
  std::vector<std::string> Words;
  std::string Cur;
  auto Flush = [&] {
    if (!Cur.empty())
      Words.push_back(llvm::StringRef(Cur).lower());
    Cur.clear();
  };
  for (size_t I = 0; I < Id.size(); ++I) {
    char C = Id[I];
    if (!llvm::isAlnum(C)) {
      Flush();
      continue;
    }
    bool Upper = llvm::isUpper(C);
    if (Upper && !Cur.empty()) {
      bool PrevLower = !llvm::isUpper(Cur.back());
      bool NextLower = I + 1 < Id.size() && llvm::isLower(Id[I + 1]);
      // camelCase boundary, or the last capital of an acronym: "IDMap".
      if (PrevLower || NextLower)
        Flush();
    }
    Cur.push_back(C);
  }
  Flush();
  return Words;
}

bool namesSessionId(llvm::StringRef Identifier) {
  std::vector<std::string> W = identifierWords(Identifier);
  if (contains(W, "sid") || contains(W, "sessionid") ||
      contains(W, "sessionids"))
    return true;
  if (!contains(W, "session"))
    return false;
  return contains(W, "id") || contains(W, "ids") || contains(W, "key") ||
         contains(W, "token");
}

bool namesSessionStore(llvm::StringRef Identifier) {
  std::vector<std::string> W = identifierWords(Identifier);
  if (contains(W, "sessions"))
    return true;
  // Not "data", "state" or "info": session_state_ may be one session's own
  // key-value state rather than a map from sessions.
  static const char *const StoreWords[] = {
      "map", "table", "store", "cache", "registry", "lookup", "index", "dict"};
  for (size_t I = 0; I < W.size(); ++I) {
    if (W[I] != "session")
      continue;
    if (I > 0 && (W[I - 1] == "by" || W[I - 1] == "per" || W[I - 1] == "to"))
      return true;
    if (I + 1 < W.size())
      for (const char *S : StoreWords)
        if (W[I + 1] == S)
          return true;
  }
  return false;
}

bool namesSessionType(llvm::StringRef TypeSpelling) {
  std::vector<std::string> W = identifierWords(TypeSpelling);
  return contains(W, "session") || contains(W, "sessionid") ||
         contains(W, "sid");
}

} // namespace mcp_cutover
