#include "checks/session/InitializeHandlerCheck.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/MethodUse.h"
#include "checks/utils/SessionNames.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {
const char RuleId[] = "initialize-handler";

bool isLegacyHandshakeMethod(llvm::StringRef Method) {
  return Method == "initialize" || Method == "notifications/initialized";
}

/// Reports server code that dispatches on, registers or switches on the
/// legacy handshake (`Verb` says which), with its handler when known.
void reportDispatch(TranslationUnitContext &Context, SourceRange Where,
                    const char *Verb, const std::string &Method,
                    const std::string &Through, const Callable &Handler) {
  std::string Message;
  if (Method == "initialize")
    Message = std::string(Verb) +
              " the legacy 'initialize' request: MCP 2026-07-28 removed the "
              "handshake; serve server/discover and read the protocol "
              "version and client capabilities from each request's _meta";
  else
    Message = std::string(Verb) +
              " the legacy 'notifications/initialized' notification: it was "
              "removed with the handshake; delete the handler";
  if (!Through.empty())
    Message += " (through " + Through + ")";

  Context.report(RuleId, Context.Locations.span(Where), std::move(Message),
                 handlerLocation(Handler, Context.Locations));
}
/// An SDK's typed handshake messages and the legacy method each stands for
/// (InitializeResult and InitializeRequestParams are no message).
constexpr std::pair<llvm::StringRef, llvm::StringRef> HandshakeTypes[] = {
    {"InitializeRequest", "initialize"},
    {"InitializedNotification", "notifications/initialized"}};

/// The legacy method of a typed handshake message, "" for any other type.
std::string handshakeMethodOfType(const NamedDecl &Type) {
  if (!Type.getDeclName().isIdentifier())
    return "";
  for (const auto &[Name, Method] : HandshakeTypes)
    if (Type.getName() == Name)
      return Method.str();
  return "";
}

/// A call that tests which message a variant holds, by type:
/// request.is<InitializeRequest>(), std::holds_alternative<T>(v),
/// std::get_if<T>(&v), llvm-style isa<T>(m).
bool namesTypeTest(llvm::StringRef Callee) {
  std::vector<std::string> W = identifierWords(Callee);
  return !W.empty() && (W.front() == "is" || W.front() == "isa" ||
                        W.front() == "holds" || Callee == "get_if");
}

/// Where the type argument `Type` is written in a call's explicit template
/// arguments (`is<InitializeRequest>`), else the call's start.
SourceLocation typeArgumentLocation(const CallExpr *Call,
                                    const NamedDecl *Type) {
  const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
  llvm::ArrayRef<TemplateArgumentLoc> Args;
  if (const auto *M = dyn_cast<MemberExpr>(Callee))
    Args = M->template_arguments();
  else if (const auto *R = dyn_cast<DeclRefExpr>(Callee))
    Args = R->template_arguments();
  for (const TemplateArgumentLoc &A : Args)
    if (A.getArgument().getKind() == TemplateArgument::Type)
      if (const auto *R = A.getArgument().getAsType()->getAsRecordDecl();
          R && R->getCanonicalDecl() == Type->getCanonicalDecl())
        return A.getLocation();
  return Call->getBeginLoc();
}
} // namespace

void InitializeHandlerCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(stringLiteral().bind("literal"), this);
  Finder.addMatcher(declRefExpr(to(varDecl())).bind("ref"), this);
  Finder.addMatcher(declRefExpr(to(enumConstantDecl())).bind("enumerator"),
                    this);
  // A method table whose members are the methods:
  // `server->initialize = std::bind(&Server::on_initialize, this, _1)`.
  auto HandshakeMember =
      memberExpr(member(fieldDecl(hasAnyName("initialize", "initialized"))))
          .bind("member");
  Finder.addMatcher(cxxOperatorCallExpr(hasOverloadedOperatorName("="),
                                        hasArgument(0, HandshakeMember))
                        .bind("member-assignment"),
                    this);
  Finder.addMatcher(
      binaryOperator(hasOperatorName("="), hasLHS(HandshakeMember))
          .bind("member-assignment"),
      this);
  // An SDK's typed handshake messages: tested by type on the server,
  // constructed on the client.
  std::vector<llvm::StringRef> TypeNames;
  for (const auto &Entry : HandshakeTypes)
    TypeNames.push_back(Entry.first);
  auto HandshakeType = cxxRecordDecl(hasAnyName(TypeNames)).bind("type");
  // A template's own code (`static T t;` instantiated with the type) is
  // not the user's message.
  auto Written = unless(isInTemplateInstantiation());
  Finder.addMatcher(
      callExpr(Written, callee(functionDecl(hasAnyTemplateArgument(
                            refersToType(hasUnqualifiedDesugaredType(
                                recordType(hasDeclaration(HandshakeType))))))))
          .bind("type-test"),
      this);
  // InitializedNotification{} is a functional cast around a braced list:
  // the first match (the outermost) is reported, at the type's name.
  Finder.addMatcher(cxxFunctionalCastExpr(Written, hasType(HandshakeType))
                        .bind("typed-message"),
                    this);
  Finder.addMatcher(
      cxxConstructExpr(Written, hasType(HandshakeType)).bind("typed-message"),
      this);
  Finder.addMatcher(
      initListExpr(Written, hasType(HandshakeType)).bind("typed-message"),
      this);
}

