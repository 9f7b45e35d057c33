#include "checks/utils/IdFlow.h"

#include "checks/utils/AstUtil.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/StringExtras.h"

#include <map>
#include <set>

namespace mcp_cutover {

using namespace clang;

bool looksLikeHeaderName(llvm::StringRef Text) {
  if (Text.size() < 3 || Text.size() > 64 || !llvm::isAlpha(Text.front()) ||
      !Text.contains('-'))
    return false;
  char Previous = '-';
  for (char C : Text) {
    if (C == '-' ? Previous == '-' : !llvm::isAlnum(C))
      return false;
    Previous = C;
  }
  return Previous != '-';
}

namespace {
using Labels = std::set<std::string>;

/// What a string literal just before a value says the value is.
struct LiteralRole {
  std::string kind; ///< "sse-id", "url" or "" (nothing).
  std::string detail;
};

LiteralRole roleBefore(llvm::StringRef Text) {
  llvm::StringRef T = Text.rtrim(" ");
  std::string Lower = T.lower();
  llvm::StringRef L(Lower);
  // An SSE field starts a line: "session_id: " in a log line is prose.
  if (L.ends_with("id:") && (L.size() == 3 || L[L.size() - 4] == '\n'))
    return {"sse-id", ""};
  // A path with the id as a query parameter ("/message?id="): an endpoint
  // the code hands out. A query alone ("&state=") is as often a URL the
  // code visits itself (an OAuth authorization request).
  if (L.ends_with("=")) {
    size_t Start = L.find_last_of("?&");
    if (Start != llvm::StringRef::npos && L.take_front(Start).contains('/'))
      return {"url", T.slice(Start + 1, T.size() - 1).str()};
  }
  if (L.size() > 1 && L.starts_with("/") && L.ends_with("/"))
    return {"url", T.str()};
  return {};
}

/// The last operand of a `+` or `<<` chain: the value a following operand
/// is written after.
const Expr *lastOperand(const Expr *E) {
  E = ignoreWrappers(E);
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(E))
    if ((Op->getOperator() == OO_Plus || Op->getOperator() == OO_LessLess) &&
        Op->getNumArgs() == 2)
      return lastOperand(Op->getArg(1));
  return E;
}

/// The string a literal, or a variable initialised with nothing but one,
/// denotes.
std::optional<std::string> stringOf(const Expr *E) {
  E = ignoreWrappers(E);
  if (!E)
    return std::nullopt;
  if (const StringLiteral *Literal = asStringLiteral(E))
    return literalText(Literal);
  // A constant: `std::string id = "task-"; id += n;` is no constant.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && (Var->getType().isConstQualified() ||
                (Var->getType()->isPointerType() && !Var->hasLocalStorage())))
      if (const StringLiteral *Literal = stringConstantOf(Var))
        return literalText(Literal);
  return std::nullopt;
}

std::optional<std::string> headerNameOf(const Expr *E) {
  std::optional<std::string> S = stringOf(E);
  if (S && looksLikeHeaderName(*S))
    return S;
  return std::nullopt;
}

/// A call that sets a header rather than reading one.
bool writesHeader(llvm::StringRef Callee) {
  std::string F = foldName(Callee);
  for (llvm::StringRef Verb :
       {"set", "add", "emplace", "insert", "append", "put", "push", "write"})
    if (llvm::StringRef(F).starts_with(Verb))
      return true;
  return false;
}

/// std::map, unordered_set, flat_hash_map...: containers looked up by key.
bool isAssociative(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD)
    return false;
  std::string Name = llvm::StringRef(RD->getName()).lower();
  return llvm::StringRef(Name).contains("map") ||
         llvm::StringRef(Name).contains("set");
}

