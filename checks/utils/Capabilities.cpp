//===- Capabilities.cpp - Where code advertises an MCP capability ---------===//
#include "checks/utils/Capabilities.h"

#include "checks/utils/AstUtil.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"

namespace mcp_cutover {

using namespace clang;

namespace {
/// Whether `E` names a capabilities object: `j["capabilities"]`, a variable
/// or field named for capabilities (`caps`, `capabilities_`).
bool namesCapabilities(const Expr *E) {
  E = ignoreWrappers(E);
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(E);
      Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2)
    return literalText(asStringLiteral(Op->getArg(1))) == "capabilities";
  if (const auto *D = referencedDecl(E); D && D->getDeclName().isIdentifier()) {
    std::string Name = foldName(D->getName());
    return Name == "caps" || llvm::StringRef(Name).contains("capabilit");
  }
  return false;
}
} // namespace

bool isCapabilityMember(const StringLiteral *Key, llvm::StringRef Capability,
                        ASTContext &Context) {
  if (!Key || literalText(Key) != Capability)
    return false;
  ExprUser User = findUser(Key, Context);
  // caps["logging"] = ...; j["capabilities"]["logging"] = ... (assigned:
  // `caps.contains("logging")` and `caps["logging"]` read are the peer's).
  if (const auto *Op = User.node.get<CXXOperatorCallExpr>();
      Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2 &&
      Op->getArg(1) == User.operand) {
    const auto *Assign = findUser(Op, Context).node.get<CXXOperatorCallExpr>();
    return Assign && Assign->getOperator() == OO_Equal &&
           ignoreWrappers(Assign->getArg(0)) == Op &&
           namesCapabilities(Op->getArg(0));
  }
  // {"logging", {}} as the key of a pair, inside {"capabilities", {...}} or
  // the initialiser of a variable named for capabilities.
  bool IsKey = false, Inside = false;
  int Pairs = 0;
  walkParents(
      DynTypedNode::create(*Key), Context, 16, [&](const DynTypedNode &P) {
        if (const StringLiteral *K = jsonPairKey(P)) {
          if (Pairs == 0)
            IsKey = K == Key;
          else if (literalText(K) == "capabilities")
            Inside = true;
          ++Pairs;
        }
        if (const auto *Var = P.get<VarDecl>();
            Var && Pairs == 1 && Var->getDeclName().isIdentifier())
          Inside =
              llvm::StringRef(foldName(Var->getName())).contains("capabilit");
        return !Inside && Pairs < 3 && P.get<Expr>() != nullptr;
      });
  return IsKey && Inside;
}

bool isCapabilityField(const MemberExpr *Member, llvm::StringRef Capability,
                       ASTContext &Context) {
  const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
  if (!Field || !Field->getDeclName().isIdentifier() ||
      Field->getName() != Capability)
    return false;
  const RecordDecl *Record = Field->getParent();
  if (!Record->getDeclName().isIdentifier() ||
      !llvm::StringRef(foldName(Record->getName())).contains("capabilit"))
    return false;
  // Written to: `caps.logging = LoggingCapability{}`,
  // `caps.sampling.emplace()`; not copied from the peer's
  // (`result.capabilities.logging = caps["logging"]`, the same name read from a
  // parsed message).
  auto Advertised = [&](const Expr *Value) {
    const auto *Read = dyn_cast<CXXOperatorCallExpr>(ignoreWrappers(Value));
    return !(Read && Read->getOperator() == OO_Subscript &&
             Read->getNumArgs() == 2 &&
             literalText(asStringLiteral(Read->getArg(1))) == Capability);
  };
  ExprUser User = findUser(Member, Context);
  if (const auto *B = User.node.get<BinaryOperator>())
    return B->isAssignmentOp() &&
           B->getLHS()->IgnoreParenImpCasts() == Member &&
           Advertised(B->getRHS());
  if (const auto *Op = User.node.get<CXXOperatorCallExpr>())
    return Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
           Op->getArg(0)->IgnoreParenImpCasts() == Member &&
           Advertised(Op->getArg(1));
  if (const auto *Call = User.node.get<CXXMemberCallExpr>())
    return calleeName(Call) == "emplace";
  return false;
}

} // namespace mcp_cutover
