#include "checks/protocol/DeprecatedLoggingCheck.h"

namespace mcp_cutover {

namespace {
const DeprecatedFeature LoggingFeature = {
    "deprecated-logging", "logging", "notifications/message", true,
    "the log level now comes with each request in _meta "
    "'io.modelcontextprotocol/logLevel', and without it a server must not "
    "emit notifications/message"};
} // namespace

DeprecatedLoggingCheck::DeprecatedLoggingCheck(TranslationUnitContext &Context)
    : DeprecatedFeatureCheck(Context, LoggingFeature) {}

} // namespace mcp_cutover
