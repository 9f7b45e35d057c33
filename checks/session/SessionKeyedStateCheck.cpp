#include "checks/session/SessionKeyedStateCheck.h"

#include "checks/utils/AstUtil.h"
#include "checks/utils/SessionNames.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace mcp_cutover {

using namespace clang;
using namespace clang::ast_matchers;

namespace {
/// Qualified name without inline namespaces: std::__1::map -> std::map.
std::string plainQualifiedName(const NamedDecl *D) {
  std::string Name = D->getName().str();
  for (const DeclContext *Ctx = D->getDeclContext(); Ctx;
       Ctx = Ctx->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(Ctx)) {
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
      Name = NS->getName().str() + "::" + Name;
    } else if (const auto *R = dyn_cast<RecordDecl>(Ctx)) {
      Name = R->getName().str() + "::" + Name;
    }
  }
  return Name;
}

bool isAssociativeName(llvm::StringRef Qualified) {
  static const char *const Known[] = {"std::map",
                                      "std::multimap",
                                      "std::unordered_map",
                                      "std::unordered_multimap",
                                      "std::set",
                                      "std::multiset",
                                      "std::unordered_set",
                                      "std::unordered_multiset",
                                      "std::flat_map",
                                      "std::flat_set",
                                      "std::flat_multimap",
                                      "std::flat_multiset",
                                      "absl::flat_hash_map",
                                      "absl::node_hash_map",
                                      "absl::btree_map",
                                      "absl::flat_hash_set",
                                      "absl::node_hash_set",
                                      "absl::btree_set",
                                      "boost::unordered_map",
                                      "boost::unordered_set",
                                      "boost::unordered_flat_map",
                                      "boost::unordered_node_map",
                                      "boost::unordered_flat_set",
                                      "boost::concurrent_flat_map",
                                      "boost::container::flat_map",
                                      "boost::container::map",
                                      "boost::container::flat_set",
                                      "boost::bimaps::bimap",
                                      "tbb::concurrent_hash_map",
                                      "tbb::concurrent_unordered_map",
                                      "oneapi::tbb::concurrent_hash_map",
                                      "oneapi::tbb::concurrent_unordered_map",
                                      "folly::F14FastMap",
                                      "folly::F14NodeMap",
                                      "folly::F14ValueMap",
                                      "folly::F14VectorMap",
                                      "folly::ConcurrentHashMap",
                                      "folly::EvictingCacheMap",
                                      "QMap",
                                      "QHash",
                                      "QMultiMap",
                                      "QMultiHash",
                                      "QSet",
                                      "QCache"};
  for (const char *K : Known)
    if (Qualified == K)
      return true;
  // tsl::robin_map, phmap::parallel_flat_hash_map, ankerl::...::map,
  // LruCache<K, V>: most third-party maps and caches say so in their name.
  llvm::StringRef Last = Qualified.rsplit("::").second;
  if (Last.empty())
    Last = Qualified;
  std::string Lower = Last.lower();
  return llvm::StringRef(Lower).ends_with("map") ||
         llvm::StringRef(Lower).ends_with("cache") || Lower == "robin_set" ||
         Lower == "flat_hash_set" || Lower == "parallel_flat_hash_set";
}

std::string typeSpelling(QualType T, const ASTContext &Context) {
  PrintingPolicy Policy(Context.getLangOpts());
  Policy.SuppressTagKeyword = true;
  return T.getAsString(Policy);
}
} // namespace

namespace {
/// A class template specialisation's template, by plain qualified name, and
/// its first argument when that is a type: std::map<K, V> -> (std::map, K).
struct Specialization {
  std::string templateName;
  QualType firstType; ///< Null when the first argument is not a type.
};
std::optional<Specialization> specializationOf(QualType Type) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() == 0)
    return std::nullopt;
  const TemplateArgument &Arg = Spec->getTemplateArgs()[0];
  return Specialization{
      plainQualifiedName(Spec->getSpecializedTemplate()),
      Arg.getKind() == TemplateArgument::Type ? Arg.getAsType() : QualType()};
}

/// The T of std::unique_ptr<T>, std::shared_ptr<T> and std::optional<T>: a
/// map held through one is still the server's state.
QualType heldType(QualType Type) {
  auto Spec = specializationOf(Type);
  if (!Spec || (Spec->templateName != "std::unique_ptr" &&
                Spec->templateName != "std::shared_ptr" &&
                Spec->templateName != "std::optional"))
    return QualType();
  return Spec->firstType;
}

