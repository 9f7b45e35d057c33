//===- ResultReader.h - A saved JSON result, back into a ProjectResult ----===//
//
// `mcp-cutover report --from results.json` renders a run saved with
// `check --json` without analysing again: the JSON format
// (docs/json-format.md) carries everything the report shows.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "tool/link/ProjectLinker.h"

#include <cstdint>
#include <exception>
#include <optional>
#include <string>

namespace mcp_cutover {

/// Lines and columns beyond this are refused in a saved result: no real
/// file has them, and the report adds a few lines of context to a line
/// number.
constexpr uint64_t MaxLineOrColumn = 1u << 30;

/// Parses the JSON written by renderJson(). `Root` is where the findings'
/// relative paths live. On failure returns nullopt and sets `Error` to one
/// line naming `Path` and the problem.
std::optional<ProjectResult> readJsonResult(const std::string &Path,
                                            const std::string &Root,
                                            std::string &Error);

} // namespace mcp_cutover
