#include "checks/utils/JsonText.h"

#include "llvm/ADT/StringExtras.h"

namespace mcp_cutover {

namespace {

/// One past the closing quote of the string whose opening quote is at
/// `Open`; npos when it does not end.
size_t stringEnd(llvm::StringRef Text, size_t Open) {
  for (size_t I = Open + 1; I < Text.size(); ++I) {
    if (Text[I] == '\\')
      ++I;
    else if (Text[I] == '"')
      return I + 1;
  }
  return llvm::StringRef::npos;
}

size_t skipSpace(llvm::StringRef Text, size_t I) {
  while (I < Text.size() && llvm::isSpace(Text[I]))
    ++I;
  return I;
}

struct Container {
  bool object = false;
  std::string key; ///< The key it is the value of; "" in an array.
};

} // namespace

std::vector<JsonTextMember> jsonTextMembers(llvm::StringRef Text) {
  std::vector<JsonTextMember> Members;
  size_t Start = skipSpace(Text, 0);
  if (Start >= Text.size() || (Text[Start] != '{' && Text[Start] != '['))
    return Members;
  std::vector<Container> Open;
  std::string PendingKey; // A key whose value comes next.
  // The nesting a literal can reach is bounded by its length; no recursion.
  for (size_t I = Start; I < Text.size();) {
    char C = Text[I];
    if (C == '{' || C == '[') {
      Open.push_back({C == '{', PendingKey});
      PendingKey.clear();
      ++I;
      continue;
    }
    if (C == '}' || C == ']') {
      if (!Open.empty())
        Open.pop_back();
      PendingKey.clear();
      ++I;
      continue;
    }
    if (C != '"') {
      PendingKey.clear();
      ++I;
      continue;
    }
    size_t End = stringEnd(Text, I);
    if (End == llvm::StringRef::npos)
      break;
    size_t Colon = skipSpace(Text, End);
    bool IsKey = !Open.empty() && Open.back().object && PendingKey.empty() &&
                 Colon < Text.size() && Text[Colon] == ':';
    if (!IsKey) {
      PendingKey.clear();
      I = End;
      continue;
    }
    JsonTextMember M;
    M.key = Text.slice(I + 1, End - 1).str();
    M.parentKey = Open.back().key;
    M.keyOffset = I;
    M.valueOffset = skipSpace(Text, Colon + 1);
    if (M.valueOffset < Text.size() && Text[M.valueOffset] == '"') {
      size_t ValueEnd = stringEnd(Text, M.valueOffset);
      if (ValueEnd != llvm::StringRef::npos)
        M.stringValue = Text.slice(M.valueOffset + 1, ValueEnd - 1).str();
    }
    PendingKey = M.key;
    I = M.valueOffset;
    Members.push_back(std::move(M));
  }
  return Members;
}

} // namespace mcp_cutover
