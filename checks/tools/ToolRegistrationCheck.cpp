#include "checks/tools/ToolRegistrationCheck.h"

#include <ranges>

#include "checks/tools/RegistrationVocabulary.h"
#include "checks/utils/AstUtil.h"
#include "checks/utils/JsonLiteralEvaluator.h"
#include "checks/utils/SessionNames.h"
#include "checks/utils/ToolDispatch.h"

#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Lexer.h"

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;
using nlohmann::ordered_json;

namespace {

/// The construction of `Build`'s builder class that `E` is, through
/// temporaries and a functional cast: the start of a builder chain.
const CXXConstructExpr *builderConstruction(const Expr *E,
                                            const CXXMethodDecl *Build) {
  E = ignoreTemporaries(E);
  if (const auto *Cast = dyn_cast_or_null<CXXFunctionalCastExpr>(E))
    E = Cast->getSubExpr()->IgnoreImplicit();
  const auto *C = dyn_cast_or_null<CXXConstructExpr>(E);
  const CXXRecordDecl *Type = C ? C->getType()->getAsCXXRecordDecl() : nullptr;
  return Type && Type->getCanonicalDecl() ==
                     Build->getParent()->getCanonicalDecl()
             ? C
             : nullptr;
}

/// Narrower than ignoreWrappers on purpose: an explicit one-argument
/// construction (`tool_builder("x")`) is the start of a builder chain and
/// must stay, and `_json` literals must stay to be told apart; std::move and
/// initializer lists are looked through.
const Expr *skipWrappers(const Expr *E) {
  while (E) {
    E = ignoreTemporaries(E);
    if (const auto *IL = dyn_cast<CXXStdInitializerListExpr>(E))
      E = IL->getSubExpr();
    else if (const auto *C = dyn_cast<CXXConstructExpr>(E);
             C && C->getNumArgs() == 1 && !isa<CXXTemporaryObjectExpr>(C) &&
             (C->getConstructor()->isCopyOrMoveConstructor() ||
              C->getConstructor()->isConvertingConstructor(false)))
      E = C->getArg(0);
    else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
      E = Cast->getSubExpr();
    else if (const auto *Call = dyn_cast<CallExpr>(E);
             Call && Call->getNumArgs() == 1 && Call->getDirectCallee() &&
             Call->getDirectCallee()->isInStdNamespace() &&
             Call->getDirectCallee()->getDeclName().isIdentifier() &&
             Call->getDirectCallee()->getName() == "move")
      E = Call->getArg(0);
    else
      return E;
  }
  return E;
}

/// The compile-time string an expression denotes: a literal, a constant
/// variable, std::string("..."), or nothing.
std::optional<std::string> constantString(const Expr *E) {
  if (!E || isa<CXXDefaultArgExpr>(E))
    return std::nullopt;
  if (const StringLiteral *S = asStringLiteral(E))
    return literalText(S);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(skipWrappers(E)))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      if (const StringLiteral *S = stringConstantOf(Var))
        return literalText(S);
  return std::nullopt;
}

/// A boolean argument's value, default arguments included.
std::optional<bool> constantBool(const Expr *E, const ASTContext &Ctx) {
  bool Value = false;
  if (E && !E->isValueDependent() && E->EvaluateAsBooleanCondition(Value, Ctx))
    return Value;
  return std::nullopt;
}

struct Evaluated {
  std::optional<ordered_json> value;
  std::string style;
};

/// A schema argument: a JSON literal, parsed JSON text, or a string holding
/// JSON (raw strings included).
Evaluated evaluateSchema(const Expr *E) {
  const Expr *Inner = skipWrappers(E);
  if (const StringLiteral *S = asStringLiteral(E)) {
    ordered_json J = ordered_json::parse(literalText(S), nullptr, false);
    if (J.is_discarded())
      return {std::nullopt, "raw-json"};
    return {std::move(J), "raw-json"};
  }
  std::string Style = "json-literal";
  if (const auto *Call = dyn_cast<CallExpr>(Inner))
    if (calleeName(Call) == "parse")
      Style = "raw-json";
  if (isa<UserDefinedLiteral>(Inner))
    Style = "raw-json";
  return {evaluateJsonLiteral(E), Style};
}

/// nlohmann-free "simple" schemas ({"a": "number"}) as object schemas.
ordered_json schemaFromSimple(const ordered_json &Simple) {
  if (!Simple.is_object() ||
      (Simple.contains("type") && Simple.contains("properties")))
    return Simple;
  ordered_json Properties = ordered_json::object();
  ordered_json Required = ordered_json::array();
  for (const auto &[Name, Type] : Simple.items()) {
    Properties[Name] = Type.is_string() ? ordered_json{{"type", Type}} : Type;
    Required.push_back(Name);
  }
  return {
      {"type", "object"}, {"properties", Properties}, {"required", Required}};
}

/// Which argument plays each role, from the callee's parameter names or the
/// record's field names.
class RoleArguments {
public:
  void add(llvm::StringRef Name, const Expr *Arg) {
    if (Arg)
      ByName[Name.str()] = Arg;
  }
  /// The argument given for parameter `Name`; a defaulted one only when
  /// `WithDefault` (its default is then what the call passes).
  const Expr *byName(const std::string &Name, bool WithDefault = false) const {
    auto It = Name.empty() ? ByName.end() : ByName.find(Name);
    if (It == ByName.end() ||
        (!WithDefault && isa<CXXDefaultArgExpr>(It->second)))
      return nullptr;
    return It->second;
  }
  /// The parameter or field names given, in name order.
  std::vector<std::string> names() const {
    std::vector<std::string> Out;
    Out.reserve(ByName.size());
    for (const auto &Entry : ByName)
      Out.push_back(Entry.first);
    return Out;
  }
  const Expr *get(const RoleNames &Roles, const std::string &Role) const {
    auto R = Roles.find(Role);
    if (R == Roles.end())
      return nullptr;
    for (const std::string &Name : R->second)
      if (const Expr *Arg = byName(Name))
        return Arg;
    return nullptr;
  }

private:
  std::map<std::string, const Expr *> ByName;
};

