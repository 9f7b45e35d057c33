//===- YamlDiagnostics.h - Places and syntax errors of llvm::yaml input ---===//
//
// Every YAML reader (proxy configuration, .mcp-cutover.yaml, probe
// scenarios) reports a problem as one line, "PATH:LINE:COL: message", with
// the parser's first syntax error winning where the text broke.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"

#include <string>

namespace mcp_cutover {

/// Captures the first syntax error llvm::yaml reports through `SM`, as
/// "LINE:COL: message" (1-based); later ones follow from it and are
/// dropped. Registered with `SM` for its lifetime, so it stays in place.
class FirstYamlError {
public:
  explicit FirstYamlError(llvm::SourceMgr &SM);
  FirstYamlError(const FirstYamlError &) = delete;
  FirstYamlError &operator=(const FirstYamlError &) = delete;
  /// "" while the text parsed.
  const std::string &message() const { return Message; }

private:
  static void record(const llvm::SMDiagnostic &D, void *Context);
  std::string Message;
};

/// "PATH:LINE:COL: MESSAGE" at the start of `N`. Where the text broke off
/// the parser gives no node, or one without a place in the text; its own
/// syntax error, with its place, wins over the problem then, so 1:1 is
/// only a stand-in.
std::string yamlProblemAt(const std::string &Path, const llvm::SourceMgr &SM,
                          const llvm::yaml::Node *N,
                          const std::string &Message);

} // namespace mcp_cutover
