#include "checks/utils/LocationUtil.h"

#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace mcp_cutover {

namespace {
// Folder names that hold other people's code in most C++ trees.
const char *const ThirdPartyDirs[] = {
    "third_party", "third-party",  "thirdparty", "3rdparty",   "3rd_party",
    "vendor",      "vendored",     "external",   "extern",     "_deps",
    "deps",        "node_modules", "googletest", "subprojects"};
// Single-header libraries that SDKs copy into their own folders; they are
// large (parsing their bodies dominates the run) and never MCP code.
const char *const VendoredHeaders[] = {
    "httplib.h",  "json.hpp",   "json_fwd.hpp", "crow_all.h",
    "mongoose.h", "base64.hpp", "catch.hpp",    "doctest.h",
    "CLI11.hpp",  "sqlite3.h",  "picojson.h",   "cxxopts.hpp",
    "toml.hpp",   "asio.hpp",   "miniz.h",      "tinyxml2.h",
    "spdlog.h",   "fmt.h",      "uWS.h",        "websocketpp.hpp"};
} // namespace

std::string lexicalPath(llvm::StringRef Path, llvm::StringRef Base) {
  llvm::SmallString<256> Abs(Path);
  if (!llvm::sys::path::is_absolute(Abs)) {
    llvm::SmallString<256> B(Base);
    // Without a working directory (it was deleted) the path stays relative.
    if (B.empty())
      (void)llvm::sys::fs::current_path(B);
    llvm::sys::path::append(B, Path);
    Abs = B;
  }
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}

std::string canonicalPath(llvm::StringRef Path, llvm::StringRef Base) {
  std::string Abs = lexicalPath(Path, Base);
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(Abs, Real))
    return std::string(Real);
  return std::string(Abs);
}

OwnershipPolicy::OwnershipPolicy(std::string RootPath,
                                 std::vector<std::string> ExcludePatterns)
    : Root(std::move(RootPath)), ExcludeSources(std::move(ExcludePatterns)) {
  while (Root.size() > 1 && Root.back() == '/')
    Root.pop_back();
  for (const std::string &P : ExcludeSources)
    Excludes.push_back(std::make_shared<llvm::Regex>(P));
}

std::string OwnershipPolicy::validate() const {
  for (size_t I = 0; I < Excludes.size(); ++I) {
    std::string Err;
    if (!Excludes[I]->isValid(Err))
      return "invalid --exclude pattern '" + ExcludeSources[I] + "': " + Err;
  }
  return "";
}

std::string OwnershipPolicy::relativize(llvm::StringRef Path) const {
  if (Root == "/")
    return std::string(Path.drop_front());
  if (Path.starts_with(Root) && Path.size() > Root.size() &&
      Path[Root.size()] == '/')
    return std::string(Path.drop_front(Root.size() + 1));
  return std::string(Path);
}

bool OwnershipPolicy::ownsPath(llvm::StringRef Path) const {
  std::string Rel = relativize(Path);
  if (llvm::sys::path::is_absolute(Rel))
    return false;
  static const llvm::StringSet<> Dirs = [] {
    llvm::StringSet<> S;
    for (const char *D : ThirdPartyDirs)
      S.insert(D);
    return S;
  }();
  static const llvm::StringSet<> Headers = [] {
    llvm::StringSet<> S;
    for (const char *H : VendoredHeaders)
      S.insert(H);
    return S;
  }();
  llvm::StringRef Parent = llvm::sys::path::parent_path(Rel);
  for (auto It = llvm::sys::path::begin(Parent),
            End = llvm::sys::path::end(Parent);
       It != End; ++It)
    if (Dirs.contains(*It))
      return false;
  if (Headers.contains(llvm::sys::path::filename(Rel)))
    return false;
  for (const auto &R : Excludes)
    if (R->match(Rel))
      return false;
  return !PathFilter || PathFilter(Rel);
}

LocationUtil::LocationUtil(const OwnershipPolicy &Policy,
                           const clang::SourceManager &SM,
                           const clang::LangOptions &LangOpts)
    : Policy(Policy), SM(SM), LangOpts(LangOpts) {}

