//===- HttpHeaders.cpp - How code spells and uses an HTTP header ----------===//
#include "checks/utils/HttpHeaders.h"

#include "checks/utils/AstUtil.h"

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace mcp_cutover {

using namespace clang;

namespace {
bool isHeaderTokenChar(char C) {
  return llvm::isAlnum(C) || C == '-' || C == '_';
}

bool isHeaderListItem(llvm::StringRef Item) {
  Item = Item.trim();
  return !Item.empty() && llvm::all_of(Item, isHeaderTokenChar);
}

bool inSet(const std::string &Folded, std::initializer_list<const char *> Set) {
  for (const char *S : Set)
    if (Folded == S)
      return true;
  return false;
}

/// The header name an argument spells, through literals and constants.
std::string spelledHeaderName(const Expr *Arg) {
  const StringLiteral *Literal = asStringLiteral(Arg);
  if (!Literal)
    if (const auto *Var = dyn_cast_or_null<VarDecl>(referencedDecl(Arg)))
      Literal = stringConstantOf(Var);
  return llvm::StringRef(literalText(Literal)).trim().lower();
}

HeaderUse corsUse(const CallExpr *Call, const Expr *Operand) {
  for (const Expr *Arg : Call->arguments()) {
    if (Arg == Operand)
      continue;
    std::string Name = spelledHeaderName(Arg);
    if (Name == "access-control-allow-headers")
      return HeaderUse::CorsAllow;
    if (Name == "access-control-expose-headers")
      return HeaderUse::CorsExpose;
  }
  return HeaderUse::Other;
}

bool isAssignmentTo(const DynTypedNode &Node, const Expr *Target) {
  if (const auto *Op = Node.get<CXXOperatorCallExpr>())
    return Op->getOperator() == OO_Equal && Op->getArg(0) == Target;
  if (const auto *Op = Node.get<BinaryOperator>())
    return Op->isAssignmentOp() && Op->getLHS() == Target;
  return false;
}

} // namespace

HeaderUse classifyHeaderUse(const Expr *E, HeaderLiteralShape Shape,
                            ASTContext &Context) {
  ExprUser User = findUser(E, Context);
  HeaderUse Use = HeaderUse::Other;
  if (const auto *Op = User.node.get<CXXOperatorCallExpr>()) {
    switch (Op->getOperator()) {
    case OO_Subscript:
      if (Op->getNumArgs() == 2 && Op->getArg(1) == User.operand)
        Use = isAssignmentTo(findUser(Op, Context).node, Op) ? HeaderUse::Write
                                                             : HeaderUse::Read;
      break;
    case OO_EqualEqual:
    case OO_ExclaimEqual:
      Use = HeaderUse::Read;
      break;
    case OO_Plus:
    case OO_LessLess:
    case OO_PlusEqual:
      if (Shape == HeaderLiteralShape::HeaderLine)
        Use = HeaderUse::Write;
      break;
    default:
      break;
    }
  } else if (const auto *Op = User.node.get<BinaryOperator>()) {
    if (Op->isEqualityOp())
      Use = HeaderUse::Read;
  } else if (const auto *Call = User.node.get<CallExpr>()) {
    Use = corsUse(Call, User.operand);
    if (Use == HeaderUse::Other) {
      std::string Name = foldName(calleeName(Call));
      if (inSet(Name,
                {"setheader", "addheader", "set", "insert", "emplace", "append",
                 "add", "addraw", "insertorassign", "tryemplace",
                 "setrawheader", "appendheader", "pushback", "emplaceback",
                 "setvalue", "writeheader", "putheader", "sethdr", "addhdr"}))
        Use = HeaderUse::Write;
      else if (inSet(Name,
                     {"getheadervalue",  "getheader",  "hasheader",
                      "headervalue",     "find",       "count",
                      "contains",        "at",         "get",
                      "getraw",          "tryget",     "trygetheader",
                      "mghttpgetheader", "equals",     "iequals",
                      "strcmp",          "strcasecmp", "strncasecmp",
                      "stricmp",         "compare",    "startswith",
                      "endswith",        "rfind",      "getheadervalueu64",
                      "gethdr"}))
        Use = HeaderUse::Read;
      else if (inSet(Name, {"erase", "remove", "removeheader", "deleteheader",
                            "eraseheader", "unsetheader", "clearheader"}))
        Use = HeaderUse::Erase;
      else if (Name == "header")
        Use = Call->getNumArgs() >= 2 ? HeaderUse::Write : HeaderUse::Read;
      else if (Shape == HeaderLiteralShape::HeaderLine)
        Use = HeaderUse::Write;
    }
  } else if (const auto *Var = User.node.get<VarDecl>()) {
    // A header map spelled out in an initializer is a set of headers to send.
    std::string Type = llvm::StringRef(Var->getType().getAsString()).lower();
    if (User.throughInitList && (llvm::StringRef(Type).contains("header") ||
                                 llvm::StringRef(Type).contains("map")))
      Use = HeaderUse::Write;
  }
  if (Shape == HeaderLiteralShape::List && Use != HeaderUse::CorsAllow &&
      Use != HeaderUse::CorsExpose)
    Use = HeaderUse::List;
  return Use;
}

HeaderLiteralMatch matchHeaderLiteral(llvm::StringRef Text,
                                      llvm::StringRef Needle) {
  std::string Lower = Text.lower();
  llvm::StringRef L(Lower);
  size_t Pos = 0;
  while ((Pos = L.find(Needle, Pos)) != llvm::StringRef::npos) {
    size_t End = Pos + Needle.size();
    bool BoundedLeft = Pos == 0 || !isHeaderTokenChar(L[Pos - 1]);
    bool BoundedRight = End == L.size() || !isHeaderTokenChar(L[End]);
    if (BoundedLeft && BoundedRight)
      break;
    Pos = End;
  }
  HeaderLiteralMatch M;
  if (Pos == llvm::StringRef::npos)
    return M;
  size_t End = Pos + Needle.size();
  M.spelling = Text.substr(Pos, Needle.size()).str();
  M.offset = Pos;
  llvm::StringRef Before = Text.take_front(Pos);
  llvm::StringRef After = Text.drop_front(End);
  if (Text.trim().equals_insensitive(Needle)) {
    M.shape = HeaderLiteralShape::Name;
    return M;
  }
  // "Mcp-Session-Id: value" at the start of a line of a raw HTTP message.
  llvm::StringRef BeforeOnLine = Before.rsplit('\n').second;
  if (Before.contains('\n') ? BeforeOnLine.trim().empty()
                            : Before.trim().empty())
    if (After.ltrim(' ').starts_with(":")) {
      M.shape = HeaderLiteralShape::HeaderLine;
      return M;
    }
  // "Content-Type, Mcp-Session-Id": every comma-separated item a header token.
  if (Text.contains(',')) {
    llvm::SmallVector<llvm::StringRef, 8> Items;
    Text.split(Items, ',');
    if (llvm::all_of(Items, isHeaderListItem))
      M.shape = HeaderLiteralShape::List;
  }
  return M;
}

} // namespace mcp_cutover
