//===- StatementRemoval.cpp - Fix-its that delete a whole statement -------===//
#include "checks/utils/StatementRemoval.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace mcp_cutover {

using namespace clang;

/// The statement `E` is the whole of, when it stands in a block (so that
/// deleting it leaves valid code); null otherwise.
const Stmt *wholeStatement(const Expr *E, ASTContext &Context) {
  const Stmt *S = E;
  while (true) {
    auto Parents = Context.getParents(*S);
    if (Parents.size() != 1)
      return nullptr;
    if (Parents[0].get<CompoundStmt>())
      return S;
    const auto *Parent = Parents[0].get<Expr>();
    if (!Parent ||
        !(isa<ExprWithCleanups>(Parent) || isa<ImplicitCastExpr>(Parent) ||
          isa<MaterializeTemporaryExpr>(Parent) ||
          isa<CXXBindTemporaryExpr>(Parent)))
      return nullptr;
    S = Parent;
  }
}

/// A fix-it deleting statement `S` and its semicolon: the whole line(s)
/// when nothing else is on them, else just the statement.
std::optional<FixIt> deleteStatement(const Stmt *S,
                                     const LocationUtil &Locations) {
  const SourceManager &SM = Locations.sourceManager();
  SourceLocation Begin = S->getBeginLoc(), End = S->getEndLoc();
  if (!Begin.isFileID() || !End.isFileID())
    return std::nullopt;
  SourceLocation AfterSemi = Lexer::findLocationAfterToken(
      End, tok::semi, SM, Locations.langOptions(), false);
  if (AfterSemi.isInvalid())
    return std::nullopt;
  FileID File = SM.getFileID(Begin);
  llvm::StringRef Text = SM.getBufferData(File);
  size_t From = SM.getFileOffset(Begin), To = SM.getFileOffset(AfterSemi);
  size_t LineStart = Text.rfind('\n', From);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  size_t LineEnd = Text.find('\n', To);
  LineEnd = LineEnd == llvm::StringRef::npos ? Text.size() : LineEnd + 1;
  if (Text.slice(LineStart, From).trim().empty() &&
      Text.slice(To, LineEnd).trim().empty()) {
    From = LineStart;
    To = LineEnd;
  }
  FixIt F{Locations.point(SM.getComposedLoc(File, From)), ""};
  SourceSpan Until = Locations.point(SM.getComposedLoc(File, To));
  F.span.endLine = Until.line;
  F.span.endColumn = Until.column;
  return F;
}

} // namespace mcp_cutover
