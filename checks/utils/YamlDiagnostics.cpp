#include "checks/utils/YamlDiagnostics.h"

namespace mcp_cutover {

FirstYamlError::FirstYamlError(llvm::SourceMgr &SM) {
  SM.setDiagHandler(record, this);
}

void FirstYamlError::record(const llvm::SMDiagnostic &D, void *Context) {
  auto *E = static_cast<FirstYamlError *>(Context);
  if (E->Message.empty())
    E->Message = std::to_string(D.getLineNo()) + ":" +
                 std::to_string(D.getColumnNo() + 1) + ": " +
                 D.getMessage().str();
}

std::string yamlProblemAt(const std::string &Path, const llvm::SourceMgr &SM,
                          const llvm::yaml::Node *N,
                          const std::string &Message) {
  unsigned Line = 1, Column = 1;
  llvm::SMLoc Loc = N ? N->getSourceRange().Start : llvm::SMLoc();
  if (Loc.isValid() && SM.FindBufferContainingLoc(Loc) != 0)
    std::tie(Line, Column) = SM.getLineAndColumn(Loc);
  return Path + ":" + std::to_string(Line) + ":" + std::to_string(Column) +
         ": " + Message;
}

} // namespace mcp_cutover
