#include "checks/utils/JsonLiteralEvaluator.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/JsonDocument.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace mcp_cutover {

using namespace clang;
using nlohmann::ordered_json;

namespace {
constexpr int MaxDepth = 64;

/// Temporaries and std::initializer_list wrappers off: to the braced list
/// or value. Unlike ignoreWrappers, constructions and literals stay, since
/// which class is built (basic_json or not) and `_json` matter here.
const Expr *strip(const Expr *E) {
  E = ignoreTemporaries(E);
  while (const auto *IL = dyn_cast_or_null<CXXStdInitializerListExpr>(E))
    E = ignoreTemporaries(IL->getSubExpr());
  return E;
}

/// basic_json and its helpers (json_ref), whatever the alias or namespace.
bool isNlohmannRecord(const CXXRecordDecl *R) {
  if (!R)
    return false;
  llvm::StringRef Name = R->getName();
  return (Name == "basic_json" || Name == "json_ref") &&
         isInNamespace(R, "nlohmann");
}

/// nlohmann's rule: a braced list is an object when every element is a
/// two-element array whose first element is a string.
ordered_json fromList(std::vector<ordered_json> Elements, bool Deduce) {
  bool IsObject = Deduce && llvm::all_of(Elements, [](const ordered_json &J) {
                    return J.is_array() && J.size() == 2 && J[0].is_string();
                  });
  if (!IsObject)
    return ordered_json(Elements);
  ordered_json Object = ordered_json::object();
  for (ordered_json &Pair : Elements)
    Object[Pair[0].get<std::string>()] = std::move(Pair[1]);
  return Object;
}

std::optional<ordered_json> evaluate(const Expr *E, int Depth);
std::optional<ordered_json>
evaluateBuiltVariable(const VarDecl *Var, const DeclRefExpr *Use, int Depth);

std::optional<std::vector<ordered_json>>
evaluateElements(const InitListExpr *List, int Depth) {
  std::vector<ordered_json> Out;
  for (const Expr *Init : List->inits()) {
    auto V = evaluate(Init, Depth + 1);
    if (!V)
      return std::nullopt;
    Out.push_back(std::move(*V));
  }
  return Out;
}

std::optional<ordered_json> parseText(const Expr *E) {
  const StringLiteral *Literal = asStringLiteral(E);
  if (!Literal)
    return std::nullopt;
  ordered_json J =
      ordered_json::parse(literalText(Literal), nullptr, /*exceptions=*/false);
  if (J.is_discarded())
    return std::nullopt;
  return J;
}

std::optional<ordered_json> evaluateCall(const CallExpr *Call, int Depth) {
  const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
  if (!Callee || !Callee->getDeclName().isIdentifier())
    return std::nullopt;
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  llvm::StringRef Name = Callee->getName();
  bool FromJson = Method && isNlohmannRecord(Method->getParent());
  if (FromJson && (Name == "array" || Name == "object")) {
    if (Call->getNumArgs() == 0 || isa<CXXDefaultArgExpr>(Call->getArg(0)))
      return Name == "array" ? ordered_json::array() : ordered_json::object();
    const auto *List = dyn_cast<InitListExpr>(strip(Call->getArg(0)));
    if (!List)
      return std::nullopt;
    auto Elements = evaluateElements(List, Depth);
    if (!Elements)
      return std::nullopt;
    if (Name == "array")
      return ordered_json(std::move(*Elements));
    ordered_json Object = fromList(std::move(*Elements), /*Deduce=*/true);
    if (!Object.is_object())
      return std::nullopt; // json::object() of non-pairs throws at run time
    return Object;
  }
  if (FromJson && Name == "parse" && Call->getNumArgs() >= 1)
    return parseText(Call->getArg(0));
  return std::nullopt;
}

std::optional<ordered_json> evaluate(const Expr *E, int Depth) {
  if (Depth > MaxDepth)
    return std::nullopt;
  E = strip(E);
  if (!E)
    return std::nullopt;
  if (const auto *S = dyn_cast<StringLiteral>(E))
    return ordered_json(literalText(S));
  if (const auto *I = dyn_cast<IntegerLiteral>(E)) {
    // 18446744073709551615u is a number, not -1.
    if (I->getType()->isUnsignedIntegerType()) {
      auto Value = I->getValue().tryZExtValue();
      return Value ? std::optional<ordered_json>(*Value) : std::nullopt;
    }
    auto Value = integerValue(I);
    return Value ? std::optional<ordered_json>(*Value) : std::nullopt;
  }
  if (const auto *F = dyn_cast<FloatingLiteral>(E))
    return ordered_json(F->getValueAsApproximateDouble());
  if (const auto *B = dyn_cast<CXXBoolLiteralExpr>(E))
    return ordered_json(B->getValue());
  if (isa<CXXNullPtrLiteralExpr>(E))
    return ordered_json(nullptr);
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && U->getOpcode() == UO_Minus) {
    auto V = evaluate(U->getSubExpr(), Depth + 1);
    if (V && V->is_number_integer())
      return ordered_json(-V->get<int64_t>());
    if (V && V->is_number_float())
      return ordered_json(-V->get<double>());
    return std::nullopt;
  }
  if (const auto *List = dyn_cast<InitListExpr>(E)) {
    auto Elements = evaluateElements(List, Depth);
    if (!Elements)
      return std::nullopt;
    return fromList(std::move(*Elements), /*Deduce=*/true);
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    const CXXRecordDecl *Record = Construct->getConstructor()->getParent();
    if (!isNlohmannRecord(Record)) {
      // std::string("x") and other single-argument conversions.
      if (Construct->getNumArgs() >= 1)
        return evaluate(Construct->getArg(0), Depth + 1);
      return std::nullopt;
    }
    if (Construct->getNumArgs() == 0 ||
        isa<CXXDefaultArgExpr>(Construct->getArg(0)))
      return ordered_json(); // json() is null
    return evaluate(Construct->getArg(0), Depth + 1);
  }
  if (const auto *UDL = dyn_cast<UserDefinedLiteral>(E))
    if (UDL->getUDSuffix() && UDL->getUDSuffix()->getName() == "_json")
      return parseText(cookedLiteral(UDL));
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return evaluateCall(Call, Depth);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl())) {
      // A constant is its initializer; a local built up by subscript
      // assignments before its use is followed statement by statement.
      if (Var->getType().isConstQualified() && Var->getAnyInitializer())
        return evaluate(Var->getAnyInitializer(), Depth + 1);
      if (Var->isLocalVarDecl() && !Var->isStaticLocal() &&
          isNlohmannRecord(Var->getType()->getAsCXXRecordDecl()))
        return evaluateBuiltVariable(Var, Ref, Depth + 1);
    }
  return std::nullopt;
}

