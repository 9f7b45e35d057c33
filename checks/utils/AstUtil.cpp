#include "checks/utils/AstUtil.h"

#include "clang/Index/USRGeneration.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"

namespace mcp_cutover {

using namespace clang;

std::string literalText(const StringLiteral *Literal) {
  if (!Literal)
    return "";
  if (Literal->getCharByteWidth() == 1)
    return Literal->getString().str();
  std::string Out;
  for (unsigned I = 0, N = Literal->getLength(); I < N; ++I) {
    uint32_t CodeUnit = Literal->getCodeUnit(I);
    char Buf[UNI_MAX_UTF8_BYTES_PER_CODE_POINT];
    char *Ptr = Buf;
    if (llvm::ConvertCodePointToUTF8(CodeUnit, Ptr))
      Out.append(Buf, Ptr);
  }
  return Out;
}

SourceLocation literalLocationOf(const StringLiteral *Literal, size_t Offset,
                                 const ASTContext &Context, bool AtCharacter,
                                 llvm::StringRef Spelled) {
  if (!Literal)
    return {};
  if (Literal->getNumConcatenated() == 1 && !AtCharacter)
    return Literal->getBeginLoc();
  const SourceManager &SM = Context.getSourceManager();
  if (Literal->getCharByteWidth() != 1) {
    for (unsigned I = 0; !Spelled.empty() && I < Literal->getNumConcatenated();
         ++I) {
      SourceLocation Piece = Literal->getStrTokenLoc(I);
      bool Invalid = false;
      llvm::SmallString<64> Buffer;
      llvm::StringRef Text =
          Lexer::getSpelling(SM.getSpellingLoc(Piece), Buffer, SM,
                             Context.getLangOpts(), &Invalid);
      if (!Invalid && Text.contains_insensitive(Spelled))
        return Piece;
    }
    return Literal->getBeginLoc();
  }
  if (Offset >= Literal->getByteLength())
    return Literal->getBeginLoc();
  unsigned Token = 0;
  SourceLocation Character = Literal->getLocationOfByte(
      static_cast<unsigned>(Offset), SM, Context.getLangOpts(),
      Context.getTargetInfo(), &Token);
  if (AtCharacter)
    return Character.isValid() ? Character : Literal->getBeginLoc();
  return Token < Literal->getNumConcatenated() ? Literal->getStrTokenLoc(Token)
                                               : Literal->getBeginLoc();
}

const Expr *ignoreTemporaries(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = MT->getSubExpr();
    else if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = BT->getSubExpr();
    else if (const auto *EC = dyn_cast<ExprWithCleanups>(Next))
      Next = EC->getSubExpr();
    else if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(Next))
      Next = FC->getSubExpr();
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

const Expr *cookedLiteral(const UserDefinedLiteral *Literal) {
  // A string literal's operator also receives the length: two arguments.
  if (!Literal || Literal->getNumArgs() == 0)
    return nullptr;
  switch (Literal->getLiteralOperatorKind()) {
  case UserDefinedLiteral::LOK_Raw:
  case UserDefinedLiteral::LOK_Template:
    return nullptr;
  default:
    return Literal->getArg(0);
  }
}

std::optional<int64_t> integerValue(const IntegerLiteral *Literal) {
  if (!Literal)
    return std::nullopt;
  return Literal->getValue().trySExtValue();
}

const Expr *ignoreWrappers(const Expr *E) {
  while (E) {
    const Expr *Next = ignoreTemporaries(E);
    if (const auto *UDL = dyn_cast<UserDefinedLiteral>(Next)) {
      if (const Expr *Cooked = cookedLiteral(UDL))
        Next = Cooked;
    } else if (const auto *CE = dyn_cast<CXXConstructExpr>(Next);
               CE && !isa<CXXTemporaryObjectExpr>(CE) &&
               CE->getNumArgs() >= 1 &&
               (CE->getNumArgs() == 1 || isa<CXXDefaultArgExpr>(CE->getArg(1))))
      Next = CE->getArg(0);
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

const StringLiteral *asStringLiteral(const Expr *E) {
  return dyn_cast_or_null<StringLiteral>(ignoreWrappers(E));
}

const StringLiteral *stringConstantOf(const VarDecl *Var) {
  for (int Depth = 0; Var && Depth < 4; ++Depth) {
    const Expr *Init = Var->getAnyInitializer();
    if (!Init)
      return nullptr;
    const Expr *E = ignoreWrappers(Init);
    if (const auto *Literal = dyn_cast<StringLiteral>(E))
      return Literal;
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  }
  return nullptr;
}

namespace {
bool isWrapper(const Stmt *S) {
  return isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr,
             CXXBindTemporaryExpr, ExprWithCleanups, CXXFunctionalCastExpr,
             UserDefinedLiteral, CXXConstructExpr, InitListExpr,
             CXXStdInitializerListExpr, CXXDefaultArgExpr>(S);
}
} // namespace

ExprUser findUser(const Expr *E, ASTContext &Context) {
  ExprUser U;
  U.operand = E;
  DynTypedNode Node = DynTypedNode::create(*E);
  for (int Depth = 0; Depth < 16; ++Depth) {
    auto Parents = Context.getParents(Node);
    if (Parents.empty())
      return U;
    const DynTypedNode &P = Parents[0];
    const Stmt *S = P.get<Stmt>();
    if (S && isWrapper(S)) {
      if (isa<InitListExpr>(S))
        U.throughInitList = true;
      U.operand = cast<Expr>(S);
      Node = P;
      continue;
    }
    U.node = P;
    return U;
  }
  return U;
}

const StringLiteral *jsonPairKey(const DynTypedNode &Node) {
  if (const auto *List = Node.get<InitListExpr>();
      List && List->getNumInits() == 2)
    return asStringLiteral(List->getInit(0));
  // std::string("x") with its defaulted allocator is a conversion, no pair.
  if (const auto *Construct = Node.get<CXXConstructExpr>();
      Construct && Construct->getNumArgs() == 2 &&
      !isa<CXXDefaultArgExpr>(Construct->getArg(1)))
    return asStringLiteral(Construct->getArg(0));
  return nullptr;
}

const InitListExpr *bracedPairOf(const StringLiteral *Key,
                                 ASTContext &Context) {
  const InitListExpr *Pair = nullptr;
  walkParents(DynTypedNode::create(*Key), Context, 6,
              [&](const DynTypedNode &P) {
                if (const auto *List = P.get<InitListExpr>();
                    List && List->getNumInits() == 2) {
                  if (ignoreWrappers(List->getInit(0)) == Key)
                    Pair = List;
                  return false;
                }
                return P.get<Expr>() != nullptr;
              });
  return Pair;
}

namespace {
/// The name an assigned-to expression writes: a subscript's key, a
/// member's or variable's name.
std::string writtenName(const Expr *Target) {
  Target = ignoreWrappers(Target);
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(Target);
      Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2)
    return literalText(asStringLiteral(Op->getArg(1)));
  if (const NamedDecl *D = referencedDecl(Target);
      D && D->getDeclName().isIdentifier())
    return D->getName().str();
  return "";
}

/// The operator= or assignment `Node` is, with its left and right sides.
std::optional<std::pair<const Expr *, const Expr *>>
assignmentSides(const DynTypedNode &Node) {
  if (const auto *Op = Node.get<CXXOperatorCallExpr>();
      Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
    return std::make_pair(Op->getArg(0), Op->getArg(1));
  if (const auto *B = Node.get<BinaryOperator>(); B && B->isAssignmentOp())
    return std::make_pair(B->getLHS(), B->getRHS());
  return std::nullopt;
}
} // namespace

std::string destinationName(const Expr *Value, ASTContext &Context) {
  std::string Name;
  const Expr *Operand = Value;
  walkParents(
      DynTypedNode::create(*Value), Context, 8, [&](const DynTypedNode &P) {
        // An aggregate's element initialises its field.
        if (const auto *List = P.get<InitListExpr>()) {
          const auto *Record = List->getType()->getAsCXXRecordDecl();
          if (Record && Record->isAggregate() && Record->getNumBases() == 0) {
            unsigned Index = 0;
            for (const FieldDecl *Field : Record->fields()) {
              if (Index < List->getNumInits() &&
                  ignoreWrappers(List->getInit(Index)) ==
                      ignoreWrappers(Operand) &&
                  Field->getDeclName().isIdentifier())
                Name = Field->getName().str();
              ++Index;
            }
            return false;
          }
        }
        if (const StringLiteral *Key = jsonPairKey(P)) {
          if (Key != ignoreWrappers(Operand))
            Name = literalText(Key);
          return false;
        }
        if (auto Sides = assignmentSides(P)) {
          if (Sides->second->IgnoreParenImpCasts() ==
              Operand->IgnoreParenImpCasts())
            Name = writtenName(Sides->first);
          return false;
        }
        if (const auto *Var = P.get<VarDecl>()) {
          if (Var->getDeclName().isIdentifier())
            Name = Var->getName().str();
          return false;
        }
        if (const auto *Field = P.get<FieldDecl>()) {
          if (Field->getDeclName().isIdentifier())
            Name = Field->getName().str();
          return false;
        }
        if (const auto *Call = P.get<CallExpr>()) {
          // An operator's parameters (`__rhs`) name nothing.
          const FunctionDecl *Callee = isa<CXXOperatorCallExpr>(Call)
                                           ? nullptr
                                           : Call->getDirectCallee();
          for (unsigned I = 0;
               Callee && I < Call->getNumArgs() && I < Callee->getNumParams();
               ++I)
            if (Call->getArg(I) == Operand &&
                Callee->getParamDecl(I)->getDeclName().isIdentifier() &&
                !Callee->getParamDecl(I)->getName().starts_with("__"))
              Name = Callee->getParamDecl(I)->getName().str();
          return false;
        }
        const auto *E = P.get<Expr>();
        if (!E)
          return false;
        Operand = E;
        return true;
      });
  return Name;
}

bool isWrittenJsonKey(const Expr *Key, ASTContext &Context) {
  ExprUser User = findUser(Key, Context);
  if (const auto *Op = User.node.get<CXXOperatorCallExpr>();
      Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2 &&
      Op->getArg(1) == User.operand) {
    auto Sides = assignmentSides(findUser(Op, Context).node);
    return Sides && ignoreWrappers(Sides->first) == Op;
  }
  // The first of a braced pair, or of a two-argument construction.
  bool IsKey = false;
  walkParents(DynTypedNode::create(*Key), Context, 6,
              [&](const DynTypedNode &P) {
                const Expr *First = nullptr;
                if (const auto *List = P.get<InitListExpr>();
                    List && List->getNumInits() == 2)
                  First = List->getInit(0);
                else if (const auto *Construct = P.get<CXXConstructExpr>();
                         Construct && Construct->getNumArgs() == 2 &&
                         !isa<CXXDefaultArgExpr>(Construct->getArg(1)))
                  First = Construct->getArg(0);
                if (First) {
                  IsKey = ignoreWrappers(First) == Key;
                  return false;
                }
                return P.get<Expr>() != nullptr;
              });
  return IsKey;
}

void walkParents(const DynTypedNode &Start, ASTContext &Context,
                 unsigned MaxDepth,
                 llvm::function_ref<bool(const DynTypedNode &)> Visit) {
  DynTypedNode Node = Start;
  for (unsigned Depth = 0; Depth < MaxDepth; ++Depth) {
    auto Parents = Context.getParents(Node);
    if (Parents.empty() || !Visit(Parents[0]))
      return;
    Node = Parents[0];
  }
}

bool operatorBetween(const Expr *Left, const Expr *Right,
                     const ASTContext &Context,
                     llvm::ArrayRef<llvm::StringRef> Operators) {
  const SourceManager &SM = Context.getSourceManager();
  SourceLocation From = Lexer::getLocForEndOfToken(
      SM.getFileLoc(Left->getEndLoc()), 0, SM, Context.getLangOpts());
  SourceLocation To = SM.getFileLoc(Right->getBeginLoc());
  if (From.isInvalid() || To.isInvalid() ||
      SM.getFileID(From) != SM.getFileID(To) ||
      SM.isBeforeInTranslationUnit(To, From))
    return false;
  llvm::StringRef Text = Lexer::getSourceText(
      CharSourceRange::getCharRange(From, To), SM, Context.getLangOpts());
  Text = Text.trim(" \t\r\n()");
  return llvm::is_contained(Operators, Text);
}

std::string calleeName(const CallExpr *Call) {
  if (isa<CXXOperatorCallExpr>(Call))
    return "";
  if (const FunctionDecl *F = Call->getDirectCallee())
    if (F->getDeclName().isIdentifier())
      return F->getName().str();
  // Calls in templates whose callee is not resolved yet.
  const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
  if (const auto *M = dyn_cast<CXXDependentScopeMemberExpr>(Callee))
    return M->getMember().getAsString();
  if (const auto *M = dyn_cast<UnresolvedMemberExpr>(Callee))
    return M->getName().getAsString();
  if (const auto *M = dyn_cast<UnresolvedLookupExpr>(Callee))
    return M->getName().getAsString();
  return "";
}

std::string foldName(llvm::StringRef Name) {
  std::string Out;
  for (char C : Name)
    if (C != '_')
      Out.push_back(llvm::toLower(C));
  return Out;
}

const NamedDecl *referencedDecl(const Expr *E) {
  E = ignoreWrappers(E);
  if (!E)
    return nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl();
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl();
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl());
  return nullptr;
}

llvm::StringRef referencedName(const Expr *E) {
  const NamedDecl *D = referencedDecl(E);
  return D && D->getDeclName().isIdentifier() ? D->getName()
                                              : llvm::StringRef();
}

std::string functionId(const clang::FunctionDecl *FD,
                       const LocationUtil &Locations) {
  if (const clang::FunctionDecl *Pattern =
          FD->getTemplateInstantiationPattern())
    FD = Pattern;
  if (const auto *Method = llvm::dyn_cast<clang::CXXMethodDecl>(FD))
    if (Method->getParent()->isLambda())
      return "lambda@" +
             Locations.span(Method->getParent()->getLocation()).key();
  FD = FD->getCanonicalDecl();
  llvm::SmallString<128> USR;
  if (!clang::index::generateUSRForDecl(FD, USR))
    return std::string(USR);
  return FD->getQualifiedNameAsString() + "@" +
         Locations.span(FD->getLocation()).key();
}

std::string declKey(const clang::ValueDecl *D, const LocationUtil &Locations) {
  const auto *Canonical = llvm::cast<clang::ValueDecl>(D->getCanonicalDecl());
  return Locations.span(Canonical->getLocation()).key();
}

bool isInNamespace(const clang::Decl *D, llvm::StringRef Name) {
  for (const clang::DeclContext *C = D->getDeclContext(); C; C = C->getParent())
    if (const auto *NS = llvm::dyn_cast<clang::NamespaceDecl>(C))
      if (NS->getName() == Name)
        return true;
  return false;
}

std::string receiverName(const CXXMemberCallExpr *Call) {
  const Expr *Object = Call->getImplicitObjectArgument();
  if (!Object)
    return "";
  Object = Object->IgnoreParenImpCasts();
  if (const auto *Arrow = dyn_cast<CXXOperatorCallExpr>(Object))
    if (Arrow->getOperator() == OO_Arrow && Arrow->getNumArgs() > 0)
      Object = Arrow->getArg(0);
  return referencedName(Object).str();
}

} // namespace mcp_cutover
