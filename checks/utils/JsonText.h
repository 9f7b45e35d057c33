//===- JsonText.h - Members of JSON written out in a string literal -------===//
//
// Servers and clients that build messages from text write them as literals:
//   R"({"jsonrpc": "2.0", "method": "initialize",
//       "params": {"protocolVersion": "2025-06-18"}})"
// Rules read such a literal's members where they are written, so that a
// finding lands on the key's own line inside the literal. The scan is
// tolerant: a template with placeholders (`%s`, `{{id}}`) is still read as
// far as it is JSON, and nothing is guessed beyond what the text says.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace mcp_cutover {

/// One `"key": value` member of an object in JSON text.
struct JsonTextMember {
  std::string key;
  /// The key of the object around the member ("capabilities" for
  /// `{"capabilities": {"logging": {}}}`); "" at the top or in an array.
  std::string parentKey;
  size_t keyOffset = 0;   ///< The key's opening quote, in the text.
  size_t valueOffset = 0; ///< The value's first character.
  std::optional<std::string> stringValue; ///< When the value is a string.
};

/// The members of the objects in `Text`, in order, when `Text` (after
/// leading white space) opens with `{` or `[`; none otherwise. Several
/// messages one after another (a newline-separated script) are all read.
std::vector<JsonTextMember> jsonTextMembers(llvm::StringRef Text);

} // namespace mcp_cutover
