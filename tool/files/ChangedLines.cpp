#include "tool/files/ChangedLines.h"

#include "checks/utils/LocationUtil.h"
#include "tool/files/Git.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <climits>

namespace mcp_cutover {

bool ChangedLines::touches(const std::string &Path, unsigned First,
                           unsigned Last) const {
  auto It = files.find(Path);
  if (It == files.end())
    return false;
  Last = std::max(First, Last);
  for (const auto &[From, To] : It->second)
    if (From <= Last && First <= To)
      return true;
  return false;
}

namespace {
/// A path as git prints it: plain, or C-quoted when it holds a quote, a
/// backslash or a control character (octal escapes for other bytes).
bool unquotePath(llvm::StringRef Text, std::string &Out) {
  Out.clear();
  if (!Text.starts_with("\"")) {
    Out = Text.str();
    return true;
  }
  if (Text.size() < 2 || !Text.ends_with("\""))
    return false;
  Text = Text.drop_front().drop_back();
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (C != '\\') {
      Out += C;
      continue;
    }
    if (++I == Text.size())
      return false;
    char E = Text[I];
    if (E >= '0' && E <= '3' && I + 2 < Text.size() &&
        llvm::StringRef("01234567").contains(Text[I + 1]) &&
        llvm::StringRef("01234567").contains(Text[I + 2])) {
      Out += static_cast<char>((E - '0') * 64 + (Text[I + 1] - '0') * 8 +
                               (Text[I + 2] - '0'));
      I += 2;
      continue;
    }
    switch (E) {
    case 'a':
      Out += '\a';
      break;
    case 'b':
      Out += '\b';
      break;
    case 'f':
      Out += '\f';
      break;
    case 'n':
      Out += '\n';
      break;
    case 'r':
      Out += '\r';
      break;
    case 't':
      Out += '\t';
      break;
    case 'v':
      Out += '\v';
      break;
    case '"':
      Out += '"';
      break;
    case '\\':
      Out += '\\';
      break;
    default:
      return false;
    }
  }
  return true;
}

/// "c" or "c,d" of a hunk header's "+c,d".
bool parseRange(llvm::StringRef Text, unsigned &Start, unsigned &Count) {
  auto [S, C] = Text.split(',');
  Count = 1;
  if (S.getAsInteger(10, Start))
    return false;
  return C.empty() || !C.getAsInteger(10, Count);
}

void addRange(ChangedLines &Out, const std::string &Path, unsigned First,
              unsigned Last) {
  Out.files[Path].emplace_back(First, Last);
}

void normalise(ChangedLines &Out) {
  for (auto &[Path, Ranges] : Out.files) {
    std::sort(Ranges.begin(), Ranges.end());
    std::vector<std::pair<unsigned, unsigned>> Merged;
    for (const auto &R : Ranges)
      if (!Merged.empty() && R.first <= Merged.back().second + 1)
        Merged.back().second = std::max(Merged.back().second, R.second);
      else
        Merged.push_back(R);
    Ranges = std::move(Merged);
  }
}
} // namespace

