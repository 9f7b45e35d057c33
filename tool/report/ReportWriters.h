//===- ReportWriters.h - The cutover checklist, one writer per format -----===//
//
// `mcp-cutover report` renders a CutoverPlan as terminal text, GitHub-
// flavoured Markdown (a pull-request comment, $GITHUB_STEP_SUMMARY) or one
// self-contained HTML file. Same plan in, same bytes out.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "tool/report/CutoverPlan.h"

#include <string>

namespace mcp_cutover {

std::string renderTextReport(const CutoverPlan &Plan, bool Color);
std::string renderMarkdownReport(const CutoverPlan &Plan);
std::string renderHtmlReport(const CutoverPlan &Plan);

} // namespace mcp_cutover
