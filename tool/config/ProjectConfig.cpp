#include "tool/config/ProjectConfig.h"

#include "checks/utils/InputLimits.h"
#include "checks/utils/LocationUtil.h"
#include "checks/utils/YamlDiagnostics.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"

#include <algorithm>
#include <cstdint>

namespace mcp_cutover {

namespace yaml = llvm::yaml;

bool matchPathGlob(llvm::StringRef Glob, llvm::StringRef Path) {
  // One pass over the glob with the set of path prefixes matched so far:
  // time is glob length times path length, whatever the stars (a
  // backtracking matcher is exponential on "**a**a**a...").
  std::vector<uint8_t> Reach(Path.size() + 1, 0), Next(Path.size() + 1, 0);
  Reach[0] = 1;
  for (size_t G = 0; G < Glob.size();) {
    std::fill(Next.begin(), Next.end(), 0);
    if (Glob.substr(G).starts_with("**/")) {
      // "" or anything that ends with a folder separator.
      bool Any = false;
      for (size_t J = 0; J <= Path.size(); ++J) {
        Next[J] = Reach[J] || (J > 0 && Path[J - 1] == '/' && Any);
        Any = Any || Reach[J];
      }
      G += 3;
    } else if (Glob.substr(G).starts_with("**")) {
      bool Any = false;
      for (size_t J = 0; J <= Path.size(); ++J) {
        Any = Any || Reach[J];
        Next[J] = Any;
      }
      G += 2;
    } else if (Glob[G] == '*') {
      for (size_t J = 0; J <= Path.size(); ++J)
        Next[J] = Reach[J] || (J > 0 && Next[J - 1] && Path[J - 1] != '/');
      G += 1;
    } else {
      char C = Glob[G];
      for (size_t J = 0; J < Path.size(); ++J)
        Next[J + 1] = Reach[J] && (C == '?' ? Path[J] != '/' : Path[J] == C);
      G += 1;
    }
    std::swap(Reach, Next);
  }
  return Reach[Path.size()];
}

namespace {
constexpr uint64_t MaxConfigBytes = 1u << 20;

/// Reads one configuration file's nodes into a ConfigFile; the first
/// problem stops it.
class Reader {
public:
  Reader(const std::string &Path, llvm::SourceMgr &SM,
         const RuleCatalog &Catalog, bool Nested, ConfigFile &Out)
      : Path(Path), SM(SM), Catalog(Catalog), Nested(Nested), Out(Out) {}

  std::string Problem;

  void fail(const yaml::Node *N, const std::string &Message) {
    if (Problem.empty())
      Problem = yamlProblemAt(Path, SM, N, Message);
  }

  bool scalar(yaml::Node *N, const std::string &Key, std::string &Value) {
    auto *S = llvm::dyn_cast_or_null<yaml::ScalarNode>(N);
    if (!S) {
      fail(N, "'" + Key + "' takes a string");
      return false;
    }
    llvm::SmallString<64> Storage;
    Value = S->getValue(Storage).str();
    return true;
  }

  bool list(yaml::Node *N, const std::string &Key,
            std::vector<std::string> &Values,
            std::vector<yaml::Node *> *Nodes = nullptr) {
    // A glob or pattern longer than this is not one a person wrote.
    constexpr size_t MaxEntry = 1024;
    auto *Seq = llvm::dyn_cast_or_null<yaml::SequenceNode>(N);
    if (!Seq) {
      fail(N, "'" + Key + "' takes a list of strings");
      return false;
    }
    for (yaml::Node &Item : *Seq) {
      std::string V;
      if (!scalar(&Item, Key, V))
        return false;
      if (V.empty()) {
        fail(&Item, "'" + Key + "' has an empty entry");
        return false;
      }
      if (V.size() > MaxEntry) {
        fail(&Item, "'" + Key + "' has an entry longer than " +
                        std::to_string(MaxEntry) + " characters");
        return false;
      }
      Values.push_back(V);
      if (Nodes)
        Nodes->push_back(&Item);
    }
    return true;
  }

