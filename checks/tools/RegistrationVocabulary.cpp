#include "checks/tools/RegistrationVocabulary.h"

#include "checks/utils/SessionNames.h"

#include "llvm/ADT/ArrayRef.h"

#include <algorithm>
#include <array>

namespace mcp_cutover {

namespace {

std::optional<std::string> kindOfWord(const std::string &Word) {
  if (Word == "tool" || Word == "tools")
    return "tool";
  if (Word == "resource" || Word == "resources")
    return "resource";
  if (Word == "prompt" || Word == "prompts")
    return "prompt";
  return std::nullopt;
}

} // namespace

std::optional<std::string> registeredKindNamed(llvm::StringRef Identifier) {
  // The last kind word wins: "ToolResource" is a resource, and a
  // "PromptToolAdapter" adapts to tools.
  std::optional<std::string> Kind;
  for (const std::string &Word : identifierWords(Identifier))
    if (auto K = kindOfWord(Word))
      Kind = K;
  return Kind;
}

bool namesRegistrationCall(llvm::StringRef CalleeName) {
  std::vector<std::string> Words = identifierWords(CalleeName);
  if (Words.empty())
    return false;
  static constexpr std::array<llvm::StringRef, 12> Verbs = {
      "add",    "register", "reg",   "define",  "declare", "expose",
      "attach", "mount",    "route", "provide", "emplace", "with"};
  if (hasWord({Words.front()}, Verbs))
    return true;
  // `app.tool("add", fn)`, `server.resource(...)`: the kind alone, as the
  // whole name or followed by a noun (`tool_with`), never by a use verb.
  return kindOfWord(Words.front()).has_value() &&
         (Words.size() == 1 ||
          !hasWord({Words[1]}, {"call", "get", "list", "read", "remove",
                                "result", "count", "names", "exists"}));
}

DefinitionRole definitionRoleNamed(llvm::StringRef Identifier) {
  std::vector<std::string> W = identifierWords(Identifier);
  if (W.empty())
    return DefinitionRole::None;
  if (hasWord(W, {"schema"}))
    return hasWord(W, {"output", "result", "response"})
               ? DefinitionRole::OutputSchema
               : DefinitionRole::InputSchema;
  const std::string &Last = W.back();
  // A resource's file path is its address: add_file_resource(path, ...).
  if (Last == "uri" || Last == "url" ||
      (hasWord(W, {"uri"}) && Last == "template") ||
      (Last == "path" && (W.size() == 1 || hasWord(W, {"file", "resource"}))))
    return DefinitionRole::Uri;
  // name, name_, m_name, tool_name, promptName; not file_name or user_name.
  if (Last == "name" &&
      (W.size() == 1 || W.front() == "m" || kindOfWord(W.front())))
    return DefinitionRole::Name;
  if (Last == "description" || Last == "desc")
    return DefinitionRole::Description;
  if (hasWord({Last}, {"handler", "callback", "fn", "func", "function", "cb"}))
    return DefinitionRole::Handler;
  return DefinitionRole::None;
}

} // namespace mcp_cutover
