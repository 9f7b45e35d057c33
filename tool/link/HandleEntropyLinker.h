//===- HandleEntropyLinker.h - Predictable ids that reach a client and back
//===//
#pragma once

#include "checks/Finding.h"

#include <set>
#include <string>
#include <vector>

namespace mcp_cutover {

/// Decides handle-weak-entropy project-wide: a predictable source is
/// reported when the id it mints can be followed (through the flow edges of
/// every translation unit) both out toward a client (a header, an SSE event
/// id, an endpoint URL, a JSON member, a tool's result) and back in as a key
/// (looked up in the container it was stored in, compared with a stored id,
/// or a header the project reads). With one side seen, only ids minted by
/// something named for a handle are reported, at note level. Findings go to
/// `Out` when `Report` (the rule is enabled).
///
/// Returns, from the same pass, the counters (fields and globals) whose
/// values stay in the process: never read but to increment them, and no
/// value drawn from them seen leaving toward a client or coming back
/// (temporary file names, work-queue positions, LRU stamps). No later call
/// can observe them, so they are no tool's state. Declaration keys, as
/// StateUse::stateKey.
std::set<std::string>
linkHandleEntropy(const std::vector<TranslationUnitFacts> &Units, bool Report,
                  std::vector<Finding> &Out);

} // namespace mcp_cutover