/// `(*p)[k]`, `p->find(k)`: the object is what the smart pointer holds.
const Expr *throughSmartPointer(const Expr *Object) {
  Object = ignoreWrappers(Object);
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(Object))
    if ((Op->getOperator() == OO_Star || Op->getOperator() == OO_Arrow) &&
        Op->getNumArgs() == 1)
      return Op->getArg(0);
  return Object;
}
} // namespace

std::optional<SessionKeyedStateCheck::ContainerType>
SessionKeyedStateCheck::associativeContainer(QualType Type,
                                             const ASTContext &Context) {
  if (QualType Held = heldType(Type); !Held.isNull())
    return associativeContainer(Held, Context);
  QualType T = Type;
  for (int Depth = 0; Depth < 16 && !T.isNull(); ++Depth) {
    if (const auto *TST = T->getAs<TemplateSpecializationType>()) {
      TemplateDecl *Template = TST->getTemplateName().getAsTemplateDecl();
      if (Template && !TST->template_arguments().empty() &&
          isAssociativeName(plainQualifiedName(Template))) {
        const TemplateArgument &Key = TST->template_arguments()[0];
        if (Key.getKind() != TemplateArgument::Type)
          return std::nullopt;
        return ContainerType{plainQualifiedName(Template),
                             typeSpelling(Key.getAsType(), Context)};
      }
      if (!TST->isTypeAlias())
        break;
      T = TST->getAliasedType();
      continue;
    }
    QualType Next = T->getLocallyUnqualifiedSingleStepDesugaredType();
    if (Next == T)
      break;
    T = Next;
  }
  // Sugar-free: a class template specialisation.
  auto Spec = specializationOf(Type);
  if (!Spec || !isAssociativeName(Spec->templateName) ||
      Spec->firstType.isNull())
    return std::nullopt;
  return ContainerType{Spec->templateName,
                       typeSpelling(Spec->firstType, Context)};
}

bool isSessionKeyExpr(const Expr *Key) {
  Key = ignoreWrappers(Key);
  if (!Key)
    return false;
  // session_id.c_str(), std::string(sid).data(): the object is the key.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Key))
    if (Member->getNumArgs() == 0 && Member->getImplicitObjectArgument() &&
        !namesSessionId(calleeName(Member)))
      return isSessionKeyExpr(Member->getImplicitObjectArgument());
  if (const auto *Call = dyn_cast<CallExpr>(Key)) {
    if (namesSessionId(calleeName(Call)))
      return true;
    // req.get_header_value("Mcp-Session-Id")
    for (const Expr *Arg : Call->arguments()) {
      const StringLiteral *Literal = asStringLiteral(Arg);
      if (!Literal)
        if (const auto *Var = dyn_cast_or_null<VarDecl>(referencedDecl(Arg)))
          Literal = stringConstantOf(Var);
      if (Literal && matchSessionHeaderLiteral(literalText(Literal)).shape ==
                         HeaderLiteralShape::Name)
        return true;
    }
    return false;
  }
  if (const NamedDecl *D = referencedDecl(Key))
    return D->getDeclName().isIdentifier() && namesSessionId(D->getName());
  return false;
}

void SessionKeyedStateCheck::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(fieldDecl().bind("field"), this);
  Finder.addMatcher(varDecl(hasGlobalStorage()).bind("var"), this);
  Finder.addMatcher(
      cxxOperatorCallExpr(hasOverloadedOperatorName("[]")).bind("subscript"),
      this);
  Finder.addMatcher(
      cxxMemberCallExpr(
          callee(cxxMethodDecl(
              hasAnyName("find", "at", "count", "contains", "erase", "emplace",
                         "try_emplace", "insert_or_assign", "insert",
                         "equal_range", "lower_bound", "upper_bound"))))
          .bind("member-call"),
      this);
}

bool SessionKeyedStateCheck::isContainer(const ValueDecl *Decl,
                                         const ASTContext &Context) {
  auto It = ContainerCache.find(Decl);
  if (It != ContainerCache.end())
    return It->second;
  bool Result = associativeContainer(Decl->getType(), Context).has_value();
  ContainerCache[Decl] = Result;
  return Result;
}

