//===- Placeholders.h - {port}, {url}, {{handle}} filled in ---------------===//
//
// Commands (--spawn, --restart-cmd) and scenario arguments name what the
// probe knows only when it runs by placeholders; this fills them in.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>

namespace mcp_cutover {

/// `Text` with every `Placeholder` replaced by `Value` (not rescanned, so a
/// value holding the placeholder stays as it is).
inline std::string fillPlaceholder(std::string Text,
                                   const std::string &Placeholder,
                                   const std::string &Value) {
  for (size_t At = Text.find(Placeholder); At != std::string::npos;
       At = Text.find(Placeholder, At + Value.size()))
    Text.replace(At, Placeholder.size(), Value);
  return Text;
}

} // namespace mcp_cutover