RoleArguments callArguments(const FunctionDecl *Callee, const Expr *const *Args,
                            unsigned NumArgs) {
  RoleArguments R;
  // A call through a member pointer has no method declaration.
  if (!Callee)
    return R;
  for (unsigned I = 0; I < NumArgs && I < Callee->getNumParams(); ++I)
    if (const IdentifierInfo *Id = Callee->getParamDecl(I)->getIdentifier())
      R.add(Id->getName(), Args[I]);
  return R;
}

RoleArguments fieldArguments(const InitListExpr *List) {
  RoleArguments R;
  const RecordDecl *Record = List->getType()->getAsRecordDecl();
  if (!Record)
    return R;
  unsigned I = 0;
  for (const FieldDecl *Field : Record->fields()) {
    if (I >= List->getNumInits())
      break;
    R.add(Field->getName(), List->getInit(I++));
  }
  return R;
}

/// The function an expression names, also through `&`: `run_start`,
/// `&load_config`, `::fn`.
const FunctionDecl *namedFunction(const Expr *E) {
  E = skipWrappers(E);
  if (const auto *U = dyn_cast_or_null<UnaryOperator>(E);
      U && U->getOpcode() == UO_AddrOf)
    E = skipWrappers(U->getSubExpr());
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E);
  return Ref ? dyn_cast<FunctionDecl>(Ref->getDecl()) : nullptr;
}

/// A handler argument: a lambda, a function or member function pointer, or
/// an object with a call operator (std::function, a bind expression, a
/// functor), by the argument's type after conversion to the parameter's.
bool isCallableArgument(const Expr *Arg) {
  QualType T = Arg->getType().getNonReferenceType();
  if (T->isFunctionPointerType() || T->isMemberFunctionPointerType() ||
      T->isFunctionType())
    return true;
  const CXXRecordDecl *R = T->getAsCXXRecordDecl();
  if (!R || !R->hasDefinition())
    return false;
  if (R->isLambda())
    return true;
  for (const Decl *D : R->decls()) {
    const auto *M = dyn_cast<CXXMethodDecl>(D);
    if (const auto *FT = dyn_cast<FunctionTemplateDecl>(D))
      M = dyn_cast<CXXMethodDecl>(FT->getTemplatedDecl());
    if (M && M->getOverloadedOperator() == OO_Call)
      return true;
  }
  return false;
}

/// The record an argument of a registration defines a tool, resource or
/// prompt with: one of the user's or an SDK's types (not the standard
/// library's) with a field named for a name or a URI.
const CXXRecordDecl *definitionRecord(const Expr *Arg) {
  const CXXRecordDecl *R =
      Arg->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!R || !R->hasDefinition() || R->isLambda() || R->isInStdNamespace())
    return nullptr;
  // Its own fields or a base's: `using Resource = Annotated<RawResource>`.
  std::vector<const CXXRecordDecl *> Records = {R};
  for (size_t I = 0; I < Records.size() && I < 16; ++I) {
    for (const FieldDecl *F : Records[I]->fields()) {
      DefinitionRole Role = definitionRoleNamed(F->getName());
      if (Role == DefinitionRole::Name || Role == DefinitionRole::Uri)
        return R;
    }
    for (const CXXBaseSpecifier &Base : Records[I]->bases())
      if (const CXXRecordDecl *B = Base.getType()->getAsCXXRecordDecl();
          B && B->hasDefinition())
        Records.push_back(B);
  }
  return nullptr;
}

/// The roles of the parameter or field names `Args` holds, by what the
/// names say; a resource is named by its URI first.
RoleNames genericRoles(const RoleArguments &Args, const std::string &Kind) {
  RoleNames Roles;
  std::vector<std::string> Uris;
  for (const std::string &Name : Args.names()) {
    switch (definitionRoleNamed(Name)) {
    case DefinitionRole::Name:
      Roles["name"].push_back(Name);
      break;
    case DefinitionRole::Uri:
      Uris.push_back(Name);
      break;
    case DefinitionRole::Description:
      Roles["description"].push_back(Name);
      break;
    case DefinitionRole::InputSchema:
      Roles["inputSchema"].push_back(Name);
      break;
    case DefinitionRole::OutputSchema:
      Roles["outputSchema"].push_back(Name);
      break;
    case DefinitionRole::Handler:
      Roles["handler"].push_back(Name);
      break;
    case DefinitionRole::None:
      break;
    }
  }
  std::vector<std::string> &Names = Roles["name"];
  Names.insert(Kind == "resource" ? Names.begin() : Names.end(), Uris.begin(),
               Uris.end());
  return Roles;
}

class Extractor {
public:
  Extractor(TranslationUnitContext &Context, ASTContext &ASTCtx,
            std::map<const CXXRecordDecl *, bool> &ClientReflected)
      : Context(Context), ASTCtx(ASTCtx), ClientReflected(ClientReflected) {}

