#include "checks/tools/FunctionStateCheck.h"

#include "checks/SdkProfile.h"
#include "checks/tools/HandleEntropyCheck.h"
#include "checks/utils/AstUtil.h"
#include "checks/utils/SessionNames.h"
#include "checks/utils/ToolDispatch.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/LambdaCapture.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchers.h"

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {

/// Whether the name of `T`'s class (also through a reference) has one of
/// `Words`.
bool typeNameHasWord(QualType T, llvm::ArrayRef<llvm::StringRef> Words) {
  const CXXRecordDecl *R = T.getNonReferenceType()->getAsCXXRecordDecl();
  return R && hasWord(identifierWords(R->getName()), Words);
}

/// Objects whose mutation is not state a request leaves behind: locks,
/// threads, streams and loggers.
bool isPlumbingType(QualType T) {
  return typeNameHasWord(T, {"mutex", "lock", "guard", "variable", "flag",
                             "latch", "barrier", "semaphore", "thread",
                             "ostream", "ofstream", "fstream", "stringstream",
                             "ostringstream", "logger", "log", "sink"});
}

/// The standard library's and nlohmann's types: values held in memory.
bool isValueLibraryType(const CXXRecordDecl *R) {
  return R->isInStdNamespace() || isInNamespace(R, "nlohmann");
}

/// A client of state kept outside the process (a Redis or database client,
/// a connection, a socket): what its calls change is shared by every
/// instance already.
bool isStoreClientType(QualType T) {
  return typeNameHasWord(T, {"redis", "sql", "sqlite", "sqlite3", "db",
                             "database", "connection", "conn", "client", "pool",
                             "statement", "stmt", "transaction", "cursor",
                             "socket", "stream", "channel", "http", "curl"});
}

/// Whether a method's name says it changes its object (`CreateTarget`,
/// `add_item`, `reset`): the API of an in-process library (a debugger, a
/// parser) is not always const-correct, so non-const alone proves nothing.
bool namesMutation(llvm::StringRef Method) {
  std::vector<std::string> Words = identifierWords(Method);
  if (Words.empty())
    return false;
  static const std::set<std::string> Verbs = {
      "create",  "add",     "insert",   "emplace",    "push",   "pop",
      "put",     "set",     "erase",    "remove",     "delete", "clear",
      "reset",   "update",  "append",   "assign",     "attach", "detach",
      "launch",  "load",    "register", "unregister", "store",  "save",
      "enqueue", "dequeue", "destroy",  "kill"};
  return Verbs.count(Words.front()) != 0;
}

/// Whether `M`, a method of a standard or JSON type, has a const twin with
/// the same parameters (the non-const `find`, `begin`, `at` and `front` of
/// a container): then calling it on a non-const object only reads,
/// whichever overload is chosen.
bool hasConstOverload(const CXXMethodDecl *M) {
  if (M->isConst())
    return true;
  if (!isValueLibraryType(M->getParent()))
    return false;
  auto SameParameters = [&](const CXXMethodDecl *Other) {
    if (Other->getNumParams() != M->getNumParams())
      return false;
    for (unsigned I = 0; I < M->getNumParams(); ++I)
      if (Other->getParamDecl(I)->getType().getCanonicalType() !=
          M->getParamDecl(I)->getType().getCanonicalType())
        return false;
    return true;
  };
  for (const NamedDecl *D : M->getParent()->lookup(M->getDeclName())) {
    const auto *Other = dyn_cast<CXXMethodDecl>(D);
    if (const auto *T = dyn_cast<FunctionTemplateDecl>(D))
      Other = dyn_cast<CXXMethodDecl>(T->getTemplatedDecl());
    if (Other && Other->isConst() && SameParameters(Other))
      return true;
  }
  return false;
}

/// std::shared_ptr, whose copies all reach one object.
bool isSharedPointer(QualType T) {
  const CXXRecordDecl *R = T.getNonReferenceType()->getAsCXXRecordDecl();
  return R && R->isInStdNamespace() && R->getName() == "shared_ptr";
}

/// The variables `S` reads, also through the initialisers of the locals it
/// names (`it` of `auto it = memo.find(key)`, a range-for's loop variable
/// and the hidden iterator and range behind it).
void referencedVars(const Stmt *S, std::set<const VarDecl *> &Out,
                    unsigned Hops = 0) {
  if (!S || Hops > 6)
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Out.insert(Var).second && Var->isLocalVarDecl() &&
        !Var->isStaticLocal())
      referencedVars(Var->getInit(), Out, Hops + 1);
  for (const Stmt *Child : S->children())
    referencedVars(Child, Out, Hops);
}