std::string LocationUtil::filePath(clang::SourceLocation Loc) const {
  clang::FileID FID = SM.getFileID(SM.getFileLoc(Loc));
  auto It = PathCache.find(FID);
  if (It != PathCache.end())
    return It->second;
  std::string Path;
  if (auto Entry = SM.getFileEntryRefForID(FID))
    Path = filePath(*Entry);
  PathCache[FID] = Path;
  return Path;
}

std::string LocationUtil::filePath(clang::FileEntryRef File) const {
  // Absolute, dots removed and symlinks resolved, through the TU's own file
  // system (so in-memory files work too), and cached by the FileManager.
  std::string Real = SM.getFileManager().getCanonicalName(File).str();
  if (!Policy.followSymlinks() ||
      !llvm::sys::path::is_absolute(Policy.relativize(Real)))
    return Real;
  llvm::SmallString<256> Reached(File.getName());
  SM.getFileManager().makeAbsolutePath(Reached);
  llvm::sys::path::remove_dots(Reached, /*remove_dot_dot=*/true);
  if (llvm::sys::path::is_absolute(Policy.relativize(Reached)))
    return Real;
  return std::string(Reached);
}

bool LocationUtil::isUserLocation(clang::SourceLocation Loc) const {
  if (Loc.isInvalid())
    return false;
  clang::SourceLocation FileLoc = SM.getFileLoc(Loc);
  clang::FileID FID = SM.getFileID(FileLoc);
  auto It = OwnedCache.find(FID);
  if (It != OwnedCache.end())
    return It->second;
  bool Owned = !SM.isInSystemHeader(FileLoc) && Policy.ownsPath(filePath(Loc));
  OwnedCache[FID] = Owned;
  return Owned;
}

SourceSpan LocationUtil::span(clang::SourceRange Range) const {
  clang::SourceLocation Begin = SM.getFileLoc(Range.getBegin());
  clang::SourceLocation End = SM.getFileLoc(Range.getEnd());
  if (End.isInvalid() || SM.getFileID(End) != SM.getFileID(Begin) ||
      SM.isBeforeInTranslationUnit(End, Begin))
    End = Begin;
  clang::SourceLocation EndOfToken =
      clang::Lexer::getLocForEndOfToken(End, 0, SM, LangOpts);
  if (EndOfToken.isInvalid())
    EndOfToken = End;
  SourceSpan S;
  S.file = filePath(Begin);
  S.line = SM.getExpansionLineNumber(Begin);
  S.column = SM.getExpansionColumnNumber(Begin);
  S.endLine = SM.getExpansionLineNumber(EndOfToken);
  S.endColumn = SM.getExpansionColumnNumber(EndOfToken);
  return S;
}

SourceSpan LocationUtil::point(clang::SourceLocation Loc,
                               bool AfterToken) const {
  SourceSpan S = span(Loc);
  if (AfterToken) {
    S.line = S.endLine;
    S.column = S.endColumn;
  }
  S.endLine = S.line;
  S.endColumn = S.column;
  return S;
}

std::string LocationUtil::text(clang::SourceRange Range) const {
  clang::CharSourceRange CR = clang::CharSourceRange::getTokenRange(
      SM.getFileLoc(Range.getBegin()), SM.getFileLoc(Range.getEnd()));
  bool Invalid = false;
  llvm::StringRef T = clang::Lexer::getSourceText(CR, SM, LangOpts, &Invalid);
  if (Invalid)
    return "";
  return T.trim().str();
}

std::optional<std::string> indentationAt(llvm::StringRef Text, size_t Offset,
                                         size_t From) {
  size_t LineStart = Text.substr(0, Offset).rfind('\n');
  if (LineStart == llvm::StringRef::npos || LineStart < From)
    return std::nullopt;
  llvm::StringRef Indent = Text.slice(LineStart + 1, Offset);
  if (Indent.find_first_not_of(" \t") != llvm::StringRef::npos)
    return std::nullopt;
  return Indent.str();
}

} // namespace mcp_cutover