  bool level(yaml::Node *N, const std::string &Key, Level &L) {
    std::string V;
    if (!scalar(N, Key, V))
      return false;
    if (!parseLevel(V, L)) {
      fail(N, Key + " takes note, warning or error, not " + quoteInput(V));
      return false;
    }
    return true;
  }

  /// A rule id or glob must name at least one rule: a typo turns nothing
  /// off silently.
  bool ruleGlob(yaml::Node *N, llvm::StringRef Glob) {
    for (const Rule &R : Catalog.rules())
      if (matchPathGlob(Glob, R.id))
        return true;
    fail(N, "unknown rule " + quoteInput(Glob) +
                " (mcp-cutover rules lists them)");
    return false;
  }

  void read(yaml::Node *Root) {
    if (!Root || llvm::isa<yaml::NullNode>(Root))
      return; // an empty file: the defaults
    auto *Map = llvm::dyn_cast<yaml::MappingNode>(Root);
    if (!Map) {
      fail(Root, "a configuration is a mapping of keys to values");
      return;
    }
    std::set<std::string> Seen;
    for (yaml::KeyValueNode &KV : *Map) {
      std::string Key;
      if (!scalar(KV.getKey(), "key", Key))
        return;
      yaml::Node *V = KV.getValue();
      if (!Seen.insert(Key).second)
        return fail(KV.getKey(), "'" + Key + "' is given twice");
      static const std::set<std::string> RunWide = {
          "include",      "fail-on", "handle-patterns",
          "sdk-profiles", "ga-date", "link-base"};
      if (Nested && RunWide.count(Key))
        return fail(KV.getKey(),
                    "'" + Key +
                        "' applies to the whole run: set it in the root "
                        "configuration or pass --config (a folder's file "
                        "takes inherit, rules, levels and exclude)");
      if (!readKey(Key, KV.getKey(), V))
        return;
    }
  }

private:
  bool readKey(const std::string &Key, yaml::Node *KeyNode, yaml::Node *V) {
    if (Key == "inherit") {
      std::string B;
      if (!scalar(V, Key, B))
        return false;
      if (B != "true" && B != "false") {
        fail(V, "'inherit' takes true or false, not " + quoteInput(B));
        return false;
      }
      Out.inherit = B == "true";
      return true;
    }
    if (Key == "rules") {
      std::vector<std::string> Globs;
      std::vector<yaml::Node *> Nodes;
      if (!list(V, Key, Globs, &Nodes))
        return false;
      for (size_t I = 0; I < Globs.size(); ++I)
        if (!ruleGlob(Nodes[I], llvm::StringRef(Globs[I]).ltrim('-')))
          return false;
      Out.rules = std::move(Globs);
      return true;
    }
    if (Key == "levels") {
      auto *Map = llvm::dyn_cast_or_null<yaml::MappingNode>(V);
      if (!Map) {
        fail(V, "'levels' maps rule ids or globs to note, warning or error");
        return false;
      }
      for (yaml::KeyValueNode &KV : *Map) {
        std::string Glob;
        Level L;
        if (!scalar(KV.getKey(), "levels", Glob) ||
            !ruleGlob(KV.getKey(), Glob) ||
            !level(KV.getValue(), "the level of " + quoteInput(Glob), L))
          return false;
        Out.levels.emplace_back(Glob, L);
      }
      return true;
    }
    if (Key == "exclude")
      return list(V, Key, Out.exclude);
    if (Key == "include")
      return list(V, Key, Out.include);
    if (Key == "fail-on") {
      Level L;
      if (!level(V, "'" + Key + "'", L))
        return false;
      Out.failOn = L;
      return true;
    }
    if (Key == "handle-patterns")
      return list(V, Key, Out.handlePatterns);
    if (Key == "sdk-profiles") {
      std::vector<std::string> Files;
      if (!list(V, Key, Files))
        return false;
      for (const std::string &F : Files)
        Out.sdkProfiles.push_back(lexicalPath(F, Out.folder));
      return true;
    }
    if (Key == "ga-date") {
      if (!scalar(V, Key, Out.gaDate))
        return false;
      llvm::StringRef D = Out.gaDate;
      unsigned Year = 0, Month = 0, Day = 0;
      if (D.size() != 10 || D[4] != '-' || D[7] != '-' ||
          D.substr(0, 4).getAsInteger(10, Year) ||
          D.substr(5, 2).getAsInteger(10, Month) ||
          D.substr(8, 2).getAsInteger(10, Day) || Month < 1 || Month > 12 ||
          Day < 1 || Day > 31) {
        fail(V, "'ga-date' takes a date as YYYY-MM-DD, not " +
                    quoteInput(Out.gaDate));
        return false;
      }
      return true;
    }
    if (Key == "link-base")
      return scalar(V, Key, Out.linkBase);
    fail(KeyNode, "unknown key " + quoteInput(Key) +
                      " (keys: inherit, rules, levels, exclude, include, "
                      "fail-on, handle-patterns, sdk-profiles, ga-date, "
                      "link-base)");
    return false;
  }