/// Whether `Fn` makes something random or an identifier (`rand()`, a
/// `<random>` engine, `generate_uuid()`): what it would remember is minted
/// per instance, not computed from its input.
bool mintsValues(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *F = Call->getDirectCallee();
        F && F->getDeclName().isIdentifier() &&
        (hasWord(identifierWords(F->getName()),
                 {"rand", "random", "uuid", "guid", "nonce", "entropy"}) ||
         namesMintedHandle(F->getName(), /*IsFunction=*/true)))
      return true;
  if (const auto *Decls = dyn_cast<DeclStmt>(S))
    for (const Decl *D : Decls->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D);
          Var && (!weakEngineOf(Var).empty() ||
                  typeNameHasWord(Var->getType(), {"random"})))
        return true;
  return std::any_of(S->child_begin(), S->child_end(), mintsValues);
}

/// The fields and variables an lvalue is reached by, from its root
/// (`it->second.items` is it, second, items). Subscripts, dereferences and
/// method calls stay on their object's path.
std::vector<const Decl *> accessPath(const Expr *E, unsigned Depth = 0) {
  if (!E || Depth > 12)
    return {};
  E = E->IgnoreImplicit()->IgnoreParenImpCasts();
  // A copy or move of it (a return by value) reads the same object.
  if (const auto *Copy = dyn_cast<CXXConstructExpr>(E);
      Copy && Copy->getNumArgs() == 1)
    return accessPath(Copy->getArg(0), Depth + 1);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    // A local reference is another name for what it is bound to.
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->isLocalVarDecl() && Var->getType()->isReferenceType() &&
        Var->getInit())
      return accessPath(Var->getInit(), Depth + 1);
    return {Ref->getDecl()};
  }
  if (const auto *M = dyn_cast<MemberExpr>(E)) {
    std::vector<const Decl *> Path = accessPath(M->getBase(), Depth + 1);
    if (!Path.empty())
      Path.push_back(M->getMemberDecl());
    return Path;
  }
  if (const auto *A = dyn_cast<ArraySubscriptExpr>(E))
    return accessPath(A->getBase(), Depth + 1);
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    return accessPath(U->getSubExpr(), Depth + 1);
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    return Op->getNumArgs() ? accessPath(Op->getArg(0), Depth + 1)
                            : std::vector<const Decl *>{};
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
    return accessPath(Call->getImplicitObjectArgument(), Depth + 1);
  return {};
}

/// The lvalues `S` changes: assigned, incremented, or the object of a
/// non-const method or subscript.
void writtenLvalues(const Stmt *S, std::vector<const Expr *> &Out) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (const auto *B = dyn_cast<BinaryOperator>(S); B && B->isAssignmentOp())
    Out.push_back(B->getLHS());
  if (const auto *U = dyn_cast<UnaryOperator>(S);
      U && U->isIncrementDecrementOp())
    Out.push_back(U->getSubExpr());
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S);
      Op && Op->getNumArgs() > 0) {
    const auto *M = dyn_cast_or_null<CXXMethodDecl>(Op->getCalleeDecl());
    if (Op->isAssignmentOp() || Op->getOperator() == OO_PlusPlus ||
        Op->getOperator() == OO_MinusMinus ||
        (Op->getOperator() == OO_Subscript && M && !M->isConst()))
      Out.push_back(Op->getArg(0));
  }
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S))
    if (const CXXMethodDecl *M = Call->getMethodDecl();
        M && !hasConstOverload(M))
      Out.push_back(Call->getImplicitObjectArgument());
  for (const Stmt *Child : S->children())
    writtenLvalues(Child, Out);
}