std::string parseUnifiedDiff(llvm::StringRef Diff, const std::string &TopLevel,
                             ChangedLines &Out) {
  std::string Path; // The new file of the current diff; "" none.
  unsigned OldLeft = 0, NewLeft = 0; // Lines still to come in the hunk.
  unsigned LineNo = 0;
  while (!Diff.empty()) {
    auto [Line, Rest] = Diff.split('\n');
    Diff = Rest;
    ++LineNo;
    auto Bad = [&](const char *What) {
      return "git diff output, line " + std::to_string(LineNo) + ": " + What;
    };
    // Inside a hunk, lines are content whatever they look like ("+++" too).
    if (OldLeft > 0 || NewLeft > 0) {
      if (Line.starts_with("\\")) // "\ No newline at end of file"
        continue;
      if (Line.starts_with("-") && OldLeft > 0)
        --OldLeft;
      else if (Line.starts_with("+") && NewLeft > 0)
        --NewLeft;
      else if (Line.starts_with(" ") && OldLeft > 0 && NewLeft > 0)
        --OldLeft, --NewLeft;
      else
        return Bad("a hunk ends early");
      continue;
    }
    if (Line.starts_with("diff ")) {
      Path.clear();
    } else if (Line.starts_with("+++ ")) {
      // git ends the name with a TAB when it holds a space.
      llvm::StringRef Name = Line.drop_front(4).rtrim('\r');
      if (Name.ends_with("\t"))
        Name = Name.drop_back();
      std::string Unquoted;
      if (!unquotePath(Name, Unquoted))
        return Bad("a path git quoted is not readable");
      if (Unquoted == "/dev/null") {
        Path.clear();
        continue;
      }
      if (!llvm::StringRef(Unquoted).starts_with("b/"))
        return Bad("a new file's path does not start with b/");
      Path = canonicalPath(llvm::StringRef(Unquoted).drop_front(2), TopLevel);
    } else if (Line.starts_with("@@ ")) {
      // @@ -a[,b] +c[,d] @@
      llvm::SmallVector<llvm::StringRef, 4> Parts;
      Line.split(Parts, ' ', 4, false);
      unsigned OldStart, NewStart;
      if (Parts.size() < 4 || !Parts[1].starts_with("-") ||
          !Parts[2].starts_with("+") ||
          !parseRange(Parts[1].drop_front(), OldStart, OldLeft) ||
          !parseRange(Parts[2].drop_front(), NewStart, NewLeft))
        return Bad("a hunk header is not @@ -a,b +c,d @@");
      // Lines only removed add nothing: nothing new is there to report.
      if (!Path.empty() && NewLeft > 0)
        addRange(Out, Path, NewStart, NewStart + NewLeft - 1);
    }
  }
  if (OldLeft > 0 || NewLeft > 0)
    return "git diff output: the last hunk ends early";
  normalise(Out);
  return "";
}

std::string changedSince(const std::string &Ref, const std::string &Directory,
                         ChangedLines &Out) {
  std::string What = "--diff-base " + Ref + ": ";
  // A ref is never an option: "--output=FILE" must not reach git.
  if (Ref.empty() || Ref[0] == '-')
    return What + "not a git revision";
  Git G(Directory);
  if (!G.available())
    return What + "git is not installed";
  Git::Output Top = G.run({"rev-parse", "--show-toplevel"});
  llvm::StringRef TopLevel = llvm::StringRef(Top.out).trim();
  if (Top.exitCode != 0 || TopLevel.empty())
    return What + Directory + " is not in a git work tree" +
           (Top.err.empty() ? "" : " (git: " + Top.err + ")");
  Git::Output Base = G.run({"merge-base", Ref, "HEAD"});
  llvm::StringRef BaseId = llvm::StringRef(Base.out).trim();
  if (Base.exitCode != 0 || BaseId.empty())
    return What + "no merge base with HEAD" +
           (Base.err.empty() ? "" : " (git: " + Base.err + ")");
  // The work tree against the merge base: commits, staged and unstaged
  // edits. Every option that configuration could change is spelt out.
  Git::Output Diff =
      G.run({"-c", "core.quotePath=false", "diff", "--no-color",
             "--no-ext-diff", "--no-textconv", "--no-relative", "--unified=0",
             "--find-renames", "--diff-filter=ACMR", "--src-prefix=a/",
             "--dst-prefix=b/", BaseId, "--"},
            300);
  if (Diff.exitCode != 0)
    return What + "git diff failed" +
           (Diff.err.empty() ? "" : " (git: " + Diff.err + ")");
  std::string TopPath = canonicalPath(TopLevel);
  if (std::string Problem = parseUnifiedDiff(Diff.out, TopPath, Out);
      !Problem.empty())
    return What + Problem;
  // Files git does not track yet are new from the first line to the last.
  Git::Output Untracked = G.run({"ls-files", "--others", "--exclude-standard",
                                 "-z", "--full-name", "--", TopPath});
  if (Untracked.exitCode != 0)
    return What + "git ls-files failed" +
           (Untracked.err.empty() ? "" : " (git: " + Untracked.err + ")");
  llvm::SmallVector<llvm::StringRef, 8> Names;
  llvm::StringRef(Untracked.out).split(Names, '\0', -1, false);
  for (llvm::StringRef Name : Names)
    Out.files[canonicalPath(Name, TopPath)] = {{1, UINT_MAX}};
  return "";
}

} // namespace mcp_cutover