  /// Through local and global variables to the expression that initialised
  /// them (not parameters: their value is the caller's).
  static const Expr *followVariables(const Expr *E) {
    for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
      E = skipWrappers(E);
      const auto *Ref = dyn_cast<DeclRefExpr>(E);
      const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
      if (!Var || isa<ParmVarDecl>(Var) || !Var->getInit())
        return E;
      E = Var->getInit();
    }
    return skipWrappers(E);
  }

  /// A function that a handler argument denotes: a lambda, a function or
  /// member function (also through & and std::bind), or a variable
  /// initialised with one of them.
  void resolveHandler(const Expr *E, ToolFact &Fact, unsigned Depth = 0) {
    E = followVariables(E);
    if (!E || Depth > 8)
      return;
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && U->getOpcode() == UO_AddrOf)
      return resolveHandler(U->getSubExpr(), Fact, Depth + 1);
    if (const auto *L = dyn_cast<LambdaExpr>(E)) {
      Fact.handler = functionId(L->getCallOperator(), Context.Locations);
      Fact.handlerSpan = Context.Locations.span(L->getBeginLoc());
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      std::string Name = calleeName(Call);
      if ((Name == "bind" || Name == "bind_front") && Call->getNumArgs() >= 1)
        return resolveHandler(Call->getArg(0), Fact, Depth + 1);
      // A handler made by a factory of the project's from a function
      // (`body<Args>(run_start, parse_start)`): the first function or
      // lambda it is given is the code that serves the call.
      const FunctionDecl *Factory = Call->getDirectCallee();
      if (!Factory || Factory->isInStdNamespace() ||
          !Context.Locations.isUserLocation(Factory->getLocation()))
        return;
      for (const Expr *Arg : Call->arguments())
        if (isa<LambdaExpr>(skipWrappers(Arg)) || namedFunction(Arg))
          return resolveHandler(Arg, Fact, Depth + 1);
      return;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      if (const auto *FD = dyn_cast<FunctionDecl>(Ref->getDecl())) {
        Fact.handler = functionId(FD, Context.Locations);
        Fact.handlerSpan = Context.Locations.span(FD->getLocation());
      }
  }

  /// Where fix-its can add to the schema literal `E`; lists written in
  /// macros are left out, since an edit there changes every expansion.
  std::map<std::string, LiteralList> literalLists(const Expr *E) {
    const SourceManager &SM = Context.Locations.sourceManager();
    std::map<std::string, LiteralList> Out;
    for (const auto &[Pointer, Written] : jsonLiteralLists(E)) {
      LiteralList L;
      const auto *List = dyn_cast<InitListExpr>(Written);
      if (!List) { // an empty json::object() call, replaced as a whole
        if (!Written->getBeginLoc().isFileID() ||
            !Written->getEndLoc().isFileID())
          continue;
        L.insertAt = Context.Locations.span(Written->getSourceRange());
        L.empty = L.replace = true;
        Out[Pointer] = L;
        continue;
      }
      if (!List->getLBraceLoc().isFileID() || !List->getRBraceLoc().isFileID())
        continue;
      L.empty = List->getNumInits() == 0;
      if (L.empty) {
        L.insertAt = Context.Locations.point(List->getRBraceLoc());
        Out[Pointer] = L;
        continue;
      }
      SourceLocation First = List->getInit(0)->getBeginLoc();
      SourceLocation Last = List->inits().back()->getEndLoc();
      if (!First.isFileID() || !Last.isFileID())
        continue;
      L.insertAt = Context.Locations.point(Last, /*AfterToken=*/true);
      auto Indent = indentationAt(SM.getBufferData(SM.getFileID(First)),
                                  SM.getFileOffset(First),
                                  SM.getFileOffset(List->getLBraceLoc()));
      L.separator = Indent ? ",\n" + *Indent : ", ";
      Out[Pointer] = L;
    }
    return Out;
  }

  void fillFromRoles(ToolFact &Fact, const RoleArguments &Args,
                     const RoleNames &Roles, SourceLocation Fallback,
                     const std::string &SchemaForm = "schema") {
    // The first name candidate that is a constant: a resource registered
    // with a computed URI is still named by its constant display name.
    if (auto Candidates = Roles.find("name"); Candidates != Roles.end())
      for (const std::string &Candidate : Candidates->second) {
        const Expr *Name = Args.byName(Candidate);
        auto S = Name ? constantString(Name) : std::nullopt;
        if (!S)
          continue;
        Fact.name = *S;
        Fact.site = Context.Locations.span(Name->getSourceRange());
        break;
      }
    if (Fact.site.file.empty())
      Fact.site = Context.Locations.span(Fallback);
    if (const Expr *D = Args.get(Roles, "description"))
      if (auto S = constantString(D)) {
        Fact.description = *S;
        Fact.descriptionKnown = true;
      }
    if (const Expr *S = Args.get(Roles, "inputSchema")) {
      Evaluated V = evaluateSchema(S);
      Fact.inputSchemaGiven = true;
      Fact.inputSchemaSpan = Context.Locations.span(S->getSourceRange());
      Fact.schemaStyle = V.style;
      if (V.value) {
        Fact.inputSchema = SchemaForm == "schema-or-simple"
                               ? schemaFromSimple(*V.value)
                               : *V.value;
        Fact.inputSchemaKnown = true;
        // A simple schema rewritten as a full one has no lists to edit.
        if (V.style == "json-literal" && Fact.inputSchema == *V.value)
          Fact.inputSchemaLists = literalLists(S);
      }
    }
    if (const Expr *S = Args.get(Roles, "outputSchema")) {
      Evaluated V = evaluateSchema(S);
      if (V.value && !V.value->is_null()) {
        Fact.outputSchema = std::move(*V.value);
        Fact.outputSchemaKnown = true;
      }
    }
    if (const Expr *H = Args.get(Roles, "handler"))
      resolveHandler(H, Fact);
  }

  /// A tool built from an expression: aggregate, constructor or builder.
  /// False when it is none of those.
  bool fromDefinition(const Expr *E, ToolFact &Fact) {
    E = skipWrappers(E);
    if (const auto *List = dyn_cast_or_null<InitListExpr>(E)) {
      const ToolType *T = toolType(List->getType(), Fact);
      if (!T)
        return false;
      Fact.kind = T->kind;
      fillFromRoles(Fact, fieldArguments(List), T->fields, List->getBeginLoc());
      return true;
    }
    if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(E)) {
      const ToolType *T = toolType(Construct->getType(), Fact);
      if (!T)
        return false;
      Fact.kind = T->kind;
      fillFromRoles(Fact,
                    callArguments(Construct->getConstructor(),
                                  Construct->getArgs(),
                                  Construct->getNumArgs()),
                    T->fields, Construct->getBeginLoc());
      return true;
    }
    if (const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(E))
      return fromBuilder(Call, Fact);
    return false;
  }

  bool fromBuilder(const CXXMemberCallExpr *BuildCall, ToolFact &Fact) {
    const CXXMethodDecl *BuildMethod = BuildCall->getMethodDecl();
    if (!BuildMethod || !BuildMethod->getDeclName().isIdentifier())
      return false;
    const Builder *B = builder(BuildMethod, Fact);
    if (!B)
      return false;
    Fact.kind = B->kind;
    Fact.schemaStyle = "builder";
    Fact.inputSchemaGiven = true;
    Fact.inputSchemaSpan = Context.Locations.span(BuildCall->getSourceRange());
    // Walk the chain back to the constructor, then replay it.
    std::vector<std::pair<const CXXMemberCallExpr *, const BuilderMethod *>>
        Chain;
    const Expr *Object = BuildCall->getImplicitObjectArgument();
    const CXXConstructExpr *Start = nullptr;
    bool Known = true;
    while (Object) {
      // `prompt_builder("x")` with a converting constructor is a functional
      // cast around the construction that starts the chain: skipWrappers
      // would look through both, to the name.
      if (const CXXConstructExpr *C =
              builderConstruction(Object, BuildMethod)) {
        Start = C;
        break;
      }
      Object = skipWrappers(Object);
      if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Object)) {
        const CXXMethodDecl *M = Call->getMethodDecl();
        const BuilderMethod *Meaning = nullptr;
        if (M && M->getDeclName().isIdentifier())
          for (const BuilderMethod &Candidate : B->methods)
            if (Candidate.name == M->getName())
              Meaning = &Candidate;
        if (!Meaning)
          Known = false; // a method the profile does not describe
        else
          Chain.emplace_back(Call, Meaning);
        Object = Call->getImplicitObjectArgument();
        continue;
      }
      Start = dyn_cast<CXXConstructExpr>(Object);
      break;
    }
    if (!Start) {
      // A builder variable changed statement by statement: not followed.
      Fact.site = Context.Locations.span(BuildCall->getBeginLoc());
      return true;
    }
    RoleArguments CtorArgs = callArguments(
        Start->getConstructor(), Start->getArgs(), Start->getNumArgs());
    fillFromRoles(Fact, CtorArgs, RoleNames{{"name", {B->nameParameter}}},
                  Start->getBeginLoc());
    ordered_json Schema = B->initialSchema;
    ordered_json Properties = ordered_json::object();
    ordered_json Required = ordered_json::array();
    for (const auto &[Call, M] : std::ranges::reverse_view(Chain)) {
      RoleArguments A = callArguments(Call->getMethodDecl(), Call->getArgs(),
                                      Call->getNumArgs());
      auto Arg = [&](const std::string &Param) { return A.byName(Param); };
      if (M->sets == "description") {
        if (auto S = constantString(Arg(M->parameter))) {
          Fact.description = *S;
          Fact.descriptionKnown = true;
        }
        continue;
      }
      auto Name = constantString(Arg(M->nameParameter));
      if (!Name) {
        Known = false;
        continue;
      }
      ordered_json Property = M->property;
      if (auto D = constantString(Arg(M->descriptionParameter)))
        Property["description"] = *D;
      if (const Expr *Item = Arg(M->itemTypeParameter)) {
        if (auto S = constantString(Item))
          Property["items"] = {{"type", *S}};
        else
          Known = false;
      }
      if (const Expr *Props = Arg(M->propertiesParameter)) {
        if (auto J = evaluateJsonLiteral(Props))
          Property["properties"] = *J;
        else
          Known = false;
      }
      Properties[*Name] = std::move(Property);
      std::optional<bool> IsRequired = true;
      if (const Expr *R = A.byName(M->requiredParameter, /*WithDefault=*/true))
        IsRequired = constantBool(R, ASTCtx);
      if (!IsRequired)
        Known = false;
      else if (*IsRequired)
        Required.push_back(*Name);
    }
    if (!Properties.empty())
      Schema["properties"] = Properties;
    if (!Required.empty())
      Schema["required"] = Required;
    if (Known) {
      Fact.inputSchema = std::move(Schema);
      Fact.inputSchemaKnown = true;
    }
    if (!B->handleParameterCall.empty()) {
      const auto *Member = dyn_cast<MemberExpr>(BuildCall->getCallee());
      if (Member && Member->getOperatorLoc().isValid()) {
        SourceLocation Dot = Member->getOperatorLoc();
        Fact.handleInsertionPoint = Context.Locations.point(Dot);
        // On its own line, the inserted call gets a line of its own.
        const SourceManager &SM = Context.Locations.sourceManager();
        SourceLocation File = SM.getFileLoc(Dot);
        auto Indent = indentationAt(SM.getBufferData(SM.getFileID(File)),
                                    SM.getFileOffset(File));
        Fact.handleInsertion = B->handleParameterCall;
        if (Indent && !Indent->empty())
          Fact.handleInsertion += "\n" + *Indent;
      }
    }
    return true;
  }

  /// The builder whose build method `M` is, from the first profile that
  /// has one (the user's profiles come first), with its name on `Fact`.
  const Builder *builder(const CXXMethodDecl *M, ToolFact &Fact) {
    std::string Type = M->getParent()->getQualifiedNameAsString();
    for (const SdkProfile &P : Context.Profiles.profiles())
      for (const Builder &Candidate : P.builders)
        if (namePatternMatches(Candidate.type, Type) &&
            Candidate.build == M->getName()) {
          Fact.profile = P.name;
          return &Candidate;
        }
    return nullptr;
  }

  /// The profile's tool type `T` is, with the profile's name on `Fact`.
  const ToolType *toolType(QualType T, ToolFact &Fact) {
    const CXXRecordDecl *R = T->getAsCXXRecordDecl();
    if (!R)
      return nullptr;
    std::string Qualified = R->getQualifiedNameAsString();
    for (const SdkProfile &P : Context.Profiles.profiles())
      for (const ToolType &Candidate : P.toolTypes)
        if (namePatternMatches(Candidate.type, Qualified)) {
          if (Fact.profile.empty()) // a registration's profile stays
            Fact.profile = P.name;
          return &Candidate;
        }
    return nullptr;
  }

  void emit(ToolFact Fact) {
    // Generic plumbing (an SDK's own code building tools from its
    // parameters) defines no tool of its own.
    if (Fact.name.empty())
      return;
    Context.Facts.tools.push_back(std::move(Fact));
  }

  /// The fields of the local variable `Var` assigned one by one before
  /// `Before` in the function that declares it (`Tool t; t.name = "add";`),
  /// added to `Args` over what its initialiser gave; the last one wins.
  void addAssignedFields(const VarDecl *Var, SourceLocation Before,
                         RoleArguments &Args) {
    const auto *Function =
        dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod());
    const Stmt *Body = Function ? Function->getBody() : nullptr;
    if (!Body)
      return;
    auto Field = memberExpr(hasObjectExpression(ignoringParenImpCasts(
                                declRefExpr(to(varDecl(equalsNode(Var)))))),
                            member(fieldDecl().bind("field")));
    auto Value = expr().bind("value");
    auto Assignment = stmt(anyOf(
        binaryOperator(isAssignmentOperator(), hasLHS(Field), hasRHS(Value)),
        cxxOperatorCallExpr(hasOverloadedOperatorName("="),
                            hasArgument(0, Field), hasArgument(1, Value))));
    const SourceManager &SM = Context.Locations.sourceManager();
    for (const BoundNodes &N : match(findAll(Assignment), *Body, ASTCtx)) {
      const auto *F = N.getNodeAs<FieldDecl>("field");
      const auto *V = N.getNodeAs<Expr>("value");
      if (F && V && SM.isBeforeInTranslationUnit(V->getBeginLoc(), Before))
        Args.add(F->getName(), V);
    }
  }

  /// A tool, resource or prompt defined by `Def`, an argument of a
  /// registration: an aggregate, a constructor call, or a variable holding
  /// one, whose fields may then be assigned one by one.
  void shapeDefinition(const Expr *Def, SourceLocation CallLoc,
                       ToolFact &Fact) {
    const auto *Ref = dyn_cast<DeclRefExpr>(skipWrappers(Def));
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (Var && (isa<ParmVarDecl>(Var) || !Var->hasLocalStorage()))
      Var = nullptr;
    const Expr *Init = followVariables(Def);
    RoleArguments Args;
    if (const auto *List = dyn_cast_or_null<InitListExpr>(Init))
      Args = fieldArguments(List);
    else if (const auto *C = dyn_cast_or_null<CXXConstructExpr>(Init);
             C && !C->getConstructor()->isCopyOrMoveConstructor())
      Args = callArguments(C->getConstructor(), C->getArgs(), C->getNumArgs());
    if (Var)
      addAssignedFields(Var, CallLoc, Args);
    fillFromRoles(Fact, Args, genericRoles(Args, Fact.kind),
                  Def->getBeginLoc());
  }

  /// A registration recognised by its shape, with no SDK profile: a call
  /// named for registering (add, register, route, ...) that receives a
  /// name (a string, or a definition object with a name or URI field) and
  /// a handler, a schema or a definition. The kind comes from the callee's
  /// name, the receiver's type, the definition's type, or a schema (tool).
  /// False when the call is not one.
  bool shapeRegistration(const CallExpr *Call, const FunctionDecl *Callee) {
    if (isa<CXXOperatorCallExpr>(Call) || !Callee->getDeclName().isIdentifier())
      return false;
    const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
    if (Callee->isInStdNamespace() ||
        (Method && Method->getParent()->isInStdNamespace()))
      return listedInContainer(Call, Callee);
    if (!namesRegistrationCall(Callee->getName()))
      return false;
    const std::optional<std::string> CalleeKind =
        registeredKindNamed(Callee->getName());
    std::optional<std::string> Kind = CalleeKind;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
        !Kind && Member && Member->getRecordDecl())
      Kind = registeredKindNamed(Member->getRecordDecl()->getName());
    const Expr *Handler = nullptr, *Def = nullptr, *FirstString = nullptr;
    const CXXRecordDecl *DefRecord = nullptr;
    RoleArguments Args;
    unsigned N = std::min(Call->getNumArgs(), Callee->getNumParams());
    for (unsigned I = 0; I < N; ++I) {
      const Expr *Arg = Call->getArg(I);
      if (isa<CXXDefaultArgExpr>(Arg))
        continue;
      if (!Handler && isCallableArgument(Arg)) {
        Handler = Arg;
        continue;
      }
      if (const CXXRecordDecl *Record = Def ? nullptr : definitionRecord(Arg)) {
        Def = Arg;
        DefRecord = Record;
        continue;
      }
      if (const IdentifierInfo *Id = Callee->getParamDecl(I)->getIdentifier();
          Id && definitionRoleNamed(Id->getName()) != DefinitionRole::None)
        Args.add(Id->getName(), Arg);
      else if (I == 0 && constantString(Arg))
        FirstString = Arg; // `add(std::string n, ...)`: named by position
    }
    if (!Kind && DefRecord)
      Kind = registeredKindNamed(DefRecord->getName());
    RoleNames Roles = genericRoles(Args, Kind.value_or("tool"));
    bool HasSchema = Roles.count("inputSchema") != 0;
    if (!Kind && HasSchema)
      Kind = "tool";
    // A callee named for both (add_file_resource, registerPrompt) needs no
    // more evidence than a name; others need a handler, a definition or a
    // schema beside it.
    if (!Kind || !(Handler || Def || HasSchema || CalleeKind))
      return false;
    ToolFact Fact;
    Fact.kind = *Kind;
    Fact.profile = "shape";
    if (Def) {
      shapeDefinition(Def, Call->getBeginLoc(), Fact);
    } else {
      if (Roles["name"].empty() && FirstString) {
        Args.add("name", FirstString);
        Roles["name"].emplace_back("name");
      }
      fillFromRoles(Fact, Args, Roles, Call->getBeginLoc());
    }
    if (Handler && Fact.handler.empty())
      resolveHandler(Handler, Fact);
    if (Fact.name.empty())
      return false;
    Fact.registrar = registrarOf(Call);
    emit(std::move(Fact));
    return true;
  }

  /// True when `Record` is the argument of a client template
  /// (`McpClient<MCPTools>`): its members are the stubs a client calls
  /// tools with, not tools it serves.
  bool reflectedByClient(const CXXRecordDecl *Record) {
    auto [Known, New] = ClientReflected.try_emplace(Record, false);
    if (New)
      Known->second = clientTemplateUses(Record);
    return Known->second;
  }

  bool clientTemplateUses(const CXXRecordDecl *Record) {
    auto IsRecord = hasUnqualifiedDesugaredType(
        recordType(hasDeclaration(cxxRecordDecl(equalsNode(Record)))));
    auto Uses = match(classTemplateSpecializationDecl(
                          hasAnyTemplateArgument(refersToType(IsRecord)))
                          .bind("use"),
                      ASTCtx);
    for (const BoundNodes &N : Uses) {
      const auto *Use = N.getNodeAs<ClassTemplateSpecializationDecl>("use");
      if (hasWord(identifierWords(Use->getSpecializedTemplate()->getName()),
                  {"client"}))
        return true;
    }
    return false;
  }

  /// A tool declared as a member or variable whose type is a template named
  /// for it, with the tool's name in the template arguments: a string
  /// (`ToolFunction<double(Params), "add"> add{"..."}`) or the function that
  /// serves it, which names it (`ToolFunctionS<&load_config> load_config`).
  /// A server template reflecting over the record registers every member.
  void templateArgumentTool(const DeclaratorDecl *D) {
    const TypeSourceInfo *Written = D->getTypeSourceInfo();
    auto TL = Written ? Written->getTypeLoc()
                            .getAsAdjusted<TemplateSpecializationTypeLoc>()
                      : TemplateSpecializationTypeLoc();
    if (!TL)
      return;
    const TemplateDecl *Template =
        TL.getTypePtr()->getTemplateName().getAsTemplateDecl();
    std::optional<std::string> Kind =
        Template ? registeredKindNamed(Template->getName()) : std::nullopt;
    if (!Kind)
      return;
    if (const auto *Record = dyn_cast<CXXRecordDecl>(D->getDeclContext());
        Record && reflectedByClient(Record))
      return;
    ToolFact Fact;
    Fact.kind = *Kind;
    Fact.profile = "shape";
    for (unsigned I = 0; I < TL.getNumArgs() && Fact.name.empty(); ++I) {
      const TemplateArgumentLoc &Arg = TL.getArgLoc(I);
      if (Arg.getArgument().getKind() != TemplateArgument::Expression)
        continue;
      const Expr *E = Arg.getSourceExpression();
      if (auto Name = constantString(E)) {
        Fact.name = *Name;
        Fact.site = Context.Locations.span(E->getSourceRange());
        continue;
      }
      const FunctionDecl *Function = namedFunction(E);
      if (!Function || !Function->getDeclName().isIdentifier())
        continue;
      Fact.name = Function->getName().str();
      Fact.site = Context.Locations.span(E->getSourceRange());
      resolveHandler(E, Fact);
    }
    const Expr *Init = nullptr;
    if (const auto *Field = dyn_cast<FieldDecl>(D))
      Init = Field->getInClassInitializer();
    else if (const auto *Var = dyn_cast<VarDecl>(D))
      Init = Var->getInit();
    if (const auto *C = dyn_cast_or_null<CXXConstructExpr>(skipWrappers(Init)))
      if (auto Description = constantString(
              callArguments(C->getConstructor(), C->getArgs(), C->getNumArgs())
                  .get(RoleNames{{"description", {"description", "desc"}}},
                       "description"))) {
        Fact.description = *Description;
        Fact.descriptionKnown = true;
      }
    emit(std::move(Fact));
  }

  /// A definition added to a standard container named for its kind
  /// (`resources_.push_back(resource)`, `tools.emplace_back(t)`): the list
  /// a hand-written server answers resources/list or tools/list from.
  bool listedInContainer(const CallExpr *Call, const FunctionDecl *Callee) {
    llvm::StringRef Name = Callee->getName();
    const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
    std::optional<std::string> Kind =
        Member ? kindOfContainer(Member->getImplicitObjectArgument())
               : std::nullopt;
    if (!Kind)
      return false;
    ToolFact Fact;
    Fact.kind = *Kind;
    Fact.profile = "shape";
    bool Appends = Name == "push_back" || Name == "emplace_back" ||
                   Name == "insert" || Name == "push";
    bool Maps = Name == "emplace" || Name == "insert" || Name == "try_emplace";
    if (Appends && Call->getNumArgs() == 1 && definitionRecord(Call->getArg(0)))
      shapeDefinition(Call->getArg(0), Call->getBeginLoc(), Fact);
    else if (Maps && Call->getNumArgs() == 2)
      namedHandler(Call->getArg(0), Call->getArg(1), Fact);
    if (Fact.name.empty())
      return false;
    emit(std::move(Fact));
    return true;
  }

  /// "tool", "resource" or "prompt" when `Object` is a variable or member
  /// named for them: tools_, g_resources, prompt_table.
  static std::optional<std::string> kindOfContainer(const Expr *Object) {
    const NamedDecl *Container = referencedDecl(Object);
    if (!Container || !Container->getDeclName().isIdentifier())
      return std::nullopt;
    // The tools of a message being built (`ListToolsResult::tools`) are a
    // response's content, not the server's list.
    if (const auto *Field = dyn_cast<FieldDecl>(Container);
        Field && hasWord(identifierWords(Field->getParent()->getName()),
                         {"result", "response", "request", "message", "params",
                          "reply"}))
      return std::nullopt;
    return registeredKindNamed(Container->getName());
  }

  /// A name and a handler stored under it (`tools_.emplace("add", fn)`,
  /// `tools_["add"] = fn`).
  void namedHandler(const Expr *Key, const Expr *Value, ToolFact &Fact) {
    auto Name = constantString(Key);
    if (!Name || !isCallableArgument(Value))
      return;
    Fact.name = *Name;
    Fact.site = Context.Locations.span(Key->getSourceRange());
    resolveHandler(Value, Fact);
  }

  /// `tools_["add"] = handler;` into a map named for tools.
  void storedInMap(const CXXOperatorCallExpr *Assign) {
    if (Assign->getOperator() != OO_Equal || Assign->getNumArgs() != 2)
      return;
    const auto *Subscript =
        dyn_cast<CXXOperatorCallExpr>(Assign->getArg(0)->IgnoreParenImpCasts());
    if (!Subscript || Subscript->getOperator() != OO_Subscript ||
        Subscript->getNumArgs() != 2)
      return;
    std::optional<std::string> Kind = kindOfContainer(Subscript->getArg(0));
    if (!Kind)
      return;
    ToolFact Fact;
    Fact.kind = *Kind;
    Fact.profile = "shape";
    namedHandler(Subscript->getArg(1), Assign->getArg(1), Fact);
    emit(std::move(Fact));
  }

  /// The object a member call is made on, as a key shared by every call on
  /// it: a variable's or field's declaration, or "this:Class".
  std::string registrarOf(const CallExpr *Call) {
    const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
    const Expr *Object = Member ? Member->getImplicitObjectArgument() : nullptr;
    for (unsigned Depth = 0; Object && Depth < 8; ++Depth) {
      Object = Object->IgnoreParenImpCasts();
      if (const auto *Arrow = dyn_cast<CXXOperatorCallExpr>(Object);
          Arrow && Arrow->getOperator() == OO_Arrow &&
          Arrow->getNumArgs() == 1) {
        Object = Arrow->getArg(0); // server_->addTool(): the smart pointer
        continue;
      }
      if (const auto *U = dyn_cast<UnaryOperator>(Object);
          U && U->getOpcode() == UO_Deref) {
        Object = U->getSubExpr();
        continue;
      }
      if (isa<CXXThisExpr>(Object))
        if (const CXXRecordDecl *R =
                Object->getType()->getPointeeCXXRecordDecl())
          return "this:" + R->getQualifiedNameAsString();
      const auto *D = dyn_cast_or_null<ValueDecl>(referencedDecl(Object));
      if (!D)
        return "";
      std::string Key = declKey(D, Context.Locations);
      // A member reached through `this` belongs to that object: the
      // server_ of one gtest TEST_F (a class of its own) is not another's.
      if (const auto *M = dyn_cast<MemberExpr>(ignoreWrappers(Object)))
        if (const auto *This =
                dyn_cast<CXXThisExpr>(M->getBase()->IgnoreParenImpCasts()))
          if (const CXXRecordDecl *R =
                  This->getType()->getPointeeCXXRecordDecl())
            Key += "@" + R->getQualifiedNameAsString();
      return Key;
    }
    return "";
  }

  /// A call that sets one handler for every tool (resource, prompt) of the
  /// object it is made on: `server.setToolCallHandler(fn)`,
  /// `set_prompt_get_callback(fn)`. Its handler serves the tools listed on
  /// that object without one of their own.
  void catchAllHandler(const CallExpr *Call, const FunctionDecl *Callee) {
    if (isa<CXXOperatorCallExpr>(Call) || !Callee->getDeclName().isIdentifier())
      return;
    std::vector<std::string> W = identifierWords(Callee->getName());
    auto Kind = registeredKindNamed(Callee->getName());
    bool Sets = !W.empty() && (W.front() == "set" || W.front() == "on" ||
                               W.front() == "register");
    if (!Kind || !Sets || (W.back() != "handler" && W.back() != "callback"))
      return;
    ToolFact Fact;
    for (const Expr *Arg : Call->arguments()) {
      if (constantString(Arg))
        return; // a named registration, not a catch-all
      if (Fact.handler.empty() && isCallableArgument(Arg))
        resolveHandler(Arg, Fact);
    }
    Fact.registrar = registrarOf(Call);
    if (Fact.handler.empty() || Fact.registrar.empty())
      return;
    Fact.kind = *Kind;
    Fact.catchAll = true;
    Fact.profile = "shape";
    Fact.site = Context.Locations.span(Call->getBeginLoc());
    Context.Facts.tools.push_back(std::move(Fact));
  }

  /// False when the registration names no constant tool.
  bool registration(const CallExpr *Call, const FunctionDecl *Callee,
                    const SdkProfile &P, const RegistrationCall &R) {
    ToolFact Fact;
    Fact.kind = R.kind;
    Fact.profile = P.name;
    RoleArguments Args =
        callArguments(Callee, Call->getArgs(), Call->getNumArgs());
    if (const Expr *Tool = Args.get(R.parameters, "tool")) {
      // The tool object, through variables, to what builds it.
      if (!fromDefinition(followVariables(Tool), Fact))
        return false; // a tool object we cannot see: its definition reports it
      if (const Expr *H = Args.get(R.parameters, "handler"))
        resolveHandler(H, Fact);
    } else {
      fillFromRoles(Fact, Args, R.parameters, Call->getBeginLoc(),
                    R.inputSchemaForm);
    }
    if (Fact.name.empty())
      return false;
    emit(std::move(Fact));
    return true;
  }

