#include "tool/link/Suppressions.h"

#include "checks/utils/InputLimits.h"
#include "tool/files/SourceCache.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/GlobPattern.h"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

namespace mcp_cutover {

namespace {
/// One comment's text on a line: [begin, end) byte offsets.
struct CommentPart {
  size_t begin;
  size_t end;
};

bool isIdentifierChar(char C) { return llvm::isAlnum(C) || C == '_'; }

/// What is open at the end of a line: a `/* ... */` comment, or a raw
/// string literal (its closing `)delim"`).
struct ScanState {
  bool inBlock = false;
  std::string rawEnd;
};

/// Whether the `'` at `Quote` separates digits (`1'000'000`): the
/// identifier-like run before it starts with a digit. After a letter it
/// opens a character literal (`L'"'`, `u8'x'`).
bool isDigitSeparator(llvm::StringRef Line, size_t Quote) {
  size_t Start = Quote;
  while (Start > 0 && isIdentifierChar(Line[Start - 1]))
    --Start;
  return Start < Quote && llvm::isDigit(Line[Start]);
}

/// The comments of `Line`, outside string, character and raw string
/// literals; `State` carries what is open from line to line. `HasCode` says
/// whether anything but blanks is outside comments.
std::vector<CommentPart> commentsOf(llvm::StringRef Line, ScanState &State,
                                    bool &HasCode) {
  std::vector<CommentPart> Parts;
  HasCode = false;
  size_t I = 0;
  char Quote = 0;
  size_t BlockStart = 0;
  while (I < Line.size()) {
    char C = Line[I];
    if (!State.rawEnd.empty()) {
      HasCode = true;
      size_t End = Line.find(State.rawEnd, I);
      if (End == llvm::StringRef::npos)
        return Parts;
      I = End + State.rawEnd.size();
      State.rawEnd.clear();
      continue;
    }
    if (State.inBlock) {
      if (Line.substr(I).starts_with("*/")) {
        Parts.push_back({BlockStart, I});
        State.inBlock = false;
        I += 2;
        continue;
      }
      ++I;
      continue;
    }
    if (Quote) {
      if (C == '\\')
        I += 2;
      else if (C == Quote)
        Quote = 0, ++I;
      else
        ++I;
      continue;
    }
    if (Line.substr(I).starts_with("//")) {
      Parts.push_back({I + 2, Line.size()});
      return Parts;
    }
    if (Line.substr(I).starts_with("/*")) {
      State.inBlock = true;
      BlockStart = I + 2;
      I += 2;
      continue;
    }
    HasCode |= !llvm::isSpace(C);
    // R"delim( ... )delim", also u8R, uR, UR, LR: no escapes, any lines.
    if (C == 'R' && Line.substr(I + 1).starts_with("\"")) {
      size_t Run = I;
      while (Run > 0 && isIdentifierChar(Line[Run - 1]))
        --Run;
      llvm::StringRef Prefix = Line.slice(Run, I);
      if (Prefix.empty() || Prefix == "u8" || Prefix == "u" || Prefix == "U" ||
          Prefix == "L") {
        size_t Open = Line.find('(', I + 2);
        if (Open != llvm::StringRef::npos) {
          State.rawEnd = ")" + Line.slice(I + 2, Open).str() + "\"";
          I = Open + 1;
          continue;
        }
      }
    }
    if (C == '"' || (C == '\'' && !isDigitSeparator(Line, I)))
      Quote = C;
    ++I;
  }
  if (State.inBlock)
    Parts.push_back({BlockStart, Line.size()});
  return Parts;
}

/// The comma-separated entries of `List`, trimmed, empty ones dropped.
std::vector<std::string> entriesOf(llvm::StringRef List) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  List.split(Parts, ',', -1, false);
  std::vector<std::string> Out;
  for (llvm::StringRef P : Parts)
    if (!P.trim().empty())
      Out.push_back(P.trim().str());
  return Out;
}

/// Whether `Pattern` (a rule id, or a glob such as `session-*`) names
/// `RuleId`. A lone `*` never does: it is a clang-tidy habit that would
/// hide every migration finding.
bool patternMatches(const std::string &Pattern, const std::string &RuleId) {
  if (Pattern == RuleId)
    return true;
  if (Pattern.find_first_of("*?[") == std::string::npos ||
      llvm::StringRef(Pattern).trim("*").empty())
    return false;
  llvm::Expected<llvm::GlobPattern> Glob = llvm::GlobPattern::create(Pattern);
  if (!Glob) {
    llvm::consumeError(Glob.takeError());
    return false;
  }
  return Glob->match(RuleId);
}

bool namesSomeRule(const std::string &Pattern, const RuleCatalog &Catalog) {
  return std::any_of(
      Catalog.rules().begin(), Catalog.rules().end(),
      [&](const Rule &R) { return patternMatches(Pattern, R.id); });
}

/// The reason written after a directive: what follows `:` (NOLINT forms),
/// trimmed.
std::string reasonAfterColon(llvm::StringRef Rest) {
  Rest = Rest.ltrim();
  if (!Rest.consume_front(":"))
    return "";
  return Rest.trim().str();
}
} // namespace

