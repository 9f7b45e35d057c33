#include "checks/utils/SessionIdUse.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/SessionNames.h"

#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace mcp_cutover {

using namespace clang;

bool involvesSessionId(const Expr *E, int Depth) {
  llvm::SmallVector<const Stmt *, 16> Work{E};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      const ValueDecl *D = Ref->getDecl();
      if (D->getDeclName().isIdentifier() && namesSessionId(D->getName()))
        return true;
      if (const auto *Var = dyn_cast<VarDecl>(D))
        if (Depth > 0 && Var->isLocalVarDecl() && Var->getInit() &&
            involvesSessionId(Var->getInit(), Depth - 1))
          return true;
    } else if (const auto *Member = dyn_cast<MemberExpr>(S)) {
      const ValueDecl *D = Member->getMemberDecl();
      if (!isa<CXXMethodDecl>(D) && D->getDeclName().isIdentifier() &&
          namesSessionId(D->getName()))
        return true;
    } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
      if (namesSessionId(calleeName(Call)))
        return true;
    } else if (const auto *Literal = dyn_cast<StringLiteral>(S)) {
      if (Literal->isOrdinary() &&
          matchSessionHeaderLiteral(literalText(Literal)).shape ==
              HeaderLiteralShape::Name)
        return true;
    }
    for (const Stmt *Child : S->children())
      if (Child)
        Work.push_back(Child);
  }
  return false;
}

} // namespace mcp_cutover