bool isAssignment(const Expr *E, const Expr *&Lhs, const Expr *&Rhs,
                  bool &Compound) {
  if (const auto *B = dyn_cast<BinaryOperator>(E)) {
    if (!B->isAssignmentOp())
      return false;
    Lhs = B->getLHS(), Rhs = B->getRHS();
    Compound = B->isCompoundAssignmentOp();
    return true;
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (!Op->isAssignmentOp() || Op->getNumArgs() != 2)
      return false;
    Lhs = Op->getArg(0), Rhs = Op->getArg(1);
    Compound = Op->getOperator() != OO_Equal;
    return true;
  }
  return false;
}

class FlowWalker : public RecursiveASTVisitor<FlowWalker> {
public:
  FlowWalker(const FunctionDecl *Function, const LocationUtil &Locations,
             WeakSourceOracle Oracle, IdFlowFacts &Out)
      : Function(Function), Locations(Locations), Oracle(Oracle), Out(Out) {}

  void run() {
    Stmt *Body = Function->getBody();
    // Locals first, twice: a loop may assign a local after its use.
    for (int Pass = 0; Pass < 2; ++Pass)
      walk(Body, /*InFacts=*/false);
    walk(Body, /*InFacts=*/true);
    std::string Self = idOf(Function);
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Function))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->isMemberInitializer() && Init->isWritten())
          edge(labelsOf(Init->getInit()), entityOf(Init->getMember()));
    // A call through the base reaches the override, and what the override
    // returns is what the call returns.
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Function))
      for (const CXXMethodDecl *Base : Method->overridden_methods()) {
        std::string BaseId = idOf(Base);
        edge({Self}, BaseId);
        for (unsigned I = 0; I < Method->getNumParams(); ++I)
          edge({BaseId + "#" + std::to_string(I)},
               Self + "#" + std::to_string(I));
      }
  }

  bool shouldVisitLambdaBody() const { return true; }

  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    Current.push_back(Lambda->getCallOperator());
    bool Result = RecursiveASTVisitor::TraverseLambdaExpr(Lambda);
    Current.pop_back();
    return Result;
  }

  bool VisitVarDecl(VarDecl *Var) {
    if (Facts || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var))
      return true;
    Labels &L = Locals[Var];
    if (std::optional<std::string> Source = Oracle(nullptr, Var))
      L.insert(*Source);
    if (const Expr *Init = Var->getInit()) {
      Labels From = labelsOf(Init);
      L.insert(From.begin(), From.end());
      if (Var->getType()->isReferenceType())
        aliasOf(Var, Init);
    }
    return true;
  }

  bool VisitCXXForRangeStmt(CXXForRangeStmt *For) {
    if (!Facts)
      if (VarDecl *Var = For->getLoopVariable()) {
        Labels From = labelsOf(For->getRangeInit());
        Locals[Var].insert(From.begin(), From.end());
        // `for (char &c : id) c = hex[d(engine)];` fills `id`.
        if (Var->getType()->isReferenceType())
          aliasOf(Var, For->getRangeInit());
      }
    return true;
  }

  bool VisitReturnStmt(ReturnStmt *Return) {
    if (Facts && Return->getRetValue())
      edge(labelsOf(Return->getRetValue()), currentId());
    return true;
  }

  bool VisitCoreturnStmt(CoreturnStmt *Return) {
    if (Facts && Return->getOperand())
      edge(labelsOf(Return->getOperand()), currentId());
    return true;
  }

  bool VisitExpr(Expr *E) {
    const Expr *Lhs = nullptr, *Rhs = nullptr;
    bool Compound = false;
    if (isAssignment(E, Lhs, Rhs, Compound))
      assignment(Lhs, Rhs, Compound);
    if (!Facts) {
      filled(E);
      return true;
    }
    // A statement of its own (`id += 1;`) is a source no value carries.
    Oracle(E, nullptr);
    counterUse(E);
    if (const auto *Call = dyn_cast<CallExpr>(E))
      call(Call);
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
      construct(Construct);
    else if (const auto *List = dyn_cast<InitListExpr>(E))
      initList(List);
    if (const auto *B = dyn_cast<BinaryOperator>(E); B && B->isEqualityOp())
      comparison(B->getLHS(), B->getRHS());
    // `a != b` rewritten to `!(a == b)`: the visitor sees only its operands.
    if (const auto *R = dyn_cast<CXXRewrittenBinaryOperator>(E);
        R && (R->getOpcode() == BO_EQ || R->getOpcode() == BO_NE))
      comparison(R->getLHS(), R->getRHS());
    return true;
  }

