#include "checks/utils/SessionNames.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>

namespace mcp_cutover {

namespace {
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
  return matchHeaderLiteral(Text, "mcp-session-id");
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