private:
  TranslationUnitContext &Context;
  ASTContext &ASTCtx;
  std::map<const CXXRecordDecl *, bool> &ClientReflected;
};

} // namespace

void ToolRegistrationCheck::registerMatchers(MatchFinder &Finder) {
  std::vector<std::string> Types, Builds;
  for (const SdkProfile &P : Context.Profiles.profiles()) {
    for (const ToolType &T : P.toolTypes)
      Types.push_back(T.type);
    for (const Builder &B : P.builders)
      Builds.push_back(B.type + "::" + B.build);
  }
  // The matcher copies the names.
  auto AnyName = [](const std::vector<std::string> &Names) {
    std::vector<llvm::StringRef> Refs(Names.begin(), Names.end());
    return hasAnyName(llvm::ArrayRef<llvm::StringRef>(Refs));
  };
  // Every call: the profiles' registrations first, then any call shaped
  // like one.
  Finder.addMatcher(callExpr(callee(functionDecl())).bind("call"), this);
  if (!Types.empty()) {
    // Through sugar: vector<Tool>::push_back({...}) builds a 'value_type'.
    auto ToolRecord = hasType(hasUnqualifiedDesugaredType(
        recordType(hasDeclaration(cxxRecordDecl(AnyName(Types))))));
    Finder.addMatcher(cxxConstructExpr(ToolRecord).bind("construct"), this);
    Finder.addMatcher(initListExpr(ToolRecord).bind("list"), this);
  }
  // Tools served by a hand-written tools/call branch.
  Finder.addMatcher(ifStmt(hasCondition(expr().bind("comparison"))), this);
  // Tools declared by a member's or variable's template type.
  Finder.addMatcher(fieldDecl().bind("declared"), this);
  Finder.addMatcher(varDecl(unless(parmVarDecl())).bind("declared"), this);
  if (!Builds.empty())
    Finder.addMatcher(
        cxxMemberCallExpr(callee(cxxMethodDecl(AnyName(Builds)))).bind("build"),
        this);
}