void InitializeHandlerCheck::inspectTyped(const MatchFinder::MatchResult &R) {
  const auto *Type = R.Nodes.getNodeAs<CXXRecordDecl>("type");
  std::string Method = Type ? handshakeMethodOfType(*Type) : "";
  if (Method.empty())
    return;
  const SourceManager &SM = *R.SourceManager;
  std::string Through = "'" + Type->getNameAsString() + "'";
  if (const auto *Call = R.Nodes.getNodeAs<CallExpr>("type-test")) {
    std::string Callee = calleeName(Call);
    if (!Context.Locations.isUserLocation(Call->getBeginLoc()) ||
        !namesTypeTest(Callee) ||
        inTestAssertion(Call->getBeginLoc(), SM, R.Context->getLangOpts()))
      return;
    reportDispatch(Context, SourceRange(typeArgumentLocation(Call, Type)),
                   "dispatches on", Method, Through, Callable{});
    return;
  }
  const auto *Message = R.Nodes.getNodeAs<Expr>("typed-message");
  if (!Message || !Context.Locations.isUserLocation(Message->getBeginLoc()) ||
      inTestAssertion(Message->getBeginLoc(), SM, R.Context->getLangOpts()) ||
      inServerClass(Message, *R.Context))
    return;
  // Copies and moves pass a message along; only its creation builds one.
  if (const auto *C = dyn_cast<CXXConstructExpr>(Message);
      C && C->getConstructor()->isCopyOrMoveConstructor())
    return;
  // A client builds the message to fill in (`InitializeRequest req;`) or
  // hands it to a call that transmits it (`send(InitializedNotification{})`).
  // A default value (`data_(InitializedNotification{})` in a variant's
  // constructor) or a serialisation test's message is neither.
  bool Sent = false;
  walkParents(DynTypedNode::create(*Message), *R.Context, 32,
              [&](const DynTypedNode &P) {
                if (const auto *Call = P.get<CallExpr>())
                  Sent = Sent || namesTransmit(calleeName(Call));
                return !Sent && P.get<Expr>();
              });
  const auto *Var = findUser(Message, *R.Context).node.get<VarDecl>();
  if (!Sent &&
      !(Var && Var->isLocalVarDecl() && !Var->getType().isConstQualified()))
    return;
  // A braced list inside a construction is the same message: once.
  if (!TypedMessages.insert(Message->getEndLoc().getRawEncoding()).second)
    return;
  reportClient(Message->getSourceRange(), Sent, Method, Through);
}

void InitializeHandlerCheck::inspect(const Expr *Use, const std::string &Method,
                                     const std::string &Through,
                                     ASTContext &ASTCtx) {
  // The legacy bare "initialized" counts only as a method a client sends.
  MethodUse How =
      classifyMethodUse(Use, ASTCtx, Context.Locations,
                        /*BareNotification=*/Method == "initialized", "init");
  if (How.sends()) {
    // A server that sends the notification itself is neither a handshake
    // handler nor a client.
    if (!inServerClass(Use, ASTCtx))
      reportClient(Use->getSourceRange(), How.kind == MethodUseKind::Send,
                   Method, Through);
    return;
  }
  // A client comparing with the method it sent (`if (method ==
  // "initialize") session_id_ = ...`) follows its own handshake: no
  // server's dispatch.
  if (How.kind == MethodUseKind::Compare && inClientClass(Use, ASTCtx)) {
    std::string Message =
        "compares with the legacy '" + Method +
        "' (client side): this is the client's handshake path, removed "
        "with the handshake (SEP-2575); delete it once no old server remains";
    if (!Through.empty())
      Message += " (through " + Through + ")";
    Context.report(RuleId, Context.Locations.span(Use->getSourceRange()),
                   std::move(Message));
    return;
  }
  if (How.dispatches())
    reportDispatch(Context, Use->getSourceRange(), methodUseVerb(How.kind),
                   Method, Through, How.handler);
}