  const std::string &Path;
  llvm::SourceMgr &SM;
  const RuleCatalog &Catalog;
  bool Nested;
  ConfigFile &Out;
};

/// Deeper flow nesting than a configuration ever needs: the YAML parser
/// recurses per level, so a file of brackets must not reach it.
constexpr unsigned MaxConfigNesting = 64;

/// Reads and parses the file at `Path`; "" or the problem.
std::string loadConfigFile(const std::string &Path, const RuleCatalog &Catalog,
                           bool Nested, ConfigFile &Out) {
  std::string Text;
  if (std::string Problem = readLimitedFile(Path, Text, MaxConfigBytes);
      !Problem.empty())
    return Path + ": " + Problem;
  if (Text.find('\0') != std::string::npos)
    return Path + ": binary file, not a configuration";
  if (yamlFlowNesting(Text) > MaxConfigNesting)
    return Path + ": nested more than " + std::to_string(MaxConfigNesting) +
           " levels deep";
  return parseConfigFile(Path, Text, Catalog, Nested, Out);
}

void addRules(std::set<std::string> &Enabled, const RuleCatalog &Catalog,
              const std::optional<std::vector<std::string>> &Globs) {
  if (!Globs)
    return;
  for (const std::string &G : *Globs) {
    bool Off = llvm::StringRef(G).starts_with("-");
    llvm::StringRef Glob = llvm::StringRef(G).ltrim('-');
    for (const Rule &R : Catalog.rules())
      if (matchPathGlob(Glob, R.id)) {
        if (Off)
          Enabled.erase(R.id);
        else
          Enabled.insert(R.id);
      }
  }
}

/// `Path` relative to `Folder` when under it (or equal: ""); none otherwise.
std::optional<std::string> under(llvm::StringRef Path, llvm::StringRef Folder) {
  if (Folder == "/")
    return Path.drop_front().str();
  if (Path == Folder)
    return std::string();
  if (Path.starts_with(Folder) && Path.size() > Folder.size() &&
      Path[Folder.size()] == '/')
    return Path.drop_front(Folder.size() + 1).str();
  return std::nullopt;
}
} // namespace

std::string parseConfigFile(const std::string &Path, llvm::StringRef Text,
                            const RuleCatalog &Catalog, bool Nested,
                            ConfigFile &Out) {
  Out.path = Path;
  Out.folder = llvm::sys::path::parent_path(Path).str();
  llvm::SourceMgr SM;
  FirstYamlError Syntax(SM);
  yaml::Stream Stream(Text, SM, /*ShowColors=*/false);
  Reader R(Path, SM, Catalog, Nested, Out);
  unsigned Documents = 0;
  for (yaml::document_iterator It = Stream.begin(), End = Stream.end();
       It != End; ++It) {
    if (++Documents > 1) {
      // The second document's place, when it parsed far enough to have one.
      R.Problem = yamlProblemAt(Path, SM, It->getRoot(),
                                "one YAML document expected, not several");
      break;
    }
    R.read(It->getRoot());
    if (!R.Problem.empty())
      break;
    It->skip();
  }
  // A syntax error is found wherever the parser is when it gives up.
  if (!Syntax.message().empty())
    return Path + ":" + Syntax.message();
  return R.Problem;
}

std::string ProjectConfig::load(const std::string &ProjectRootPath,
                                const std::string &Explicit,
                                const RuleCatalog &Rules) {
  Catalog = &Rules;
  ProjectRoot = ProjectRootPath;
  if (!Explicit.empty()) {
    Discover = false;
    if (!llvm::sys::fs::exists(Explicit))
      return Explicit + ": no such file";
    Root = std::make_unique<ConfigFile>();
    return loadConfigFile(canonicalPath(Explicit), Rules, false, *Root);
  }
  for (llvm::StringRef Dir = ProjectRoot; !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> File(Dir);
    llvm::sys::path::append(File, ConfigFileName);
    if (llvm::sys::fs::exists(File)) {
      Root = std::make_unique<ConfigFile>();
      return loadConfigFile(std::string(File), Rules, false, *Root);
    }
    if (llvm::sys::path::parent_path(Dir) == Dir)
      break;
  }
  return "";
}

std::function<bool(llvm::StringRef)> ProjectConfig::rootPathFilter() const {
  if (!Root || (Root->include.empty() && Root->exclude.empty()))
    return nullptr;
  // Globs are relative to the configuration's folder; a --config file
  // elsewhere than above the root has them relative to the root.
  std::string Prefix;
  if (auto Rel = under(ProjectRoot, Root->folder); Rel && !Rel->empty())
    Prefix = *Rel + "/";
  return [Prefix, Include = Root->include,
          Exclude = Root->exclude](llvm::StringRef RootRelative) {
    std::string Path = Prefix + RootRelative.str();
    auto Matches = [&](const std::vector<std::string> &Globs) {
      return std::any_of(Globs.begin(), Globs.end(), [&](const std::string &G) {
        return matchPathGlob(G, Path);
      });
    };
    return (Include.empty() || Matches(Include)) && !Matches(Exclude);
  };
}

std::set<std::string> ProjectConfig::rootRules() const {
  std::set<std::string> Enabled;
  for (const Rule &R : Catalog->rules())
    Enabled.insert(R.id);
  if (Root)
    addRules(Enabled, *Catalog, Root->rules);
  return Enabled;
}

std::string
ProjectConfig::folderConfig(const std::string &Folder,
                            std::shared_ptr<ConfigFile> &Out) const {
  auto It = Folders.find(Folder);
  if (It != Folders.end()) {
    Out = It->second;
    return "";
  }
  std::shared_ptr<ConfigFile> File;
  llvm::SmallString<256> Path(Folder);
  llvm::sys::path::append(Path, ConfigFileName);
  if (llvm::sys::fs::exists(Path)) {
    File = std::make_shared<ConfigFile>();
    if (std::string Problem =
            loadConfigFile(std::string(Path), *Catalog, true, *File);
        !Problem.empty())
      return Problem;
  }
  Folders[Folder] = File;
  Out = File;
  return "";
}

std::string ProjectConfig::effectiveFor(const std::string &AbsoluteFile,
                                        EffectiveConfig &Out) const {
  Out = EffectiveConfig();
  // The folders' files from the file's folder up to (not including) the
  // root; the root configuration closes the chain while files inherit.
  bool Reachable = true;
  if (Discover && under(AbsoluteFile, ProjectRoot)) {
    std::string Folder = llvm::sys::path::parent_path(AbsoluteFile).str();
    while (Folder != ProjectRoot && under(Folder, ProjectRoot)) {
      std::shared_ptr<ConfigFile> File;
      if (std::string Problem = folderConfig(Folder, File); !Problem.empty())
        return Problem;
      if (File) {
        Out.chain.push_back(File.get());
        if (!File->inherit) {
          Reachable = false;
          break;
        }
      }
      Folder = llvm::sys::path::parent_path(Folder).str();
    }
  }
  if (Reachable && Root)
    Out.chain.push_back(Root.get());

  for (const Rule &R : Catalog->rules())
    Out.enabledRules.insert(R.id);
  for (auto It = Out.chain.rbegin(); It != Out.chain.rend(); ++It) {
    const ConfigFile &C = **It;
    // --rules replaces every file's rules.
    if (!RulesFromCommandLine)
      addRules(Out.enabledRules, *Catalog, C.rules);
    for (const auto &[Glob, L] : C.levels)
      for (const Rule &R : Catalog->rules())
        if (matchPathGlob(Glob, R.id))
          Out.levels[R.id] = L;
    if (auto Rel = under(AbsoluteFile, C.folder))
      for (const std::string &G : C.exclude)
        Out.excluded = Out.excluded || matchPathGlob(G, *Rel);
  }
  return "";
}

std::string ProjectConfig::apply(ProjectResult &Result) const {
  std::string Problem;
  auto Drop = [&](std::vector<Finding> &Findings) {
    std::vector<Finding> Kept;
    for (Finding &F : Findings) {
      EffectiveConfig E;
      if (Problem.empty())
        Problem = effectiveFor(Result.absolutePath(F.span.file), E);
      if (!Problem.empty())
        return;
      if (E.excluded || !E.enabledRules.count(F.ruleId))
        continue;
      auto L = E.levels.find(F.ruleId);
      if (L != E.levels.end() && !F.atMostNote)
        F.level = L->second;
      Kept.push_back(std::move(F));
    }
    Findings = std::move(Kept);
  };
  Drop(Result.findings);
  Drop(Result.suppressed);
  return Problem;
}

namespace {
std::string yamlString(llvm::StringRef S) {
  std::string Out = "\"";
  for (char C : S) {
    if (C == '"' || C == '\\')
      Out += '\\';
    if (static_cast<unsigned char>(C) < 0x20) {
      char Buf[8];
      std::snprintf(Buf, sizeof Buf, "\\x%02x", C);
      Out += Buf;
      continue;
    }
    Out += C;
  }
  return Out + "\"";
}

std::string yamlList(const std::vector<std::string> &Items) {
  if (Items.empty())
    return " []\n";
  std::string Out = "\n";
  for (const std::string &I : Items)
    Out += "  - " + yamlString(I) + "\n";
  return Out;
}
} // namespace

std::string ProjectConfig::dump(const std::string &AbsolutePath,
                                std::string &Out) const {
  EffectiveConfig E;
  // A folder gets what a file directly in it gets.
  std::string AsFile = llvm::sys::fs::is_directory(AbsolutePath)
                           ? AbsolutePath + "/-"
                           : AbsolutePath;
  if (std::string Problem = effectiveFor(AsFile, E); !Problem.empty())
    return Problem;
  Out = "# mcp-cutover configuration for " + AbsolutePath + "\n";
  if (E.chain.empty())
    Out += "# no .mcp-cutover.yaml applies: the defaults\n";
  for (const ConfigFile *C : E.chain)
    Out += "# from " + C->path + (C->inherit ? " (inherit: true)" : "") + "\n";
  if (E.excluded)
    Out += "# this path is excluded: nothing in it is reported\n";
  // The rule list is written so that reading it back gives the same set.
  std::vector<std::string> Rules = {"-*"};
  for (const Rule &R : Catalog->rules())
    if (E.enabledRules.count(R.id))
      Rules.push_back(R.id);
  Out += "rules:" + yamlList(Rules);
  Out += "levels:";
  if (E.levels.empty())
    Out += " {}\n";
  else {
    Out += "\n";
    for (const Rule &R : Catalog->rules())
      if (auto It = E.levels.find(R.id); It != E.levels.end())
        Out += "  " + R.id + ": " + levelName(It->second) + "\n";
  }
  std::vector<std::string> Excludes;
  for (const ConfigFile *C : E.chain)
    for (const std::string &G : C->exclude)
      Excludes.push_back(G);
  Out += "exclude:" + yamlList(Excludes);
  const ConfigFile Defaults;
  const ConfigFile &R = Root ? *Root : Defaults;
  Out += "# run-wide, from the root configuration\n";
  Out += "include:" + yamlList(R.include);
  Out += std::string("fail-on: ") +
         levelName(R.failOn.value_or(Level::Warning)) + "\n";
  Out += "handle-patterns:" + yamlList(R.handlePatterns);
  Out += "sdk-profiles:" + yamlList(R.sdkProfiles);
  Out += "ga-date: " + yamlString(R.gaDate.empty() ? "2026-07-28" : R.gaDate) +
         "\n";
  Out += "link-base: " + yamlString(R.linkBase) + "\n";
  return "";
}

} // namespace mcp_cutover
