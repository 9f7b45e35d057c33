//===- AnnotatedCode.h - Test inputs that say what must be reported -------===//
//
// A test writes C++ with its expectations inline, next to the code that
// triggers them (as clang-tidy and include-what-you-use tests do):
//
//   res.set_header("Mcp-Session-Id", id); // expect: 18 session-id-header
//   writes ...
//
// `// expect: COLUMN RULE-ID MESSAGE` asserts a finding on that line, at that
// column, with exactly that message; a finding reported below its rule's
// level has the level first: `(note) MESSAGE`. Every finding must be
// expected and every expectation found.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "tool/link/ProjectLinker.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace mcp_cutover::test {

/// A file's bytes; fails the running test when it cannot be read.
std::string readFile(const std::string &Path);

/// The root all in-memory test files live under.
inline const std::string Root = "/virtual/project";

/// Files that every test may include: "shim.h" (an HTTP library written as
/// the user's own code) and <vendor_http.h> (the same, as a system header).
std::map<std::string, std::string> commonFiles();

struct AnnotatedRun {
  ProjectResult result;
  std::vector<std::string> expected; ///< "file:line:col rule message"
  std::vector<std::string> actual;
};

/// Rules that report something the whole project lacks
/// (missing-server-discover), or only where it lacks it
/// (legacy-protocol-version, client-initialize: no 2026-07-28 anywhere): every
/// snippet that dispatches a method is a project without server/discover, so
/// they are asserted only where a test asks (`AbsenceRules`) or expects one of
/// them in an annotation; otherwise their findings are dropped from the run,
/// `result` included.
const std::set<std::string> &absenceRules();

/// Analyses `Code` as Root/main.cpp (plus `Extra` files: names relative to
/// Root, or absolute, "/virtual/sys/x.h" being a system header) with every
/// rule, links the result, and collects expectations and findings.
AnnotatedRun runAnnotated(const std::string &Code,
                          std::map<std::string, std::string> Extra = {},
                          std::vector<std::string> Args = {},
                          bool AbsenceRules = false);

/// Reads `Text` as the proxy configuration file Root/`Name` (nginx or
/// HAProxy, told as `check` tells it), runs every gateway rule, links, and
/// collects `# expect: COLUMN RULE-ID MESSAGE` annotations and findings.
AnnotatedRun runAnnotatedConfig(const std::string &Name,
                                const std::string &Text);

/// How many findings of `Rule` `Code` has, absence rules asserted: for
/// tests that vary a snippet and count.
long countFindings(const std::string &Code, const std::string &Rule);

/// Analyses each of `Mains` (paths under Root) as its own translation unit
/// over the same in-memory `Files`, with `-std=c++20`: the facts of a
/// project of several units, for linkUnits.
std::vector<TranslationUnitFacts>
analyzeUnits(const std::map<std::string, std::string> &Files,
             const std::vector<std::string> &Mains);

/// Links the facts of several units with every rule, as `check` does.
ProjectResult linkUnits(const std::vector<TranslationUnitFacts> &Units);

} // namespace mcp_cutover::test

/// Asserts the findings of `Code` are exactly its `// expect:` annotations.
#define CHECK_ANNOTATED(...)                                                   \
  do {                                                                         \
    auto Run_ = ::mcp_cutover::test::runAnnotated(__VA_ARGS__);                \
    CHECK(Run_.actual == Run_.expected);                                       \
  } while (0)

/// Asserts the findings of a configuration file are exactly its
/// `# expect:` annotations.
#define CHECK_ANNOTATED_CONFIG(...)                                            \
  do {                                                                         \
    auto Run_ = ::mcp_cutover::test::runAnnotatedConfig(__VA_ARGS__);          \
    CHECK(Run_.actual == Run_.expected);                                       \
  } while (0)
