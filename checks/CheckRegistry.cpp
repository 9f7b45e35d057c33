#include "checks/CheckRegistry.h"

#include "checks/gateway/GatewayMissingHeaderRoutingCheck.h"
#include "checks/gateway/GatewaySessionHeaderCheck.h"
#include "checks/gateway/StickySessionConfigCheck.h"
#include "checks/protocol/CacheableResultFieldsCheck.h"
#include "checks/protocol/ClientInitializeCheck.h"
#include "checks/protocol/ClientMissingRoutingHeadersCheck.h"
#include "checks/protocol/CredentialsNotIssuerKeyedCheck.h"
#include "checks/protocol/DcrApplicationTypeCheck.h"
#include "checks/protocol/DeprecatedLoggingCheck.h"
#include "checks/protocol/DeprecatedRootsCheck.h"
#include "checks/protocol/DeprecatedSamplingCheck.h"
#include "checks/protocol/HeaderValidationMissingCheck.h"
#include "checks/protocol/LegacyHttpEndpointsCheck.h"
#include "checks/protocol/LegacyProtocolVersionCheck.h"
#include "checks/protocol/MissingServerDiscoverCheck.h"
#include "checks/protocol/OauthIssUncheckedCheck.h"
#include "checks/protocol/ObservabilityGapCheck.h"
#include "checks/protocol/RcErrorCodeCheck.h"
#include "checks/protocol/RemovedMethodCheck.h"
#include "checks/protocol/ScopeNotAccumulatedCheck.h"
#include "checks/protocol/ServerInitiatedRequestCheck.h"
#include "checks/session/InitializeHandlerCheck.h"
#include "checks/session/McpOnlyRedisCheck.h"
#include "checks/session/ResumeFromSessionCheck.h"
#include "checks/session/SessionIdHeaderCheck.h"
#include "checks/session/SessionKeyedStateCheck.h"
#include "checks/tools/FunctionStateCheck.h"
#include "checks/tools/HandleEntropyCheck.h"
#include "checks/tools/ToolRegistrationCheck.h"

#include "llvm/ADT/STLExtras.h"

#include <functional>

namespace mcp_cutover {

Check::~Check() = default;
GatewayCheck::~GatewayCheck() = default;

namespace {
/// A check and the rules it serves: it runs when any of them is enabled.
/// Fact-producing checks serve every rule that is decided from their facts.
struct Registration {
  std::vector<std::string> rules;
  std::function<std::unique_ptr<Check>(TranslationUnitContext &)> create;
};

template <typename T> Registration make(std::vector<std::string> Rules) {
  return {std::move(Rules),
          [](TranslationUnitContext &C) { return std::make_unique<T>(C); }};
}

/// Rules decided from tool and function facts (ToolContractLinker).
const std::vector<std::string> ToolContractRules = {
    "session-bound-tool",         "list-mutation",
    "tool-missing-handle",        "handle-not-required",
    "handle-not-string",          "handle-undocumented",
    "handle-not-returned",        "handle-lifetime-undocumented",
    "x-mcp-header-invalid",       "input-schema-invalid",
    "tools-share-implicit-state", "in-memory-handle-store"};

const std::vector<Registration> &registry() {
  static const std::vector<Registration> R = {
      make<SessionIdHeaderCheck>({"session-id-header"}),
      make<InitializeHandlerCheck>({"initialize-handler"}),
      make<SessionKeyedStateCheck>(
          {"session-keyed-state", "session-bound-tool", "tool-missing-handle"}),
      make<FunctionStateCheck>(ToolContractRules),
      make<ToolRegistrationCheck>(ToolContractRules),
      make<HandleEntropyCheck>({"handle-weak-entropy"}),
      make<RcErrorCodeCheck>({"rc-error-code"}),
      make<RemovedMethodCheck>({"removed-method"}),
      make<MissingServerDiscoverCheck>({"missing-server-discover"}),
      make<ServerInitiatedRequestCheck>({"server-initiated-request"}),
      make<LegacyHttpEndpointsCheck>({"legacy-http-endpoints"}),
      make<DeprecatedLoggingCheck>({"deprecated-logging"}),
      make<DeprecatedRootsCheck>({"deprecated-roots"}),
      make<DeprecatedSamplingCheck>({"deprecated-sampling"}),
      make<LegacyProtocolVersionCheck>({"legacy-protocol-version"}),
      make<ClientInitializeCheck>({"client-initialize"}),
      make<CacheableResultFieldsCheck>({"cacheable-result-fields"}),
      make<HeaderValidationMissingCheck>({"header-validation-missing"}),
      make<ClientMissingRoutingHeadersCheck>(
          {"client-missing-routing-headers"}),
      make<OauthIssUncheckedCheck>({"oauth-iss-unchecked"}),
      make<DcrApplicationTypeCheck>({"dcr-application-type"}),
      make<CredentialsNotIssuerKeyedCheck>({"credentials-not-issuer-keyed"}),
      make<ScopeNotAccumulatedCheck>({"scope-not-accumulated"}),
      make<ResumeFromSessionCheck>({"resume-from-session"}),
      make<McpOnlyRedisCheck>({"mcp-only-redis"}),
      make<ObservabilityGapCheck>({"observability-gap"}),
  };
  return R;
}

/// A rule over proxy configuration and its check.
struct GatewayRegistration {
  std::string rule;
  std::function<std::unique_ptr<GatewayCheck>()> create;
};

template <typename T> GatewayRegistration makeGateway(std::string Rule) {
  return {std::move(Rule), [] { return std::make_unique<T>(); }};
}

const std::vector<GatewayRegistration> &gatewayRegistry() {
  static const std::vector<GatewayRegistration> R = {
      makeGateway<StickySessionConfigCheck>("sticky-session-config"),
      makeGateway<GatewaySessionHeaderCheck>("gateway-session-header"),
      makeGateway<GatewayMissingHeaderRoutingCheck>(
          "gateway-missing-header-routing"),
  };
  return R;
}
} // namespace

const std::vector<std::string> &registeredRuleIds() {
  static const std::vector<std::string> Ids = [] {
    std::set<std::string> S;
    for (const Registration &R : registry())
      S.insert(R.rules.begin(), R.rules.end());
    for (const GatewayRegistration &R : gatewayRegistry())
      S.insert(R.rule);
    return std::vector<std::string>(S.begin(), S.end());
  }();
  return Ids;
}

const std::vector<std::string> &gatewayRuleIds() {
  static const std::vector<std::string> Ids = [] {
    std::set<std::string> S;
    for (const GatewayRegistration &R : gatewayRegistry())
      S.insert(R.rule);
    return std::vector<std::string>(S.begin(), S.end());
  }();
  return Ids;
}

std::vector<std::unique_ptr<GatewayCheck>>
createGatewayChecks(const std::set<std::string> &EnabledRules) {
  std::vector<std::unique_ptr<GatewayCheck>> Checks;
  for (const GatewayRegistration &R : gatewayRegistry())
    if (isRuleEnabled(EnabledRules, R.rule))
      Checks.push_back(R.create());
  return Checks;
}

std::vector<std::unique_ptr<Check>>
createChecks(TranslationUnitContext &Context,
             const std::set<std::string> &EnabledRules) {
  std::vector<std::unique_ptr<Check>> Checks;
  for (const Registration &R : registry())
    if (llvm::any_of(R.rules, [&](const std::string &Id) {
          return isRuleEnabled(EnabledRules, Id);
        }))
      Checks.push_back(R.create(Context));
  return Checks;
}

} // namespace mcp_cutover