/// Whether one access path is a prefix of the other: the same object, or
/// one inside the other.
bool pathsOverlap(const std::vector<const Decl *> &A,
                  const std::vector<const Decl *> &B) {
  if (A.empty() || B.empty())
    return false;
  for (size_t I = 0; I < std::min(A.size(), B.size()); ++I)
    if (A[I] != B[I])
      return false;
  return true;
}

/// The sub-expressions of `Condition` that compare or look up
/// (`slot.root == root`, `it != memo.end()`, `memo.count(k)`).
void keyTests(const Stmt *S, std::vector<const Stmt *> &Out) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (const auto *B = dyn_cast<BinaryOperator>(S); B && B->isComparisonOp())
    Out.push_back(S);
  else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S);
           Op && (Op->getOperator() == OO_EqualEqual ||
                  Op->getOperator() == OO_ExclaimEqual))
    Out.push_back(S);
  else if (isa<CXXRewrittenBinaryOperator>(S) || isa<CXXMemberCallExpr>(S))
    Out.push_back(S);
  for (const Stmt *Child : S->children())
    keyTests(Child, Out);
}

/// Whether every use of `Var` in `Body` is the operand of ++ or -- and
/// none is inside a return: a clock that only orders cache entries (an LRU
/// stamp), never handed out.
bool onlyStampsEntries(const VarDecl *Var, const Stmt *Body) {
  bool Other = false;
  std::function<void(const Stmt *, bool)> Walk = [&](const Stmt *S,
                                                     bool InReturn) {
    if (!S)
      return;
    if (const auto *U = dyn_cast<UnaryOperator>(S);
        U && U->isIncrementDecrementOp())
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParenImpCasts());
          Ref && Ref->getDecl() == Var) {
        Other |= InReturn;
        return;
      }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S);
        Ref && Ref->getDecl() == Var)
      Other = true;
    for (const Stmt *Child : S->children())
      Walk(Child, InReturn || isa<ReturnStmt>(S));
  };
  Walk(Body, false);
  return !Other;
}

