//===- DeprecatedSamplingCheck.h - deprecated-sampling
//----------------------===//
#pragma once

#include "checks/protocol/DeprecatedFeatureCheck.h"

namespace mcp_cutover {

/// Finds where a client advertises the sampling capability or answers
/// sampling/createMessage, which MCP 2026-07-28 deprecates (SEP-2577).
class DeprecatedSamplingCheck : public DeprecatedFeatureCheck {
public:
  explicit DeprecatedSamplingCheck(TranslationUnitContext &Context);
};

} // namespace mcp_cutover
