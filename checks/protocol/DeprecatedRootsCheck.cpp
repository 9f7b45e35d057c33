#include "checks/protocol/DeprecatedRootsCheck.h"

namespace mcp_cutover {

namespace {
const DeprecatedFeature RootsFeature = {
    "deprecated-roots", "roots", "roots/list", false,
    "pass the files or directories a tool needs as its arguments"};
} // namespace

DeprecatedRootsCheck::DeprecatedRootsCheck(TranslationUnitContext &Context)
    : DeprecatedFeatureCheck(Context, RootsFeature) {}

} // namespace mcp_cutover