void SessionKeyedStateCheck::recordContainer(const DeclaratorDecl *Decl,
                                             const ASTContext &ASTCtx) {
  if (!Decl->getDeclName().isIdentifier() ||
      !Context.Locations.isUserLocation(Decl->getLocation()))
    return;
  // Static data members: one fact, at the declaration in the class.
  if (const auto *Var = dyn_cast<VarDecl>(Decl))
    if (Var->isStaticDataMember() && Var->getCanonicalDecl() != Var)
      return;
  auto Container = associativeContainer(Decl->getType(), ASTCtx);
  if (!Container)
    return;
  StateContainerFact Fact;
  Fact.decl = Context.Locations.span(Decl->getLocation());
  Fact.name = Decl->getName().str();
  Fact.containerType = Container->name;
  Fact.keyType = Container->keyType;
  Fact.keyTypeNamesSession = namesSessionType(Container->keyType);
  Fact.nameNamesSessionStore = namesSessionStore(Fact.name);
  // `SessionTable table_;` where SessionTable aliases a map.
  QualType Written = Decl->getType();
  if (const auto *Elaborated = Written->getAs<ElaboratedType>())
    Written = Elaborated->getNamedType();
  if (const auto *Alias = Written->getAs<TypedefType>()) {
    Fact.aliasName = Alias->getDecl()->getName().str();
    Fact.aliasNamesSession = namesSessionStore(Fact.aliasName);
  }
  Context.Facts.containers.push_back(std::move(Fact));
}

void SessionKeyedStateCheck::recordAccess(const Expr *Object, const Expr *Key,
                                          const Expr *Site,
                                          const ASTContext &ASTCtx) {
  if (!Object || !Key || !Context.Locations.isUserLocation(Site->getBeginLoc()))
    return;
  const auto *Decl =
      dyn_cast_or_null<ValueDecl>(referencedDecl(throughSmartPointer(Object)));
  if (!Decl ||
      !(isa<FieldDecl>(Decl) ||
        (isa<VarDecl>(Decl) && cast<VarDecl>(Decl)->hasGlobalStorage())))
    return;
  if (!isContainer(Decl, ASTCtx))
    return;
  // insert({key, value}) and insert(std::make_pair(key, value)): the key is
  // the pair's first element.
  const Expr *K = ignoreWrappers(Key);
  if (const auto *List = dyn_cast<InitListExpr>(K); List && List->getNumInits())
    K = List->getInit(0);
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(K);
           Construct && Construct->getNumArgs() == 2)
    K = Construct->getArg(0);
  else if (const auto *Call = dyn_cast<CallExpr>(K);
           Call && calleeName(Call) == "make_pair" && Call->getNumArgs() == 2)
    K = Call->getArg(0);
  if (!K)
    return;
  const auto *Canonical = cast<ValueDecl>(Decl->getCanonicalDecl());
  StateAccessFact Fact;
  Fact.declKey = Context.Locations.span(Canonical->getLocation()).key();
  Fact.site = Context.Locations.span(Site->getSourceRange());
  Fact.keyText = Context.Locations.text(K->getSourceRange());
  Fact.keyIsSession = isSessionKeyExpr(K);
  Context.Facts.accesses.push_back(std::move(Fact));
}

void SessionKeyedStateCheck::run(const MatchFinder::MatchResult &Result) {
  const ASTContext &ASTCtx = *Result.Context;
  if (const auto *Field = Result.Nodes.getNodeAs<FieldDecl>("field"))
    return recordContainer(Field, ASTCtx);
  if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("var"))
    return recordContainer(Var, ASTCtx);
  if (const auto *Op =
          Result.Nodes.getNodeAs<CXXOperatorCallExpr>("subscript")) {
    if (Op->getNumArgs() == 2)
      recordAccess(Op->getArg(0), Op->getArg(1), Op, ASTCtx);
    return;
  }
  if (const auto *Call =
          Result.Nodes.getNodeAs<CXXMemberCallExpr>("member-call"))
    if (Call->getNumArgs() >= 1)
      recordAccess(Call->getImplicitObjectArgument(), Call->getArg(0), Call,
                   ASTCtx);
}

} // namespace mcp_cutover