void InitializeHandlerCheck::reportClient(SourceRange Where, bool Sends,
                                          const std::string &Method,
                                          const std::string &Through) {
  std::string Message = Sends ? "sends" : "builds a message with";
  if (Method == "initialize")
    Message += " the legacy 'initialize' request (client side): MCP "
               "2026-07-28 removed the handshake (SEP-2575); send the "
               "protocol version and client capabilities in each request's "
               "_meta and ask server/discover for the server's capabilities";
  else
    Message += " the legacy '" + Method +
               "' notification (client side): it was removed with the "
               "handshake (SEP-2575); stop sending it";
  if (!Through.empty())
    Message += " (through " + Through + ")";
  Context.report(RuleId, Context.Locations.span(Where), std::move(Message));
}

void InitializeHandlerCheck::run(const MatchFinder::MatchResult &Result) {
  if (const auto *Member = Result.Nodes.getNodeAs<MemberExpr>("member")) {
    const Expr *Assigned = nullptr;
    if (const auto *Op =
            Result.Nodes.getNodeAs<CXXOperatorCallExpr>("member-assignment"))
      Assigned = Op->getNumArgs() == 2 ? Op->getArg(1) : nullptr;
    else if (const auto *B =
                 Result.Nodes.getNodeAs<BinaryOperator>("member-assignment"))
      Assigned = B->getRHS();
    // Only a callable stored in the member registers a handler:
    // `state.initialized = true` does not.
    Callable Handler = Assigned ? callableOf(Assigned) : Callable{};
    if (!Handler.found ||
        !Context.Locations.isUserLocation(Member->getMemberLoc()))
      return;
    llvm::StringRef Name = Member->getMemberDecl()->getName();
    reportDispatch(
        Context, SourceRange(Member->getMemberLoc()), "registers a handler for",
        Name == "initialize" ? "initialize" : "notifications/initialized",
        "member '" + Name.str() + "'", Handler);
    return;
  }
  if (Result.Nodes.getNodeAs<CXXRecordDecl>("type"))
    return inspectTyped(Result);
  if (const auto *Literal = Result.Nodes.getNodeAs<StringLiteral>("literal")) {
    std::string Text = literalText(Literal);
    if (!Context.Locations.isUserLocation(Literal->getBeginLoc()))
      return;
    if (isLegacyHandshakeMethod(Text) || Text == "initialized") {
      inspect(Literal, Text, "", *Result.Context);
      return;
    }
    // A JSON-RPC message written out: R"({"method": "initialize", ...})",
    // reported at the method's value. Compared with something, it is a test
    // checking a message, not one sent.
    auto Messages = jsonTextMethods(Text, [](llvm::StringRef M) {
      return isLegacyHandshakeMethod(M) || M == "initialized";
    });
    if (Messages.empty() ||
        isComparison(findUser(Literal, *Result.Context).node))
      return;
    for (const auto &[Offset, Method] : Messages) {
      SourceLocation At = literalLocationOf(Literal, Offset, *Result.Context,
                                            /*AtCharacter=*/true);
      reportClient(SourceRange(At), /*Sends=*/false,
                   Method == "initialize" ? "initialize" : Method, "");
    }
    return;
  }
  if (const auto *Ref = Result.Nodes.getNodeAs<DeclRefExpr>("enumerator")) {
    const auto *Constant = cast<EnumConstantDecl>(Ref->getDecl());
    std::string Method = methodOfEnumerator(
        *Constant, {"initialize", "notifications/initialized"});
    if (Method.empty() || !Context.Locations.isUserLocation(Ref->getBeginLoc()))
      return;
    inspect(Ref, Method, "'" + readableName(*Constant) + "'", *Result.Context);
    return;
  }
  if (const auto *Ref = Result.Nodes.getNodeAs<DeclRefExpr>("ref")) {
    const auto *Var = cast<VarDecl>(Ref->getDecl());
    const StringLiteral *Literal = stringConstantOf(Var);
    if (!Literal || !isLegacyHandshakeMethod(literalText(Literal)) ||
        !Context.Locations.isUserLocation(Ref->getBeginLoc()))
      return;
    inspect(Ref, literalText(Literal), "'" + Var->getName().str() + "'",
            *Result.Context);
  }
}

} // namespace mcp_cutover