/// The static locals of `Fn` that memoise its result: a return under a
/// condition or in a loop hands back what one holds, found by comparing it
/// with the function's input (`for (auto &s : cache) if (s.key == key)
/// return s.value;`, `if (auto it = memo.find(k); it != memo.end()) return
/// it->second;`), unchanged on the way there; plus the integer clocks that
/// only stamp its entries (an LRU's). What it stores is its own computation,
/// the same on every instance. Not when the hit path changes what it
/// returns (`it->second.push_back(x); return it->second.size();`
/// accumulates), when the key is a session id, when it returns a mutable
/// reference or pointer (callers change the entries), or when it mints
/// values (a remembered random id is per-instance state). Other statics of
/// the function stay state.
std::set<const VarDecl *> memoStatics(const FunctionDecl *Fn) {
  QualType Result = Fn->getReturnType();
  if (!Fn->hasBody() ||
      ((Result->isReferenceType() || Result->isPointerType()) &&
       !Result->getPointeeType().isConstQualified()) ||
      mintsValues(Fn->getBody()))
    return {};
  std::set<const VarDecl *> Statics;
  std::set<const VarDecl *> Caches;
  bool Changed = false;
  std::vector<const Expr *> AllWrites;
  writtenLvalues(Fn->getBody(), AllWrites);
  const SourceManager *SM = &Fn->getASTContext().getSourceManager();
  // The conditions (a range-for's range) around the statement walked.
  std::vector<const Stmt *> Conditions;
  auto HitReturn = [&](const ReturnStmt *Return) {
    std::set<const VarDecl *> Returned;
    referencedVars(Return->getRetValue(), Returned);
    // A static compared with a parameter in one test is looked up by it.
    std::set<const VarDecl *> Keyed;
    std::vector<const Stmt *> Tests;
    for (const Stmt *Condition : Conditions)
      keyTests(Condition, Tests);
    for (const Stmt *Test : Tests) {
      std::set<const VarDecl *> Vars;
      referencedVars(Test, Vars);
      bool ByInput = false;
      for (const VarDecl *V : Vars)
        if (isa<ParmVarDecl>(V)) {
          if (namesSessionId(V->getName()))
            return;
          ByInput = true;
        }
      if (ByInput)
        for (const VarDecl *V : Vars)
          if (V->isStaticLocal() && Returned.count(V))
            Keyed.insert(V);
    }
    if (Keyed.empty())
      return;
    Caches.insert(Keyed.begin(), Keyed.end());
    // The hit path: what runs before this return, in the function's order.
    std::vector<const Decl *> Path = accessPath(Return->getRetValue());
    std::vector<const Expr *> InReturn;
    writtenLvalues(Return->getRetValue(), InReturn);
    Changed |= !InReturn.empty();
    for (const Expr *W : AllWrites) {
      if (!SM->isBeforeInTranslationUnit(W->getBeginLoc(),
                                         Return->getBeginLoc()))
        continue;
      std::vector<const Decl *> Written = accessPath(W);
      // A range-for steps its hidden iterator: that moves, nothing changes.
      if (!Written.empty() && Written.front()->isImplicit())
        continue;
      if (!Path.empty()) {
        Changed |= pathsOverlap(Written, Path);
        continue;
      }
      std::set<const VarDecl *> WrittenVars;
      referencedVars(W, WrittenVars);
      Changed |= std::any_of(Keyed.begin(), Keyed.end(), [&](const VarDecl *V) {
        return WrittenVars.count(V);
      });
    }
  };
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *Decls = dyn_cast<DeclStmt>(S))
      for (const Decl *D : Decls->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D); Var && Var->isStaticLocal())
          Statics.insert(Var);
    if (const auto *Return = dyn_cast<ReturnStmt>(S);
        Return && Return->getRetValue() && !Conditions.empty())
      HitReturn(Return);
    auto Nested = [&](const Stmt *Condition, const Stmt *Body) {
      Conditions.push_back(Condition);
      Walk(Body);
      Conditions.pop_back();
    };
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      Walk(If->getInit());
      Walk(If->getConditionVariableDeclStmt());
      Walk(If->getCond());
      Nested(If->getCond(), If->getThen());
      Nested(If->getCond(), If->getElse());
    } else if (const auto *Range = dyn_cast<CXXForRangeStmt>(S)) {
      Walk(Range->getInit());
      Walk(Range->getRangeInit());
      Nested(Range->getRangeInit(), Range->getBody());
    } else if (const auto *For = dyn_cast<ForStmt>(S)) {
      Walk(For->getInit());
      Nested(For->getCond(), For->getBody());
    } else if (const auto *While = dyn_cast<WhileStmt>(S)) {
      Nested(While->getCond(), While->getBody());
    } else {
      for (const Stmt *Child : S->children())
        Walk(Child);
    }
  };
  Walk(Fn->getBody());
  if (Caches.empty() || Changed)
    return {};
  std::set<const VarDecl *> Memo = Caches;
  for (const VarDecl *V : Statics)
    if (V->getType()->isIntegerType() && onlyStampsEntries(V, Fn->getBody()))
      Memo.insert(V);
  return Memo;
}

/// What an lvalue ultimately belongs to.
struct Root {
  std::string kind; ///< A StateUse kind, "this", or "" (local, temporary).
  const ValueDecl *decl = nullptr;
  std::string name;
};

class StateCollector : public RecursiveASTVisitor<StateCollector> {
public:
  StateCollector(const FunctionDecl *Fn, const LocationUtil &Locations,
                 const SdkProfileSet &Profiles, FunctionStateFact &Fact)
      : Fn(Fn), Locations(Locations), Profiles(Profiles), Fact(Fact),
        Memo(memoStatics(Fn)) {}