void ToolRegistrationCheck::run(const MatchFinder::MatchResult &Result) {
  Extractor X(Context, *Result.Context, ClientReflected);
  auto Owned = [&](const Stmt *S) {
    return S && Context.Locations.isUserLocation(S->getBeginLoc());
  };
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Owned(Call) || !Callee)
      return;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call))
      return X.storedInMap(Op);
    std::string Qualified = Callee->getQualifiedNameAsString();
    for (const SdkProfile &P : Context.Profiles.profiles())
      for (const RegistrationCall &R : P.registrations)
        if (namePatternMatches(R.callee, Qualified)) {
          if (!X.registration(Call, Callee, P, R))
            X.shapeRegistration(Call, Callee);
          return;
        }
    if (!X.shapeRegistration(Call, Callee))
      X.catchAllHandler(Call, Callee);
    return;
  }
  if (const auto *C = Result.Nodes.getNodeAs<Expr>("comparison")) {
    if (!Owned(C))
      return;
    if (auto Branch = toolDispatchBranch(C, *Result.Context)) {
      ToolFact Fact;
      Fact.kind = Branch->kind;
      Fact.name = Branch->name;
      Fact.profile = "dispatch";
      Fact.dispatchBranch = true;
      Fact.site = Context.Locations.span(Branch->literal->getSourceRange());
      Fact.handler = dispatchBranchId(*Branch, Context.Locations);
      Fact.handlerSpan = Context.Locations.span(Branch->body->getBeginLoc());
      X.emit(std::move(Fact));
    }
    return;
  }
  if (const auto *D = Result.Nodes.getNodeAs<DeclaratorDecl>("declared")) {
    if (Context.Locations.isUserLocation(D->getLocation()))
      X.templateArgumentTool(D);
    return;
  }
  const Expr *Definition =
      Result.Nodes.getNodeAs<CXXConstructExpr>("construct");
  if (!Definition)
    Definition = Result.Nodes.getNodeAs<InitListExpr>("list");
  if (!Definition)
    Definition = Result.Nodes.getNodeAs<CXXMemberCallExpr>("build");
  if (!Owned(Definition))
    return;
  if (const auto *C = dyn_cast<CXXConstructExpr>(Definition))
    if (C->getConstructor()->isCopyOrMoveConstructor() || C->getNumArgs() == 0)
      return; // a copy of a tool defined elsewhere, or an empty one
  ToolFact Fact;
  if (X.fromDefinition(Definition, Fact))
    X.emit(std::move(Fact));
}

} // namespace mcp_cutover