bool contains(const Stmt *S, const Stmt *Target) {
  if (!S)
    return false;
  if (S == Target)
    return true;
  for (const Stmt *Child : S->children())
    if (contains(Child, Target))
      return true;
  return false;
}

bool refersTo(const Stmt *S, const VarDecl *Var) {
  if (!S)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Ref->getDecl() == Var)
    return true;
  for (const Stmt *Child : S->children())
    if (refersTo(Child, Var))
      return true;
  return false;
}

const CompoundStmt *blockDeclaring(const Stmt *S, const VarDecl *Var) {
  if (!S)
    return nullptr;
  if (const auto *Block = dyn_cast<CompoundStmt>(S))
    for (const Stmt *Child : Block->body())
      if (const auto *D = dyn_cast<DeclStmt>(Child))
        for (const Decl *Declared : D->decls())
          if (Declared == Var)
            return Block;
  for (const Stmt *Child : S->children())
    if (const CompoundStmt *Found = blockDeclaring(Child, Var))
      return Found;
  return nullptr;
}

/// The value a subscript chain rooted at `Var` designates inside `Value`
/// (created as nlohmann's operator[] would), or null when the chain has a
/// key that is not a constant or is rooted elsewhere.
ordered_json *designate(const Expr *E, const VarDecl *Var, ordered_json &Value,
                        int Depth) {
  E = strip(E);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl() == Var ? &Value : nullptr;
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
  if (!Op || Op->getOperator() != OO_Subscript || Op->getNumArgs() != 2)
    return nullptr;
  ordered_json *Base = designate(Op->getArg(0), Var, Value, Depth);
  auto Key = Base ? evaluate(Op->getArg(1), Depth + 1) : std::nullopt;
  if (!Key)
    return nullptr;
  if (Key->is_string() && (Base->is_null() || Base->is_object()))
    return &(*Base)[Key->get<std::string>()];
  if (Key->is_number_unsigned() || Key->is_number_integer()) {
    if (!Base->is_array() || Key->get<int64_t>() < 0 ||
        Key->get<size_t>() >= Base->size())
      return nullptr;
    return &(*Base)[Key->get<size_t>()];
  }
  return nullptr;
}