std::string withoutDirectives(llvm::StringRef Line) {
  ScanState State;
  bool HasCode = false;
  std::vector<CommentPart> Parts = commentsOf(Line, State, HasCode);
  std::string Out = Line.str();
  // From the last: erasing one leaves the offsets of those before it.
  std::reverse(Parts.begin(), Parts.end());
  for (const CommentPart &Part : Parts) {
    llvm::StringRef Comment = Line.slice(Part.begin, Part.end);
    if (!Comment.contains("NOLINT") && !Comment.contains("mcp-cutover:"))
      continue;
    // From its opening // or /* to its closing */, if any.
    size_t From = Part.begin >= 2 ? Part.begin - 2 : 0;
    size_t To = Part.end + (Line.substr(Part.end).starts_with("*/") ? 2 : 0);
    Out.erase(From, To - From);
  }
  return Out;
}

FileSuppressions::FileSuppressions(const std::string &File,
                                   const std::string &Text,
                                   const RuleCatalog &Catalog) {
  struct Open {
    std::string pattern;
    unsigned line;
    unsigned column;
    std::string justification;
  };
  std::vector<Open> OpenRegions;
  // Spelt in pieces: clang-tidy reads directives in our own source as text.
  const std::string Begin = std::string("NOLINT") + "BEGIN";
  const std::string End = std::string("NOLINT") + "END";
  auto Span = [&](unsigned Line, size_t Offset, size_t Length) {
    SourceSpan S;
    S.file = File;
    S.line = S.endLine = Line;
    S.column = static_cast<unsigned>(Offset + 1);
    S.endColumn = static_cast<unsigned>(Offset + 1 + Length);
    return S;
  };
  ScanState State;
  llvm::StringRef Rest(Text);
  unsigned LineNo = 0;
  while (!Rest.empty()) {
    auto [Line, After] = Rest.split('\n');
    Rest = After;
    ++LineNo;
    Line = Line.rtrim('\r');
    bool HasCode = false;
    for (const CommentPart &Part : commentsOf(Line, State, HasCode)) {
      llvm::StringRef Comment = Line.slice(Part.begin, Part.end);
      // mcp-cutover: ignore RULE[,RULE] reason
      if (size_t At = Comment.find("mcp-cutover:");
          At != llvm::StringRef::npos) {
        llvm::StringRef Tail = Comment.drop_front(At + 12).ltrim();
        if (Tail.consume_front("ignore") &&
            (Tail.empty() || llvm::isSpace(Tail.front()))) {
          Tail = Tail.ltrim();
          // The ids run to the first blank not after a comma ("a, b why").
          size_t End = 0;
          for (bool AfterComma = false; End < Tail.size(); ++End) {
            if (llvm::isSpace(Tail[End]) && !AfterComma)
              break;
            if (!llvm::isSpace(Tail[End]))
              AfterComma = Tail[End] == ',';
          }
          llvm::StringRef Ids = Tail.take_front(End);
          llvm::StringRef Reason = Tail.drop_front(End);
          if (entriesOf(Ids).empty())
            Problems.push_back({Span(LineNo, Part.begin + At, 12),
                                Level::Warning,
                                "'mcp-cutover: ignore' names no rule; it "
                                "suppresses nothing"});
          Entry E;
          for (const std::string &Id : entriesOf(Ids)) {
            if (namesSomeRule(Id, Catalog)) {
              E.patterns.push_back(Id);
              continue;
            }
            Problems.push_back(
                {Span(LineNo, Part.begin + At, 12), Level::Warning,
                 "unknown rule " + quoteInput(Id) +
                     " in 'mcp-cutover: ignore' (mcp-cutover rules lists "
                     "them); it suppresses nothing"});
          }
          if (!E.patterns.empty()) {
            // Alone on its line it is about the next line.
            E.firstLine = E.lastLine = HasCode ? LineNo : LineNo + 1;
            E.suppression = {Span(LineNo, Part.begin + At, 12),
                             Reason.trim().str()};
            Entries.push_back(std::move(E));
          }
        }
      }
      for (size_t From = 0;;) {
        size_t At = Comment.find("NOLINT", From);
        if (At == llvm::StringRef::npos)
          break;
        From = At + 6;
        if (At > 0 && isIdentifierChar(Comment[At - 1]))
          continue;
        llvm::StringRef Tail = Comment.drop_front(At + 6);
        std::string Kind = "NOLINT";
        for (const char *Suffix : {"NEXTLINE", "BEGIN", "END"})
          if (Tail.consume_front(Suffix)) {
            Kind += Suffix;
            break;
          }
        // A bare form is clang-tidy's alone (every check, none named).
        if (!Tail.consume_front("("))
          continue;
        size_t Close = Tail.find(')');
        if (Close == llvm::StringRef::npos)
          continue;
        std::vector<std::string> Ours;
        for (const std::string &P : entriesOf(Tail.take_front(Close)))
          if (namesSomeRule(P, Catalog))
            Ours.push_back(P);
        if (Ours.empty())
          continue;
        std::string Reason = reasonAfterColon(Tail.drop_front(Close + 1));
        SourceSpan Where = Span(LineNo, Part.begin + At, Kind.size());
        if (Kind == "NOLINT" || Kind == "NOLINTNEXTLINE") {
          unsigned Target = Kind == "NOLINT" ? LineNo : LineNo + 1;
          Entries.push_back({Ours, Target, Target, {Where, Reason}});
        } else if (Kind == "NOLINTBEGIN") {
          for (const std::string &P : Ours)
            OpenRegions.push_back({P, LineNo, Where.column, Reason});
        } else {
          for (const std::string &P : Ours) {
            auto It =
                std::find_if(OpenRegions.rbegin(), OpenRegions.rend(),
                             [&](const Open &O) { return O.pattern == P; });
            if (It == OpenRegions.rend()) {
              Problems.push_back({Where, Level::Error,
                                  Kind + "(" + P + ") closes no " + Begin +
                                      "(" + P + ") before it"});
              continue;
            }
            Entries.push_back(
                {{P},
                 It->line,
                 LineNo,
                 {Span(It->line, It->column - 1, 11), It->justification}});
            OpenRegions.erase(std::next(It).base());
          }
        }
      }
    }
  }
  for (const Open &O : OpenRegions)
    Problems.push_back({Span(O.line, O.column - 1, 11), Level::Error,
                        Begin + "(" + O.pattern + ") has no " + End + "(" +
                            O.pattern +
                            ") after it; it suppresses nothing, so its "
                            "findings are reported"});
}

