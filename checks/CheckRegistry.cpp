#include "checks/CheckRegistry.h"

#include "checks/InitializeHandlerCheck.h"
#include "checks/SessionIdHeaderCheck.h"
#include "checks/SessionKeyedStateCheck.h"

#include <functional>

namespace mcp_cutover {

Check::~Check() = default;

namespace {
struct Registration {
  std::string id;
  std::function<std::unique_ptr<Check>(TranslationUnitContext &)> create;
};

template <typename T> Registration make(const char *Id) {
  return {Id, [](TranslationUnitContext &C) { return std::make_unique<T>(C); }};
}

const std::vector<Registration> &registry() {
  static const std::vector<Registration> R = {
      make<SessionIdHeaderCheck>("session-id-header"),
      make<InitializeHandlerCheck>("initialize-handler"),
      make<SessionKeyedStateCheck>("session-keyed-state"),
  };
  return R;
}
} // namespace

const std::vector<std::string> &registeredCheckIds() {
  static const std::vector<std::string> Ids = [] {
    std::vector<std::string> V;
    for (const Registration &R : registry())
      V.push_back(R.id);
    return V;
  }();
  return Ids;
}

std::vector<std::unique_ptr<Check>>
createChecks(TranslationUnitContext &Context,
             const std::set<std::string> &EnabledRules) {
  std::vector<std::unique_ptr<Check>> Checks;
  for (const Registration &R : registry())
    if (EnabledRules.empty() || EnabledRules.count(R.id))
      Checks.push_back(R.create(Context));
  return Checks;
}

} // namespace mcp_cutover
