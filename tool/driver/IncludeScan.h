//===- IncludeScan.h - The files a unit reads, without parsing it ---------===//
//
// --diff-base analyses only the units that read a changed file. Which
// headers a unit reads is known after parsing it, too late to save the
// parse; clang's dependency scanner answers from the preprocessor
// directives alone, in a fraction of the time.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "tool/driver/Driver.h"

#include <optional>
#include <string>
#include <vector>

namespace mcp_cutover {

/// Each job's files (its main file and every header it includes, absolute
/// and canonical), in job order; none for a job the scanner could not
/// finish, which the caller must then assume reads anything.
std::vector<std::optional<std::vector<std::string>>>
scanIncludedFiles(const std::vector<CompileJob> &Jobs,
                  const AnalysisOptions &Options);

/// The file names of make-style dependency output ("t: a.h b\ c.h").
std::vector<std::string> parseMakeDependencies(llvm::StringRef Text);

} // namespace mcp_cutover