const Suppression *FileSuppressions::find(const std::string &RuleId,
                                          unsigned Line) const {
  for (const Entry &E : Entries)
    if (Line >= E.firstLine && Line <= E.lastLine &&
        std::any_of(
            E.patterns.begin(), E.patterns.end(),
            [&](const std::string &P) { return patternMatches(P, RuleId); }))
      return &E.suppression;
  return nullptr;
}

void applySuppressions(
    std::vector<Finding> &Findings, std::vector<Finding> &Suppressed,
    std::vector<SuppressionProblem> &Problems, const RuleCatalog &Catalog,
    const std::function<std::string(const std::string &)> &AbsolutePath) {
  SourceCache Sources;
  std::map<std::string, std::optional<FileSuppressions>> ByFile;
  std::vector<Finding> Kept;
  for (Finding &F : Findings) {
    auto [It, New] = ByFile.try_emplace(F.span.file);
    if (New)
      if (const std::string *Text = Sources.text(AbsolutePath(F.span.file)))
        It->second.emplace(F.span.file, *Text, Catalog);
    const std::optional<FileSuppressions> &Directives = It->second;
    const Suppression *S = Directives.has_value()
                               ? Directives->find(F.ruleId, F.span.line)
                               : nullptr;
    if (!S) {
      Kept.push_back(std::move(F));
      continue;
    }
    F.suppression = *S;
    Suppressed.push_back(std::move(F));
  }
  Findings = std::move(Kept);
  for (const auto &[File, Directives] : ByFile)
    if (Directives)
      Problems.insert(Problems.end(), Directives->problems().begin(),
                      Directives->problems().end());
}

} // namespace mcp_cutover
