#include "tool/driver/CompilationDatabaseLoader.h"

#include "checks/utils/InputLimits.h"
#include "checks/utils/LocationUtil.h"

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <map>
#include <set>

namespace mcp_cutover {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace {
llvm::Error fail(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

bool isUnder(llvm::StringRef File, llvm::StringRef Dir) {
  if (File == Dir)
    return true;
  return File.starts_with(Dir) &&
         (Dir.ends_with("/") ||
          (File.size() > Dir.size() && File[Dir.size()] == '/'));
}

std::optional<std::string> findDatabaseUpward(llvm::StringRef Start) {
  llvm::SmallString<256> Dir(Start);
  if (!fs::is_directory(Dir))
    path::remove_filename(Dir);
  while (!Dir.empty()) {
    llvm::SmallString<256> Candidate(Dir);
    path::append(Candidate, "compile_commands.json");
    if (fs::exists(Candidate))
      return std::string(Candidate);
    std::vector<std::string> BuildDirs;
    std::error_code EC;
    for (fs::directory_iterator It(Dir, EC), End; It != End && !EC;
         It.increment(EC)) {
      llvm::StringRef Name = path::filename(It->path());
      if (Name.starts_with("build") && fs::is_directory(It->path()))
        BuildDirs.push_back(It->path());
    }
    std::sort(BuildDirs.begin(), BuildDirs.end());
    for (const std::string &B : BuildDirs) {
      llvm::SmallString<256> C(B);
      path::append(C, "compile_commands.json");
      if (fs::exists(C))
        return std::string(C);
    }
    llvm::StringRef Parent = path::parent_path(Dir);
    if (Parent == Dir)
      break;
    Dir = Parent;
  }
  return std::nullopt;
}

void collectSources(llvm::StringRef Dir, bool Follow,
                    std::vector<std::string> &Out) {
  walkProjectTree(Dir, [&](llvm::StringRef P, fs::file_type) {
    if (isCxxSource(P))
      Out.push_back(Follow ? lexicalPath(P) : canonicalPath(P));
    return true;
  });
}

llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
loadDatabase(const std::string &File) {
  uint64_t Size = 0;
  if (fs::file_size(File, Size))
    return fail(File + ": cannot read the compilation database");
  if (Size > (512u << 20))
    return fail(File + ": compilation database larger than 512 MiB");
  // LLVM's YAML parser recurses into nested arrays and objects, and keeps a
  // node per value: bound both before it sees the text.
  std::string Text;
  if (std::string Problem = readLimitedFile(File, Text, 512u << 20);
      !Problem.empty())
    return fail(File + ": cannot read the compilation database");
  if (std::string Problem = checkJsonShape(Text); !Problem.empty())
    return fail(File + ": malformed compilation database: " + Problem);
  std::string Error;
  auto DB = clang::tooling::JSONCompilationDatabase::loadFromFile(
      File, Error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!DB) {
    llvm::StringRef E = llvm::StringRef(Error).trim();
    // "Error while parsing YAML." and friends: one line, with the file.
    std::string OneLine = llvm::join(llvm::split(E, '\n'), " ");
    return fail(File + ": malformed compilation database: " + OneLine);
  }
  return std::unique_ptr<clang::tooling::CompilationDatabase>(std::move(DB));
}
} // namespace

void walkProjectTree(
    llvm::StringRef Dir,
    llvm::function_ref<bool(llvm::StringRef, fs::file_type)> Visit) {
  std::error_code EC;
  for (fs::recursive_directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef P = It->path();
    if (It->type() == fs::file_type::directory_file) {
      if (isSkippedFolder(path::filename(P)))
        It.no_push();
      continue;
    }
    if (!Visit(P, It->type()))
      return;
  }
}

bool isSkippedFolder(llvm::StringRef Name) {
  return Name.starts_with(".") || Name.starts_with("build") ||
         Name == "node_modules" || Name == "third_party" ||
         Name == "third-party" || Name == "3rdparty" || Name == "vendor" ||
         Name == "_deps";
}

bool hasDatabaseUpward(const std::string &Start) {
  return findDatabaseUpward(Start).has_value();
}

bool holdsCxxSource(const std::string &Path) {
  if (!fs::is_directory(Path))
    return isCxxSource(Path) || isCxxHeader(Path);
  // The first source answers: no need to walk the rest of the tree.
  bool Found = false;
  walkProjectTree(Path, [&](llvm::StringRef P, fs::file_type) {
    Found = isCxxSource(P);
    return !Found;
  });
  return Found;
}

bool isCxxSource(llvm::StringRef Path) {
  llvm::StringRef Ext = path::extension(Path);
  return Ext == ".cpp" || Ext == ".cc" || Ext == ".cxx" || Ext == ".c++" ||
         Ext == ".cp" || Ext == ".C" || Ext == ".CPP";
}

bool isCxxHeader(llvm::StringRef Path) {
  llvm::StringRef Ext = path::extension(Path);
  return Ext == ".h" || Ext == ".hh" || Ext == ".hpp" || Ext == ".hxx" ||
         Ext == ".h++" || Ext == ".H";
}

std::vector<CompileJob> planStandaloneHeaderJobs(
    const std::vector<CompileJob> &Jobs,
    const std::vector<std::vector<std::string>> &UserFilesPerJob,
    const std::vector<std::string> &Paths,
    const std::function<bool(llvm::StringRef)> &Owned) {
  std::set<std::string> Seen;
  // Folder of a covered header -> the first job (in job order) that read it.
  std::map<std::string, size_t> FolderDonor;
  for (size_t I = 0; I < Jobs.size(); ++I) {
    Seen.insert(Jobs[I].file);
    for (const std::string &F : UserFilesPerJob[I]) {
      Seen.insert(F);
      if (isCxxHeader(F))
        FolderDonor.emplace(path::parent_path(F).str(), I);
    }
  }
  std::vector<CompileJob> Out;
  for (const auto &[Folder, Donor] : FolderDonor) {
    std::vector<std::string> Candidates;
    std::error_code EC;
    for (fs::directory_iterator It(Folder, EC), End; It != End && !EC;
         It.increment(EC))
      if (isCxxHeader(It->path()) &&
          It->type() != fs::file_type::directory_file)
        Candidates.push_back(canonicalPath(It->path()));
    std::sort(Candidates.begin(), Candidates.end());
    for (const std::string &Header : Candidates) {
      if (Seen.count(Header) || !Owned(Header))
        continue;
      if (!Paths.empty() &&
          std::none_of(Paths.begin(), Paths.end(), [&](const std::string &P) {
            return isUnder(Header, P);
          }))
        continue;
      const CompileJob &From = Jobs[Donor];
      CompileJob Job;
      Job.file = Header;
      Job.directory = From.directory;
      Job.standaloneHeader = true;
      for (const std::string &Arg : From.commandLine) {
        if (&Arg != &From.commandLine.front() &&
            canonicalPath(Arg, From.directory) == From.file) {
          Job.commandLine.emplace_back("-xc++");
          Job.commandLine.push_back(Header);
          continue;
        }
        Job.commandLine.push_back(Arg);
      }
      Out.push_back(std::move(Job));
    }
  }
  std::sort(
      Out.begin(), Out.end(),
      [](const CompileJob &A, const CompileJob &B) { return A.file < B.file; });
  return Out;
}

llvm::Expected<JobPlan> planJobs(const PlanRequest &Request) {
  JobPlan Plan;
  auto Name = [&](llvm::StringRef P, llvm::StringRef Base = "") {
    return Request.followSymlinks ? lexicalPath(P, Base)
                                  : canonicalPath(P, Base);
  };
  std::vector<std::string> Paths;
  for (const std::string &P : Request.paths) {
    if (!fs::exists(P))
      return fail(P + ": no such file or directory");
    Paths.push_back(Name(P));
  }

  std::optional<std::string> DatabaseFile;
  if (Request.buildDir) {
    llvm::SmallString<256> F(*Request.buildDir);
    if (!fs::exists(F))
      return fail(*Request.buildDir + ": no such file or directory");
    if (fs::is_directory(F)) {
      path::append(F, "compile_commands.json");
      if (!fs::exists(F))
        return fail(*Request.buildDir +
                    ": no compile_commands.json in this folder (configure "
                    "with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)");
    }
    DatabaseFile = canonicalPath(F);
  } else {
    DatabaseFile =
        findDatabaseUpward(Paths.empty() ? canonicalPath(".") : Paths.front());
  }

  if (DatabaseFile) {
    auto DB = loadDatabase(*DatabaseFile);
    if (!DB)
      return DB.takeError();
    std::vector<std::string> Files = (*DB)->getAllFiles();
    std::set<std::string> Seen;
    for (const std::string &F : Files) {
      std::vector<clang::tooling::CompileCommand> Commands =
          (*DB)->getCompileCommands(F);
      if (Commands.empty())
        continue;
      std::string Abs = Name(F, Commands.front().Directory);
      bool Selected = Paths.empty() || std::any_of(Paths.begin(), Paths.end(),
                                                   [&](const std::string &P) {
                                                     return isUnder(Abs, P);
                                                   });
      if (!Selected || !Seen.insert(Abs).second)
        continue;
      CompileJob Job;
      Job.file = Abs;
      Job.directory = Commands.front().Directory;
      Job.commandLine = Commands.front().CommandLine;
      if (!Request.extraArgs.empty())
        Job.commandLine = clang::tooling::getInsertArgumentAdjuster(
            Request.extraArgs, clang::tooling::ArgumentInsertPosition::END)(
            Job.commandLine, Job.file);
      Plan.jobs.push_back(std::move(Job));
    }
    if (!Plan.jobs.empty()) {
      Plan.databasePath = *DatabaseFile;
      std::sort(Plan.jobs.begin(), Plan.jobs.end(),
                [](const CompileJob &A, const CompileJob &B) {
                  return A.file < B.file;
                });
      return Plan;
    }
    if (Request.buildDir || Paths.empty())
      return fail(*DatabaseFile + ": no translation unit" +
                  (Paths.empty() ? std::string(" in the database")
                                 : " under " + Request.paths.front()));
    Plan.notes.push_back(*DatabaseFile + " has no translation unit under " +
                         Request.paths.front() +
                         "; compiling its sources with the flags after --");
  }

  // No database: every C++ source under the paths, like clang-tidy's `--`.
  std::vector<std::string> Sources;
  if (Paths.empty())
    return fail("no compile_commands.json found upward from the current "
                "folder; name the files or folders to analyse, or pass -p");
  for (const std::string &P : Paths) {
    if (fs::is_directory(P))
      collectSources(P, Request.followSymlinks, Sources);
    else
      Sources.push_back(P);
  }
  std::sort(Sources.begin(), Sources.end());
  Sources.erase(std::unique(Sources.begin(), Sources.end()), Sources.end());
  if (Sources.empty())
    return fail(Request.paths.front() + ": no C++ source files here");
  std::vector<std::string> Flags = Request.hasDashDash
                                       ? Request.extraArgs
                                       : std::vector<std::string>{"-std=c++20"};
  for (const std::string &S : Sources) {
    CompileJob Job;
    Job.file = S;
    llvm::SmallString<256> Cwd;
    if (std::error_code EC = fs::current_path(Cwd))
      return fail("cannot read the working directory: " + EC.message());
    Job.directory = std::string(Cwd);
    Job.commandLine.emplace_back("clang++");
    if (!isCxxSource(S))
      Job.commandLine.emplace_back("-xc++");
    Job.commandLine.insert(Job.commandLine.end(), Flags.begin(), Flags.end());
    Job.commandLine.push_back(S);
    Plan.jobs.push_back(std::move(Job));
  }
  return Plan;
}

} // namespace mcp_cutover
