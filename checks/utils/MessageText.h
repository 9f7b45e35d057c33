//===- MessageText.h - Words in a finding's message -----------------------===//
//
// Findings and runtime checks list what is missing or wrong in plain words;
// the checks and the probe share how a list reads.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <vector>

namespace mcp_cutover {

/// "a", "a and b", "a, b and c".
inline std::string joinWithAnd(const std::vector<std::string> &Words) {
  std::string Out;
  for (size_t I = 0; I < Words.size(); ++I)
    Out += (I == 0 ? "" : I + 1 == Words.size() ? " and " : ", ") + Words[I];
  return Out;
}

} // namespace mcp_cutover