  /// Conditions of the if statements around the node being visited.
  bool TraverseIfStmt(IfStmt *If) {
    Guards.push_back(If->getCond());
    bool Continue = RecursiveASTVisitor::TraverseIfStmt(If);
    Guards.pop_back();
    return Continue;
  }

  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->isAssignmentOp())
      use(Op->getLHS(), /*Write=*/true);
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *Op) {
    if (Op->isIncrementDecrementOp())
      use(Op->getSubExpr(), /*Write=*/true);
    return true;
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->getNumArgs() == 0)
      return true;
    OverloadedOperatorKind K = Op->getOperator();
    bool Mutates =
        Op->isAssignmentOp() || K == OO_PlusPlus || K == OO_MinusMinus;
    // A non-const operator[] inserts into maps: a write.
    if (K == OO_Subscript)
      if (const auto *M = dyn_cast_or_null<CXXMethodDecl>(Op->getCalleeDecl()))
        Mutates = !M->isConst();
    if (Mutates)
      use(Op->getArg(0), /*Write=*/true);
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return true;
    noteListMutation(Call, Callee);
    if (isa<CXXOperatorCallExpr>(Call) && !isa<CXXMethodDecl>(Callee))
      return true;
    const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(Call);
    const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
    bool UserCallee = Locations.isUserLocation(Callee->getLocation());
    if (!MemberCall || !Method || Method->isStatic()) {
      if (UserCallee && !isa<CXXOperatorCallExpr>(Call))
        addCall(Callee, Call, Root{});
      return true;
    }
    const Expr *Object = MemberCall->getImplicitObjectArgument();
    if (!Object)
      return true;
    Root R = rootOf(Object);
    if (UserCallee) {
      addCall(Callee, Call, R);
      return true;
    }
    // A library method we cannot follow: a non-const one of a standard or
    // JSON type changes its object; another library's in-process object
    // (a debugger's CreateTarget) when the method's name says so. A store's
    // client is not judged: the state it changes is shared already.
    if (!hasConstOverload(Method) && !isPlumbingType(Object->getType()) &&
        (isValueLibraryType(Method->getParent()) ||
         (!isStoreClientType(Object->getType()) &&
          namesMutation(Method->getName()))))
      use(Object, /*Write=*/true);
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      if (!Var->hasGlobalStorage() && namesSessionId(Var->getName()))
        addUse("session-id", nullptr, Var->getName().str(), Ref, false);
    use(Ref, /*Write=*/false);
    return true;
  }

  bool VisitMemberExpr(MemberExpr *Member) {
    const ValueDecl *D = Member->getMemberDecl();
    llvm::StringRef Name = D->getName();
    bool Getter = isa<CXXMethodDecl>(D) &&
                  (Name.starts_with("get") || Name.starts_with("session"));
    if ((isa<FieldDecl>(D) || Getter) && namesSessionId(Name))
      addUse("session-id", nullptr, Locations.text(Member->getSourceRange()),
             Member, false);
    if (isa<FieldDecl>(D))
      use(Member, /*Write=*/false);
    return true;
  }

  bool VisitStringLiteral(StringLiteral *S) {
    std::string Text = literalText(S);
    if (llvm::StringRef(Text).starts_with("notifications/") &&
        llvm::StringRef(Text).ends_with("/list_changed") &&
        Text != "notifications/roots/list_changed")
      Fact.listMutations.push_back(
          {Locations.span(S->getSourceRange()), "sends " + Text});
    return true;
  }