private:
  void walk(Stmt *Body, bool InFacts) {
    Facts = InFacts;
    Pending.clear();
    Current.assign(1, Function);
    TraverseStmt(Body);
  }

  std::string currentId() { return idOf(Current.back()); }

  /// functionId, once per declaration: a USR is built from the whole
  /// signature.
  const std::string &idOf(const FunctionDecl *FD) {
    auto [It, New] = Ids.try_emplace(FD);
    if (New)
      It->second = functionId(FD, Locations);
    return It->second;
  }

  bool isUserFunction(const FunctionDecl *FD) const {
    return FD && !FD->isInStdNamespace() &&
           Locations.isUserLocation(FD->getLocation());
  }

  /// The flow label of a field or a variable outside any function's frame,
  /// or "" for what the linker does not follow.
  std::string entityOf(const ValueDecl *D) const {
    if (!D || !Locations.isUserLocation(D->getLocation()))
      return "";
    if (const auto *Var = dyn_cast<VarDecl>(D))
      if (Var->hasLocalStorage())
        return "";
    if (!isa<FieldDecl>(D) && !isa<VarDecl>(D))
      return "";
    return declKey(D, Locations);
  }

  /// The entity an expression names: `x.field`, `ptr->field`, a global.
  /// What an expression names, through `*` and `->`: `x.field`,
  /// `ptr->field`, `*opt_field`, a global.
  static const ValueDecl *namedValue(const Expr *E) {
    E = ignoreWrappers(E);
    if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(E);
        Op && (Op->getOperator() == OO_Star || Op->getOperator() == OO_Arrow) &&
        Op->getNumArgs() == 1)
      E = ignoreWrappers(Op->getArg(0));
    if (const auto *U = dyn_cast_or_null<UnaryOperator>(E);
        U && U->getOpcode() == UO_Deref)
      E = ignoreWrappers(U->getSubExpr());
    if (const auto *Member = dyn_cast_or_null<MemberExpr>(E))
      return Member->getMemberDecl();
    if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
      return Ref->getDecl();
    return nullptr;
  }

  /// The entity an expression names, or "".
  std::string entityOfExpr(const Expr *E) const {
    return entityOf(namedValue(E));
  }

  std::string paramLabel(const FunctionDecl *FD, unsigned Index) {
    return idOf(FD) + "#" + std::to_string(Index);
  }

  /// labelsOf, remembered once the locals are final (the facts pass asks
  /// for nested expressions again and again).
  const Labels &labelsOf(const Expr *E) {
    if (!Facts) {
      Scratch = computeLabels(E);
      return Scratch;
    }
    auto It = Memo.find(E);
    if (It == Memo.end())
      It = Memo.emplace(E, computeLabels(E)).first;
    return It->second;
  }

  Labels computeLabels(const Expr *E) {
    Labels L;
    // A machine-written expression thousands of operands deep must not
    // exhaust the stack: past this depth its operands are not followed.
    if (!E || Depth >= MaxLabelDepth)
      return L;
    struct Nested {
      unsigned &D;
      explicit Nested(unsigned &D) : D(++D) {}
      ~Nested() { --D; }
    } Guard(Depth);
    if (std::optional<std::string> Source = Oracle(E, nullptr))
      L.insert(*Source);
    auto Add = [&L](const Labels &More) { L.insert(More.begin(), More.end()); };
    if (isa<LambdaExpr>(E) || isa<StringLiteral>(E))
      return L;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const ValueDecl *D = Ref->getDecl();
      if (const auto *Binding = dyn_cast<BindingDecl>(D)) {
        // `auto [id, data] = event`: the field bound, when it is one.
        if (const Expr *Bound = Binding->getBinding()) {
          Add(labelsOf(Bound));
          return L;
        }
        D = Binding->getDecomposedDecl();
      }
      if (const auto *Parm = dyn_cast<ParmVarDecl>(D)) {
        if (const auto *Owner =
                dyn_cast_or_null<FunctionDecl>(Parm->getDeclContext()))
          L.insert(paramLabel(Owner, Parm->getFunctionScopeIndex()));
        Add(Locals[Parm]);
      } else if (const auto *Var = dyn_cast_or_null<VarDecl>(D)) {
        if (Var->hasLocalStorage())
          Add(Locals[Var]);
        else if (std::string Entity = entityOf(Var); !Entity.empty())
          L.insert(Entity);
        // A static or thread_local engine is a source wherever it is used.
        if (!Var->hasLocalStorage())
          if (std::optional<std::string> Source = Oracle(nullptr, Var))
            L.insert(*Source);
      }
      return L;
    }
    // A field the linker follows is its own label: `task.id` is not
    // everything else `task` holds. Other members (std::pair's second)
    // carry their object's labels.
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (std::string Entity = entityOf(Member->getMemberDecl());
          !Entity.empty())
        L.insert(Entity);
      else
        Add(labelsOf(Member->getBase()));
      return L;
    }
    // `rand32()` calls a lambda of the user's: its return value.
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
        Op && Op->getOperator() == OO_Call)
      if (const auto *Method =
              dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee());
          Method && Method->getParent()->isLambda() &&
          Locations.isUserLocation(Method->getParent()->getLocation())) {
        L.insert(idOf(Method));
        return L;
      }
    // A callback called through std::function (`handlers_[method](params,
    // session_id)`) returns what the handler makes, which is not known
    // here; taking its arguments' labels made every handler's result carry
    // the session id it was handed. (A distribution called with an engine
    // is made of it: other library functors keep their arguments' labels.)
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
        Op && Op->getOperator() == OO_Call && Op->getNumArgs() > 0) {
      const auto *Method =
          dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee());
      const CXXRecordDecl *Class = Method ? Method->getParent() : nullptr;
      if (Class && Class->getDeclName().isIdentifier() &&
          (Class->getName() == "function" ||
           Class->getName() == "move_only_function" ||
           Class->getName() == "function_ref") &&
          !Locations.isUserLocation(Class->getLocation())) {
        Add(labelsOf(Op->getArg(0)));
        return L;
      }
    }
    if (const auto *Call = dyn_cast<CallExpr>(E);
        Call && !isa<CXXOperatorCallExpr>(Call)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (isUserFunction(Callee)) {
        L.insert(idOf(Callee));
        if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
          Add(labelsOf(Member->getImplicitObjectArgument()));
        return L;
      }
    }
    // `{"id", ++n}` in a message: the value leaves as the JSON member (pair()
    // records that way out), but the message around it is not made of it,
    // so what the message becomes (the response read back, a header taken
    // from it) is not either.
    if (isIdMember(E))
      return L;
    for (const Stmt *Child : E->children())
      if (const auto *ChildExpr = dyn_cast_or_null<Expr>(Child))
        Add(labelsOf(ChildExpr));
    return L;
  }

  /// A key/value pair whose key is "id": `{"id", n}` as a braced list or a
  /// two-argument construction.
  bool isIdMember(const Expr *E) {
    const Expr *First = nullptr;
    if (const auto *List = dyn_cast<InitListExpr>(E);
        List && List->getNumInits() == 2)
      First = List->getInit(0);
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
             Construct && Construct->getNumArgs() == 2)
      First = Construct->getArg(0);
    std::optional<std::string> Key = First ? stringOf(First) : std::nullopt;
    return Key && *Key == "id";
  }

  void edge(const Labels &From, const std::string &To) {
    if (From.empty() || To.empty() || (From.size() == 1 && *From.begin() == To))
      return;
    Out.edges.push_back({{From.begin(), From.end()}, To});
  }

  void sink(const Labels &From, std::string Kind, std::string Detail,
            const Expr *At) {
    if (From.empty())
      return;
    Out.sinks.push_back({{From.begin(), From.end()},
                         std::move(Kind),
                         std::move(Detail),
                         Locations.span(At->getBeginLoc())});
  }

  void key(const std::string &Container, const Expr *ContainerExpr,
           const Labels &From, bool Store, const Expr *At,
           bool Comparison = false) {
    if (Container.empty() || From.empty())
      return;
    std::string Name;
    if (const ValueDecl *D = namedValue(ContainerExpr))
      Name = D->getNameAsString();
    Out.keys.push_back({Container,
                        Name,
                        {From.begin(), From.end()},
                        Store,
                        Comparison,
                        Locations.span(At->getBeginLoc())});
  }

  void headerRead(const std::string &Spelled) {
    std::string Name = llvm::StringRef(Spelled).lower();
    if (std::find(Out.headersRead.begin(), Out.headersRead.end(), Name) ==
        Out.headersRead.end())
      Out.headersRead.push_back(Name);
  }

  /// `C[k]` on an associative container the linker follows.
  struct Subscript {
    std::string container;
    const Expr *object;
    const Expr *index;
  };
  std::optional<Subscript> containerSubscript(const Expr *E) const {
    const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(ignoreWrappers(E));
    if (!Op || Op->getOperator() != OO_Subscript || Op->getNumArgs() != 2 ||
        !isAssociative(Op->getArg(0)->getType()))
      return std::nullopt;
    std::string Container = entityOfExpr(Op->getArg(0));
    if (Container.empty())
      return std::nullopt;
    return Subscript{Container, Op->getArg(0), Op->getArg(1)};
  }

  void assignment(const Expr *Lhs, const Expr *Rhs, bool Compound) {
    const Expr *Target = ignoreWrappers(Lhs);
    if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Target))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
          Var && Var->hasLocalStorage()) {
        if (!Facts) {
          Labels From = labelsOf(Rhs);
          Locals[Var].insert(From.begin(), From.end());
          if (auto It = Aliases.find(Var); It != Aliases.end())
            Locals[It->second].insert(From.begin(), From.end());
        } else if (Compound) {
          appended(Var, Rhs);
        }
        return;
      }
    if (!Facts)
      return;
    if (std::optional<Subscript> S = containerSubscript(Target)) {
      key(S->container, S->object, labelsOf(S->index), /*Store=*/true, Lhs);
      Handled.insert(ignoreWrappers(Target));
      edge(labelsOf(Rhs), S->container);
      return;
    }
    if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(Target);
        Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2)
      if (std::optional<std::string> Key = stringOf(Op->getArg(1))) {
        Handled.insert(Op);
        if (looksLikeHeaderName(*Key))
          sink(labelsOf(Rhs), "header", *Key, Lhs);
        else
          sink(labelsOf(Rhs), "json", *Key, Lhs);
        return;
      }
    edge(labelsOf(Rhs), entityOfExpr(Target));
  }

  /// Notes a counter read as a value; its increments (`++n`, `n += 1`,
  /// `n.fetch_add(1)`), resets and stores (`n = 0`) are not reads. Parents
  /// are visited first, so an increment marks its operand before it is
  /// seen.
  void counterUse(const Expr *E) {
    auto Mark = [&](const Expr *Operand) {
      Written.insert(Operand->IgnoreParenImpCasts());
    };
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && U->isIncrementDecrementOp())
      Mark(U->getSubExpr());
    else if (const auto *B = dyn_cast<BinaryOperator>(E);
             B && B->isAssignmentOp())
      Mark(B->getLHS());
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
             Op && Op->getNumArgs() >= 1 &&
             (Op->isAssignmentOp() || Op->getOperator() == OO_PlusPlus ||
              Op->getOperator() == OO_MinusMinus))
      Mark(Op->getArg(0));
    else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      std::string Name = calleeName(Call);
      if ((Name == "fetch_add" || Name == "fetch_sub" || Name == "store") &&
          Call->getImplicitObjectArgument())
        Mark(Call->getImplicitObjectArgument());
    }
    if (!isa<DeclRefExpr>(E) && !isa<MemberExpr>(E))
      return;
    const NamedDecl *D = referencedDecl(E);
    const auto *Value = dyn_cast_or_null<ValueDecl>(D);
    if (!Value || Written.count(E))
      return;
    QualType T = Value->getType();
    const auto *Record = T->getAsCXXRecordDecl();
    if (!T->isIntegerType() && !(Record && Record->getName() == "atomic"))
      return;
    if (std::string Entity = entityOf(Value);
        !Entity.empty() && CounterReads.insert(Entity).second)
      Out.counterReads.push_back(Entity);
  }

  /// A local reference to (an element of) another local: what is written
  /// through it fills that local.
  void aliasOf(const VarDecl *Reference, const Expr *Init) {
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(ignoreWrappers(Init));
    const auto *Target = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (Target && Target->hasLocalStorage() && Target != Reference)
      Aliases[Reference] = Target;
  }

  /// A local filled through calls: `id.push_back(hex[d(engine)])`,
  /// `out << prefix << n`.
  void filled(const Expr *E) {
    const Expr *Object = nullptr;
    std::vector<const Expr *> Args;
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *Method = Call->getMethodDecl();
      if (!Method || Method->isConst())
        return;
      Object = Call->getImplicitObjectArgument();
      Args.assign(Call->arg_begin(), Call->arg_end());
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
               Op && Op->getOperator() == OO_LessLess &&
               Op->getNumArgs() == 2) {
      Object = Op->getArg(0);
      // The stream at the left end of a chain.
      while (const auto *Inner =
                 dyn_cast<CXXOperatorCallExpr>(ignoreWrappers(Object)))
        if (Inner->getOperator() == OO_LessLess && Inner->getNumArgs() == 2)
          Object = Inner->getArg(0);
        else
          break;
      Args.push_back(Op->getArg(1));
    }
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(ignoreWrappers(Object));
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var || !Var->hasLocalStorage())
      return;
    for (const Expr *Arg : Args) {
      Labels From = labelsOf(Arg);
      Locals[Var].insert(From.begin(), From.end());
    }
  }

  /// `body += "id: "; body += id;`: an id written after its SSE field name.
  void appended(const VarDecl *Var, const Expr *Rhs) {
    if (std::optional<std::string> Text = stringOf(Rhs)) {
      Pending[Var] = roleBefore(*Text);
      return;
    }
    auto It = Pending.find(Var);
    if (It != Pending.end() && !It->second.kind.empty())
      sink(labelsOf(Rhs), It->second.kind, It->second.detail, Rhs);
    Pending.erase(Var);
  }

  void call(const CallExpr *Call) {
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
      operatorCall(Op);
      return;
    }
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (isUserFunction(Callee))
      for (unsigned I = 0; I < Call->getNumArgs() && I < Callee->getNumParams();
           ++I)
        edge(labelsOf(Call->getArg(I)), paramLabel(Callee, I));
    std::string Name = calleeName(Call);
    if (Callee && Callee->isInStdNamespace() &&
        (Name == "make_unique" || Name == "make_shared"))
      forwardedConstruction(Call, Callee);
    headerCall(Call, Name);
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      containerCall(Member, Name);
  }

  /// `std::make_unique<SessionRuntime>(session_id, n)`: the arguments go
  /// to the user's constructor taking that many (the library's body, where
  /// the construction is written, is not parsed).
  void forwardedConstruction(const CallExpr *Call, const FunctionDecl *Make) {
    const TemplateArgumentList *Args = Make->getTemplateSpecializationArgs();
    if (!Args || Args->size() == 0 ||
        Args->get(0).getKind() != TemplateArgument::Type)
      return;
    const auto *Record = Args->get(0).getAsType()->getAsCXXRecordDecl();
    if (!Record || !Record->hasDefinition() ||
        !Locations.isUserLocation(Record->getLocation()))
      return;
    const CXXConstructorDecl *Only = nullptr;
    for (const CXXConstructorDecl *Ctor : Record->ctors()) {
      if (Ctor->isCopyOrMoveConstructor() ||
          Call->getNumArgs() < Ctor->getMinRequiredArguments() ||
          Call->getNumArgs() > Ctor->getNumParams())
        continue;
      if (Only)
        return; // overloads: which one is not known here
      Only = Ctor;
    }
    if (Only)
      for (unsigned I = 0; I < Call->getNumArgs(); ++I)
        edge(labelsOf(Call->getArg(I)), paramLabel(Only, I));
  }

  void operatorCall(const CXXOperatorCallExpr *Op) {
    if (Op->getNumArgs() != 2)
      return;
    switch (Op->getOperator()) {
    case OO_Plus:
    case OO_LessLess:
      if (std::optional<std::string> Text =
              stringOf(lastOperand(Op->getArg(0))))
        if (LiteralRole Role = roleBefore(*Text); !Role.kind.empty())
          sink(labelsOf(Op->getArg(1)), Role.kind, Role.detail, Op->getArg(1));
      return;
    case OO_EqualEqual:
    case OO_ExclaimEqual:
      comparison(Op->getArg(0), Op->getArg(1));
      return;
    case OO_Subscript:
      if (Handled.count(Op))
        return;
      if (std::optional<Subscript> S = containerSubscript(Op)) {
        key(S->container, S->object, labelsOf(S->index), /*Store=*/false, Op);
        return;
      }
      if (std::optional<std::string> Header = headerNameOf(Op->getArg(1)))
        headerRead(*Header);
      return;
    default:
      return;
    }
  }

  /// `res.set_header("Mcp-Session-Id", sid)` sends an id; a header named
  /// anywhere else is read.
  void headerCall(const CallExpr *Call, llvm::StringRef Name) {
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      std::optional<std::string> Header = headerNameOf(Call->getArg(I));
      if (!Header)
        continue;
      if (!writesHeader(Name)) {
        headerRead(*Header);
        continue;
      }
      for (unsigned J = I + 1; J < Call->getNumArgs(); ++J)
        sink(labelsOf(Call->getArg(J)), "header", *Header, Call->getArg(J));
    }
  }

  void containerCall(const CXXMemberCallExpr *Call, llvm::StringRef Name) {
    const Expr *Object = Call->getImplicitObjectArgument();
    if (!Object || Call->getNumArgs() == 0 || !isAssociative(Object->getType()))
      return;
    std::string Container = entityOfExpr(Object);
    if (Container.empty())
      return;
    static const std::set<std::string> Lookups = {
        "find",  "at",          "count",       "contains",
        "erase", "equal_range", "lower_bound", "upper_bound"};
    static const std::set<std::string> Stores = {
        "emplace", "try_emplace", "insert", "insert_or_assign", "emplace_hint"};
    if (Lookups.count(Name.str())) {
      key(Container, Object, labelsOf(Call->getArg(0)), /*Store=*/false, Call);
      return;
    }
    // emplace_hint(hint, key, ...): the key comes second.
    unsigned KeyIndex = Name == "emplace_hint" ? 1 : 0;
    if (!Stores.count(Name.str()) || Call->getNumArgs() <= KeyIndex)
      return;
    const Expr *Key = Call->getArg(KeyIndex);
    // insert({k, v}) and insert(std::make_pair(k, v)): the pair's first.
    const Expr *Pair = ignoreWrappers(Key);
    if (const auto *List = dyn_cast_or_null<InitListExpr>(Pair);
        List && List->getNumInits() >= 2)
      Key = List->getInit(0);
    else if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Pair);
             Construct && Construct->getNumArgs() >= 2)
      Key = Construct->getArg(0);
    else if (const auto *Make = dyn_cast_or_null<CallExpr>(Pair);
             Make && Make->getNumArgs() >= 2 && calleeName(Make) == "make_pair")
      Key = Make->getArg(0);
    key(Container, Object, labelsOf(Key), /*Store=*/true, Call);
    edge(labelsOf(Call->getArg(Call->getNumArgs() - 1)), Container);
  }

  void construct(const CXXConstructExpr *Construct) {
    const CXXConstructorDecl *Ctor = Construct->getConstructor();
    if (isUserFunction(Ctor) && !Ctor->isImplicit())
      for (unsigned I = 0;
           I < Construct->getNumArgs() && I < Ctor->getNumParams(); ++I)
        edge(labelsOf(Construct->getArg(I)), paramLabel(Ctor, I));
    if (Construct->getNumArgs() == 2)
      pair(Construct->getArg(0), Construct->getArg(1), Construct);
  }

  void initList(const InitListExpr *Written) {
    // The visitor sees the written form; fields are matched in the
    // semantic one (designators resolved, omitted fields filled).
    const InitListExpr *List =
        Written->isSemanticForm() ? Written : Written->getSemanticForm();
    if (!List)
      return;
    if (List->getNumInits() == 2)
      pair(List->getInit(0), List->getInit(1), List);
    const auto *Record = List->getType()->getAsCXXRecordDecl();
    if (!Record || !Locations.isUserLocation(Record->getLocation()) ||
        !Record->hasDefinition())
      return;
    unsigned Index = Record->getNumBases();
    for (const FieldDecl *Field : Record->fields()) {
      if (Index >= List->getNumInits())
        break;
      edge(labelsOf(List->getInit(Index++)), entityOf(Field));
    }
  }

  /// `{"Mcp-Session-Id", sid}` names a header; `{"taskId", id}` a JSON
  /// member.
  void pair(const Expr *First, const Expr *Second, const Expr *At) {
    std::optional<std::string> Key = stringOf(First);
    if (!Key || Key->empty() || stringOf(Second))
      return;
    if (looksLikeHeaderName(*Key))
      sink(labelsOf(Second), "header", *Key, At);
    else
      sink(labelsOf(Second), "json", *Key, At);
  }

  /// `session->id == sid`: a stored id compared with another value is a
  /// lookup by comparison.
  void comparison(const Expr *Left, const Expr *Right) {
    for (int Side = 0; Side < 2; ++Side, std::swap(Left, Right)) {
      std::string Entity = entityOfExpr(Left);
      if (Entity.empty())
        continue;
      Labels Other = labelsOf(Right);
      Other.erase(Entity);
      key(Entity, Left, Other, /*Store=*/false, Left, /*Comparison=*/true);
    }
  }

  const FunctionDecl *Function;
  const LocationUtil &Locations;
  WeakSourceOracle Oracle;
  IdFlowFacts &Out;
  bool Facts = false;
  std::vector<const FunctionDecl *> Current;
  std::map<const FunctionDecl *, std::string> Ids;
  std::map<const VarDecl *, Labels> Locals;
  std::map<const Expr *, Labels> Memo; ///< Of the facts pass.
  static constexpr unsigned MaxLabelDepth = 400;
  unsigned Depth = 0;
  Labels Scratch;
  std::map<const VarDecl *, const VarDecl *> Aliases;
  std::map<const VarDecl *, LiteralRole> Pending;
  std::set<const Expr *> Handled;
  std::set<const Expr *> Written; ///< Counters incremented, reset, stored.
  std::set<std::string> CounterReads;
};
} // namespace

void collectIdFlow(const FunctionDecl *Function, const LocationUtil &Locations,
                   WeakSourceOracle Oracle, IdFlowFacts &Out) {
  if (!Function || !Function->hasBody())
    return;
  FlowWalker(Function, Locations, Oracle, Out).run();
}

} // namespace mcp_cutover
