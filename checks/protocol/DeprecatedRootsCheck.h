//===- DeprecatedRootsCheck.h - deprecated-roots
//----------------------------===//
#pragma once

#include "checks/protocol/DeprecatedFeatureCheck.h"

namespace mcp_cutover {

/// Finds where a client advertises the roots capability or answers
/// roots/list, which MCP 2026-07-28 deprecates (SEP-2577).
class DeprecatedRootsCheck : public DeprecatedFeatureCheck {
public:
  explicit DeprecatedRootsCheck(TranslationUnitContext &Context);
};

} // namespace mcp_cutover