private:
  /// Follows an lvalue to what owns it: through members, subscripts,
  /// dereferences, accessor calls that return references, and local
  /// references or pointers bound to something else.
  Root rootOf(const Expr *E, unsigned Depth = 0) const {
    if (!E || Depth > 12)
      return {};
    E = E->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(E))
      return {"this", nullptr, "this"};
    if (const auto *M = dyn_cast<MemberExpr>(E)) {
      const Expr *Base = M->getBase()->IgnoreParenImpCasts();
      if (const auto *Field = dyn_cast<FieldDecl>(M->getMemberDecl()))
        if (isa<CXXThisExpr>(Base)) {
          std::string Owner = Field->getParent()->getName().str();
          return {"member", Field,
                  (Owner.empty() ? "" : Owner + "::") + Field->getName().str()};
        }
      return rootOf(Base, Depth + 1);
    }
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(E))
      return rootOf(A->getBase(), Depth + 1);
    if (const auto *U = dyn_cast<UnaryOperator>(E))
      if (U->getOpcode() == UO_Deref || U->getOpcode() == UO_AddrOf)
        return rootOf(U->getSubExpr(), Depth + 1);
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      OverloadedOperatorKind K = Op->getOperator();
      if ((K == OO_Subscript || K == OO_Star || K == OO_Arrow) &&
          Op->getNumArgs() >= 1)
        return rootOf(Op->getArg(0), Depth + 1);
      return {};
    }
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      QualType T = Call->getType();
      if (Call->isGLValue() || T->isPointerType())
        return rootOf(Call->getImplicitObjectArgument(), Depth + 1);
      return {};
    }
    if (const auto *Call = dyn_cast<CallExpr>(E))
      return returnedStorage(Call);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      // The function's own parameters die with the call; an enclosing
      // function's (`register_tools(Server &server)`) are captures.
      if (!Var || (isa<ParmVarDecl>(Var) && declaredWithin(Var)))
        return {};
      std::string Name = Var->getName().str();
      if (Var->isStaticLocal())
        return {"static-local", Var, Name};
      if (Var->hasGlobalStorage()) {
        if (!Locations.isUserLocation(Var->getLocation()))
          return {};
        if (const auto *Record = dyn_cast<CXXRecordDecl>(Var->getDeclContext()))
          Name = Record->getName().str() + "::" + Name;
        return {"global", Var, Name};
      }
      if (!declaredWithin(Var)) {
        // A variable of an enclosing function, captured by a lambda: alive
        // for as long as the lambda is.
        return {"capture", Var, Name};
      }
      QualType T = Var->getType();
      if ((T->isReferenceType() || T->isPointerType()) && Var->getInit())
        return rootOf(Var->getInit(), Depth + 1);
      return {};
    }
    return {};
  }

  /// What a free or static function of the user's returns by reference or
  /// pointer when that is a static local or a global: the accessor of a
  /// singleton (`static Manager &instance() { static Manager m; return m; }`)
  /// hands every caller the same object.
  Root returnedStorage(const CallExpr *Call) const {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || !(Call->isGLValue() || Call->getType()->isPointerType()))
      return {};
    const FunctionDecl *Definition = nullptr;
    if (!Callee->hasBody(Definition) ||
        !Locations.isUserLocation(Definition->getLocation()))
      return {};
    for (const Stmt *S : Definition->getBody()->children()) {
      const auto *Return = dyn_cast_or_null<ReturnStmt>(S);
      const Expr *Value = Return && Return->getRetValue()
                              ? Return->getRetValue()->IgnoreParenImpCasts()
                              : nullptr;
      if (const auto *U = dyn_cast_or_null<UnaryOperator>(Value);
          U && U->getOpcode() == UO_AddrOf)
        Value = U->getSubExpr()->IgnoreParenImpCasts();
      const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Value);
      const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
      // A logger's or lock's singleton is plumbing, like the type itself.
      if (!Var || !Var->hasGlobalStorage() ||
          !Locations.isUserLocation(Var->getLocation()) ||
          isPlumbingType(Var->getType()))
        continue;
      // Named as rootOf names it; a static local also by its accessor:
      // Class::instance()::manager, read_cache()::c (no namespaces).
      Root R = rootOf(Ref);
      if (R.kind == "static-local") {
        std::string Accessor = Definition->getNameAsString() + "()";
        if (const auto *M = dyn_cast<CXXMethodDecl>(Definition))
          Accessor = M->getParent()->getNameAsString() + "::" + Accessor;
        R.name = Accessor + "::" + R.name;
      }
      return R;
    }
    return {};
  }

  /// Whether the lambda being summarised shares `D` with code outside it:
  /// a capture by reference, or a pointer whose pointee every copy reaches.
  bool isSharedCapture(const ValueDecl *D) const {
    QualType T = D->getType().getNonReferenceType();
    if (T->isPointerType() || isSharedPointer(T))
      return true;
    const auto *Method = dyn_cast<CXXMethodDecl>(Fn);
    if (!Method || !Method->getParent()->isLambda())
      return false;
    for (const LambdaCapture &C : Method->getParent()->captures())
      if (C.capturesVariable() && C.getCapturedVar() == D)
        return C.getCaptureKind() == LCK_ByRef;
    return false;
  }

  bool declaredWithin(const VarDecl *Var) const {
    for (const DeclContext *C = Var->getDeclContext(); C; C = C->getParent())
      if (C == Fn)
        return true;
    return false;
  }

  void use(const Expr *E, bool Write) {
    Root R = rootOf(E);
    if (R.kind.empty() || R.kind == "this" || !R.decl)
      return;
    QualType T = R.decl->getType();
    // Reads count only of state something may write; a value captured by
    // copy is the lambda's configuration until it changes it, one captured
    // by reference or through a shared pointer is shared with the code
    // around the lambda (and with the other handlers that capture it).
    if (isPlumbingType(T) ||
        (!Write && (T.isConstQualified() || T->isFunctionType() ||
                    (R.kind == "capture" && !isSharedCapture(R.decl)))))
      return;
    // A static local computed once, under a test of itself
    // (`static int rg = -1; if (rg < 0) rg = probe();`), holds the same
    // value on every instance: a memo of the environment, not state.
    if (Write && R.kind == "static-local" &&
        std::any_of(Guards.begin(), Guards.end(), [&](const Expr *Cond) {
          return testsItself(Cond, R.decl);
        }))
      return;
    if (R.kind == "static-local" && Memo.count(cast<VarDecl>(R.decl)))
      return;
    addUse(R.kind, R.decl, R.name, E, Write);
  }

  /// Whether `Cond` tests `D`'s own value (`!x`, `x < 0`, `x == nullptr`,
  /// also inside && and ||). A lookup in it (`m.count(k)`) is no such test:
  /// `if (visits.count(k)) ++visits[k];` counts across calls.
  static bool testsItself(const Expr *Cond, const ValueDecl *D) {
    if (!Cond)
      return false;
    Cond = Cond->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Cond))
      return Ref->getDecl() == D;
    if (const auto *U = dyn_cast<UnaryOperator>(Cond))
      return U->getOpcode() == UO_LNot && testsItself(U->getSubExpr(), D);
    if (const auto *B = dyn_cast<BinaryOperator>(Cond))
      return B->isLogicalOp()
                 ? testsItself(B->getLHS(), D) || testsItself(B->getRHS(), D)
                 : B->isComparisonOp() && (testsItself(B->getLHS(), D) ||
                                           testsItself(B->getRHS(), D));
    return false;
  }

  void addUse(const std::string &Kind, const ValueDecl *D,
              const std::string &Name, const Expr *Site, bool Write) {
    std::string Key = D ? declKey(D, Locations) : "session-id";
    if (!Seen.insert({Key, Write}).second)
      return;
    Fact.uses.push_back(
        {Kind, Key, Name, Locations.span(Site->getSourceRange()), Write});
  }

  void addCall(const FunctionDecl *Callee, const CallExpr *Call,
               const Root &R) {
    CallSite C;
    C.callee = functionId(Callee, Locations);
    C.site = Locations.span(Call->getSourceRange());
    if (R.kind == "this") {
      C.receiver = "this";
    } else if (!R.kind.empty() && R.decl) {
      C.receiver = R.kind;
      C.receiverKey = declKey(R.decl, Locations);
      C.receiverName = R.name;
    }
    for (const CallSite &Old : Fact.calls)
      if (Old.callee == C.callee && Old.receiver == C.receiver &&
          Old.receiverKey == C.receiverKey)
        return;
    Fact.calls.push_back(std::move(C));
  }

  void noteListMutation(const CallExpr *Call, const FunctionDecl *Callee) {
    std::string Qualified = Callee->getQualifiedNameAsString();
    for (const SdkProfile &P : Profiles.profiles()) {
      std::string What;
      for (const RegistrationCall &R : P.registrations)
        if (namePatternMatches(R.callee, Qualified))
          What = "registers a " + R.kind;
      for (const std::string &Name : P.removals)
        if (namePatternMatches(Name, Qualified))
          What = "removes an entry with " + Callee->getNameAsString();
      for (const std::string &Name : P.listChangedCalls)
        if (namePatternMatches(Name, Qualified))
          What = "sends list_changed with " + Callee->getNameAsString();
      if (!What.empty()) {
        Fact.listMutations.push_back(
            {Locations.span(Call->getSourceRange()), What});
        return;
      }
    }
  }

  const FunctionDecl *Fn;
  const LocationUtil &Locations;
  const SdkProfileSet &Profiles;
  FunctionStateFact &Fact;
  std::set<std::pair<std::string, bool>> Seen;
  std::vector<const Expr *> Guards;
  /// Fn's static locals that memoise its result (memoStatics).
  std::set<const VarDecl *> Memo;
};

} // namespace

void FunctionStateCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(functionDecl(isDefinition()).bind("function"), this);
  Finder.addMatcher(lambdaExpr().bind("lambda"), this);
  // Branches of a hand-written tools/call: each is a tool's handler.
  Finder.addMatcher(ifStmt(hasCondition(expr().bind("comparison"))), this);
}

void FunctionStateCheck::summariseBranch(const Expr *Comparison,
                                         ASTContext &ASTCtx) {
  if (!Context.Locations.isUserLocation(Comparison->getBeginLoc()))
    return;
  std::optional<ToolDispatchBranch> Branch =
      toolDispatchBranch(Comparison, ASTCtx);
  if (!Branch)
    return;
  FunctionStateFact Fact;
  Fact.id = dispatchBranchId(*Branch, Context.Locations);
  if (!Done.insert(Fact.id).second)
    return;
  Fact.name = "the " + Branch->kind + " branch '" + Branch->name + "'";
  Fact.decl = Context.Locations.span(Branch->literal->getBeginLoc());
  StateCollector Collector(Branch->function, Context.Locations,
                           Context.Profiles, Fact);
  Collector.TraverseStmt(const_cast<Stmt *>(Branch->body));
  Context.Facts.functions.push_back(std::move(Fact));
}

void FunctionStateCheck::run(const MatchFinder::MatchResult &Result) {
  if (const auto *C = Result.Nodes.getNodeAs<Expr>("comparison"))
    return summariseBranch(C, *Result.Context);
  if (const auto *L = Result.Nodes.getNodeAs<LambdaExpr>("lambda"))
    return summarise(L->getCallOperator(), *Result.Context);
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function"))
    summarise(FD, *Result.Context);
}

void FunctionStateCheck::summarise(const FunctionDecl *FD, ASTContext &) {
  // Instantiations share their pattern's summary; implicit code has none.
  if (!FD || FD->isTemplateInstantiation() || FD->isImplicit() ||
      !FD->hasBody() || !Context.Locations.isUserLocation(FD->getLocation()))
    return;
  const auto *Method = dyn_cast<CXXMethodDecl>(FD);
  bool IsLambda = Method && Method->getParent()->isLambda();
  if (IsLambda &&
      !Context.Locations.isUserLocation(Method->getParent()->getLocation()))
    return;
  FunctionStateFact Fact;
  Fact.id = functionId(FD, Context.Locations);
  if (!Done.insert(Fact.id).second)
    return;
  Fact.name = IsLambda ? "lambda" : FD->getQualifiedNameAsString();
  Fact.decl = Context.Locations.span(
      IsLambda ? Method->getParent()->getLocation() : FD->getLocation());
  StateCollector Collector(FD, Context.Locations, Context.Profiles, Fact);
  Collector.TraverseStmt(FD->getBody());
  Context.Facts.functions.push_back(std::move(Fact));
}

} // namespace mcp_cutover
