//===- DeprecatedLoggingCheck.h - deprecated-logging
//------------------------===//
#pragma once

#include "checks/protocol/DeprecatedFeatureCheck.h"

namespace mcp_cutover {

/// Finds where a server advertises the logging capability or emits
/// notifications/message, which MCP 2026-07-28 deprecates (SEP-2577).
class DeprecatedLoggingCheck : public DeprecatedFeatureCheck {
public:
  explicit DeprecatedLoggingCheck(TranslationUnitContext &Context);
};

} // namespace mcp_cutover
