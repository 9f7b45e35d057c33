#include "checks/protocol/DeprecatedSamplingCheck.h"

namespace mcp_cutover {

namespace {
const DeprecatedFeature SamplingFeature = {
    "deprecated-sampling", "sampling", "sampling/createMessage", false,
    "plan to move off server-requested completions; while it stays, they "
    "arrive through Multi Round-Trip Requests (SEP-2322)"};
} // namespace

DeprecatedSamplingCheck::DeprecatedSamplingCheck(
    TranslationUnitContext &Context)
    : DeprecatedFeatureCheck(Context, SamplingFeature) {}

} // namespace mcp_cutover
