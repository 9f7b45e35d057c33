//===- RedisStoreLinker.h - Redis stores only session ids reach -----------===//
#pragma once

#include "checks/Finding.h"

#include <vector>

namespace mcp_cutover {

/// Decides mcp-only-redis for store wrappers project-wide: a Redis command
/// whose key is its function's parameter is reported when every call of
/// that function, in any unit, passes a session id there, directly or
/// through callers that pass on a parameter every one of their own calls
/// fills with a session id. A function nobody calls is not reported.
void linkRedisStores(const std::vector<TranslationUnitFacts> &Units,
                     std::vector<Finding> &Out);

} // namespace mcp_cutover
