#include "checks/utils/ToolDispatch.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/SessionNames.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"

#include <algorithm>

namespace mcp_cutover {

using namespace clang;

namespace {

/// What a function serving tools/call, prompts/get or resources/read is
/// named: callTool, handle_tool_call, handleFileSystemToolCall,
/// execute_tool, getPrompt, read_resource.
std::string servedKind(const FunctionDecl &F) {
  if (!F.getDeclName().isIdentifier())
    return "";
  std::vector<std::string> W = identifierWords(F.getName());
  bool Serves = hasWord(
      W, {"call", "invoke", "execute", "handle", "dispatch", "run", "get"});
  if (Serves && hasWord(W, {"tool"}))
    return "tool";
  if (Serves && hasWord(W, {"prompt"}))
    return "prompt";
  if ((Serves || hasWord(W, {"read"})) && hasWord(W, {"resource"}))
    return "resource";
  return "";
}

/// The requested name (a resource's uri): `params.name`,
/// `request.tool_name`, a variable or parameter `tool_name` / `name`,
/// `params["name"]`, `params.at("name")`, `params.uri`.
bool isRequestedName(const Expr *E, llvm::StringRef Field) {
  E = ignoreWrappers(E);
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    // A getter (`params.getName()`) or a lookup (`params.at("name")`).
    std::string Callee = calleeName(Call);
    if (Callee == "at" || Callee == "value" || Callee == "get")
      return Call->getNumArgs() >= 1 && asStringLiteral(Call->getArg(0)) &&
             literalText(asStringLiteral(Call->getArg(0))) == Field;
    std::vector<std::string> W = identifierWords(Callee);
    return W.size() >= 2 && W.back() == Field && W.front() == "get";
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    return Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2 &&
           asStringLiteral(Op->getArg(1)) &&
           literalText(asStringLiteral(Op->getArg(1))) == Field;
  const NamedDecl *D = referencedDecl(E);
  if (!D || !D->getDeclName().isIdentifier())
    return false;
  std::vector<std::string> W = identifierWords(D->getName());
  return !W.empty() && W.back() == Field &&
         (W.size() == 1 || hasWord(W, {"tool", "prompt", "resource"}));
}

} // namespace

std::optional<ToolDispatchBranch> toolDispatchBranch(const Expr *Comparison,
                                                     ASTContext &Context) {
  Comparison = Comparison->IgnoreImplicit();
  const Expr *Left = nullptr, *Right = nullptr;
  if (const auto *B = dyn_cast<BinaryOperator>(Comparison);
      B && B->getOpcode() == BO_EQ) {
    Left = B->getLHS();
    Right = B->getRHS();
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Comparison);
             Op && Op->getOperator() == OO_EqualEqual &&
             Op->getNumArgs() == 2) {
    Left = Op->getArg(0);
    Right = Op->getArg(1);
  } else if (const auto *Recovery = dyn_cast<RecoveryExpr>(Comparison);
             Recovery && Recovery->subExpressions().size() == 2 &&
             operatorBetween(Recovery->subExpressions()[0],
                             Recovery->subExpressions()[1], Context, {"=="})) {
    // `params.name == "x"` kept only as a RecoveryExpr in a unit with errors.
    Left = Recovery->subExpressions()[0];
    Right = Recovery->subExpressions()[1];
  }
  if (!Left)
    return std::nullopt;
  const StringLiteral *Literal = asStringLiteral(Right);
  if (!Literal) {
    std::swap(Left, Right);
    Literal = asStringLiteral(Right);
  }
  if (!Literal ||
      !(isRequestedName(Left, "name") || isRequestedName(Left, "uri")))
    return std::nullopt;
  ToolDispatchBranch Branch;
  Branch.literal = Literal;
  Branch.name = literalText(Literal);
  // The if statement whose whole condition is the comparison, and the
  // function that holds it.
  const IfStmt *If = nullptr;
  walkParents(DynTypedNode::create(*Comparison), Context, 64,
              [&](const DynTypedNode &P) {
                if (const auto *S = P.get<IfStmt>(); S && !If) {
                  if (ignoreWrappers(S->getCond()) !=
                      ignoreWrappers(Comparison))
                    return false;
                  If = S;
                }
                if (const auto *F = P.get<FunctionDecl>()) {
                  Branch.function = F;
                  return false;
                }
                return P.get<Stmt>() != nullptr;
              });
  if (!If || !Branch.function || Branch.name.empty())
    return std::nullopt;
  Branch.kind = servedKind(*Branch.function);
  if (Branch.kind.empty() ||
      !isRequestedName(Left, Branch.kind == "resource" ? "uri" : "name"))
    return std::nullopt;
  Branch.body = If->getThen();
  return Branch;
}

std::string dispatchBranchId(const ToolDispatchBranch &Branch,
                             const LocationUtil &Locations) {
  return "branch@" + Locations.span(Branch.literal->getBeginLoc()).key();
}

} // namespace mcp_cutover