/// Applies `v[...] = value;` or `v[...].push_back(value);` to `Value`.
bool applyStatement(const Stmt *S, const VarDecl *Var, ordered_json &Value,
                    int Depth) {
  const auto *E = dyn_cast<Expr>(S);
  if (!E)
    return false;
  E = E->IgnoreImplicit();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
    auto RHS = evaluate(Op->getArg(1), Depth + 1);
    if (!RHS)
      return false;
    ordered_json *Target = designate(Op->getArg(0), Var, Value, Depth);
    if (!Target)
      return false;
    *Target = std::move(*RHS);
    return true;
  }
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (!M || !M->getDeclName().isIdentifier() || Call->getNumArgs() != 1 ||
        (M->getName() != "push_back" && M->getName() != "emplace_back"))
      return false;
    auto Element = evaluate(Call->getArg(0), Depth + 1);
    if (!Element)
      return false;
    ordered_json *Target =
        designate(Call->getImplicitObjectArgument(), Var, Value, Depth);
    if (!Target || !(Target->is_null() || Target->is_array()))
      return false;
    Target->push_back(std::move(*Element));
    return true;
  }
  return false;
}

std::optional<ordered_json>
evaluateBuiltVariable(const VarDecl *Var, const DeclRefExpr *Use, int Depth) {
  if (Depth > MaxDepth)
    return std::nullopt;
  const auto *Fn = dyn_cast<FunctionDecl>(Var->getDeclContext());
  const CompoundStmt *Block = Fn ? blockDeclaring(Fn->getBody(), Var) : nullptr;
  if (!Block)
    return std::nullopt;
  ordered_json Value;
  if (const Expr *Init = Var->getInit()) {
    auto V = evaluate(Init, Depth + 1);
    if (!V)
      return std::nullopt;
    Value = std::move(*V);
  }
  bool Declared = false;
  for (const Stmt *S : Block->body()) {
    if (!Declared) {
      if (const auto *D = dyn_cast<DeclStmt>(S))
        Declared = llvm::is_contained(D->decls(), Var);
      continue;
    }
    if (contains(S, Use))
      return Value;
    if (refersTo(S, Var) && !applyStatement(S, Var, Value, Depth))
      return std::nullopt;
  }
  return std::nullopt;
}
/// The braced list or empty object()/array() call `E` is written as,
/// through basic_json and json_ref constructions only (a const variable's
/// list is shared, not ours).
const Expr *writtenList(const Expr *E) {
  for (int Depth = 0; E && Depth < MaxDepth; ++Depth) {
    E = strip(E);
    if (isa_and_nonnull<InitListExpr>(E))
      return E;
    if (const auto *Call = dyn_cast_or_null<CallExpr>(E)) {
      const auto *M = dyn_cast_or_null<CXXMethodDecl>(Call->getCalleeDecl());
      bool Empty =
          Call->getNumArgs() == 0 || isa<CXXDefaultArgExpr>(Call->getArg(0));
      if (M && M->getDeclName().isIdentifier() &&
          isNlohmannRecord(M->getParent()) && Empty &&
          (M->getName() == "object" || M->getName() == "array"))
        return E;
      return nullptr;
    }
    const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(E);
    if (!Construct || Construct->getNumArgs() == 0 ||
        !isNlohmannRecord(Construct->getConstructor()->getParent()))
      return nullptr;
    E = Construct->getArg(0);
  }
  return nullptr;
}

void collectLists(const Expr *E, const std::string &Pointer,
                  std::map<std::string, const Expr *> &Out, int Depth) {
  const Expr *Written = Depth <= MaxDepth ? writtenList(E) : nullptr;
  auto Value = Written ? evaluate(Written, Depth) : std::nullopt;
  if (!Value)
    return;
  Out[Pointer] = Written;
  const auto *List = dyn_cast<InitListExpr>(Written);
  for (unsigned I = 0; List && I < List->getNumInits(); ++I) {
    if (Value->is_array()) {
      collectLists(List->getInit(I), Pointer + "/" + std::to_string(I), Out,
                   Depth + 1);
      continue;
    }
    const auto *Pair =
        dyn_cast_or_null<InitListExpr>(writtenList(List->getInit(I)));
    auto Key = Pair && Pair->getNumInits() == 2
                   ? evaluate(Pair->getInit(0), Depth + 1)
                   : std::nullopt;
    if (Key && Key->is_string())
      collectLists(Pair->getInit(1),
                   JsonDocument::child(Pointer, Key->get<std::string>()), Out,
                   Depth + 1);
  }
}
} // namespace

std::optional<ordered_json> evaluateJsonLiteral(const Expr *E) {
  return evaluate(E, 0);
}

std::map<std::string, const Expr *> jsonLiteralLists(const Expr *E) {
  std::map<std::string, const Expr *> Out;
  collectLists(E, "", Out, 0);
  return Out;
}

} // namespace mcp_cutover
