//===- CodeReach.cpp - The code a handler runs ----------------------------===//
#include "checks/utils/CodeReach.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <set>

namespace mcp_cutover {

using namespace clang;

namespace {
void addCode(const Stmt *Code, int Depth, const LocationUtil &Locations,
             std::set<const FunctionDecl *> &Seen,
             std::vector<const Stmt *> &Bodies) {
  if (!Code)
    return;
  Bodies.push_back(Code);
  if (Depth == 0)
    return;
  llvm::SmallVector<const Stmt *, 32> Work{Code};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *F = Call->getDirectCallee()) {
        const FunctionDecl *Def = F->getDefinition();
        if (Def && Def->hasBody() && Seen.insert(Def).second &&
            Locations.isUserLocation(Def->getLocation()))
          addCode(Def->getBody(), Depth - 1, Locations, Seen, Bodies);
      }
    for (const Stmt *Child : S->children())
      if (Child)
        Work.push_back(Child);
  }
}
} // namespace

std::vector<const Stmt *> reachableBodies(const Stmt *Code, int Depth,
                                          const LocationUtil &Locations) {
  std::vector<const Stmt *> Bodies;
  std::set<const FunctionDecl *> Seen;
  addCode(Code, Depth, Locations, Seen, Bodies);
  return Bodies;
}

std::vector<SourceRange> reachableCode(const Stmt *Code, int Depth,
                                       const LocationUtil &Locations) {
  std::vector<SourceRange> Ranges;
  for (const Stmt *Body : reachableBodies(Code, Depth, Locations))
    Ranges.push_back(Body->getSourceRange());
  return Ranges;
}

bool withinAny(SourceLocation Loc, llvm::ArrayRef<SourceRange> Ranges,
               const SourceManager &SM) {
  return llvm::any_of(Ranges, [&](SourceRange R) {
    return SM.isPointWithin(Loc, SM.getFileLoc(R.getBegin()),
                            SM.getFileLoc(R.getEnd()));
  });
}

bool anyWithin(llvm::ArrayRef<SourceLocation> Locs,
               llvm::ArrayRef<SourceRange> Ranges, const SourceManager &SM) {
  return llvm::any_of(
      Locs, [&](SourceLocation L) { return withinAny(L, Ranges, SM); });
}

} // namespace mcp_cutover
