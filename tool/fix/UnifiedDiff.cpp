#include "tool/fix/UnifiedDiff.h"

#include "checks/FixApplier.h"

#include <algorithm>

namespace mcp_cutover {

namespace {
std::vector<std::string> splitLines(const std::string &Text) {
  std::vector<std::string> Lines;
  size_t At = 0;
  while (At < Text.size()) {
    size_t End = Text.find('\n', At);
    if (End == std::string::npos) {
      Lines.push_back(Text.substr(At));
      break;
    }
    Lines.push_back(Text.substr(At, End - At));
    At = End + 1;
  }
  return Lines;
}

/// The last line a fix touches (a range ending at column 1 ends on the line
/// before).
unsigned lastLine(const FixIt &F) {
  return F.span.endColumn == 1 && F.span.endLine > F.span.line
             ? F.span.endLine - 1
             : F.span.endLine;
}
} // namespace

std::string unifiedDiff(const std::string &Path, const std::string &Text,
                        const std::vector<FixIt> &Fixes, unsigned Context,
                        std::string &Error) {
  if (Fixes.empty())
    return "";
  // Validate all at once (ranges inside the file, no overlaps).
  if (!applyFixIts(Text, Fixes, Error))
    return "";
  std::vector<std::string> Old = splitLines(Text);
  std::vector<FixIt> Sorted = Fixes;
  std::stable_sort(
      Sorted.begin(), Sorted.end(),
      [](const FixIt &A, const FixIt &B) { return A.span.line < B.span.line; });
  // Regions of lines changed together: fixes closer than two contexts
  // share a hunk.
  struct Region {
    unsigned first, last;
    std::vector<FixIt> fixes;
  };
  std::vector<Region> Regions;
  for (const FixIt &F : Sorted) {
    if (!Regions.empty() &&
        F.span.line <= Regions.back().last + 2 * Context + 1) {
      Regions.back().last = std::max(Regions.back().last, lastLine(F));
      Regions.back().fixes.push_back(F);
      continue;
    }
    Regions.push_back({F.span.line, lastLine(F), {F}});
  }
  std::string Out = "--- a/" + Path + "\n+++ b/" + Path + "\n";
  long Delta = 0;
  bool Changed = false;
  for (Region &R : Regions) {
    unsigned Last = std::min<unsigned>(R.last, Old.size());
    // Apply the region's fixes to its own lines, shifted to start at 1.
    std::string Slice;
    for (unsigned L = R.first; L <= Last; ++L)
      Slice += Old[L - 1] + "\n";
    for (FixIt &F : R.fixes) {
      F.span.line -= R.first - 1;
      F.span.endLine -= R.first - 1;
    }
    auto NewSlice = applyFixIts(Slice, R.fixes, Error);
    if (!NewSlice)
      return "";
    std::vector<std::string> Before = splitLines(Slice);
    std::vector<std::string> After = splitLines(*NewSlice);
    // Lines the fixes left as they were are context, not changes.
    size_t Prefix = 0;
    while (Prefix < Before.size() && Prefix < After.size() &&
           Before[Prefix] == After[Prefix])
      ++Prefix;
    size_t Suffix = 0;
    while (Suffix + Prefix < Before.size() && Suffix + Prefix < After.size() &&
           Before[Before.size() - 1 - Suffix] ==
               After[After.size() - 1 - Suffix])
      ++Suffix;
    if (Prefix == Before.size() && Prefix == After.size())
      continue;
    Changed = true;
    unsigned FirstChanged = R.first + Prefix;
    unsigned LastChanged =
        R.first + Before.size() - Suffix - 1; // may be < First
    unsigned From = FirstChanged > Context ? FirstChanged - Context : 1;
    unsigned To = std::min<unsigned>(LastChanged + Context, Old.size());
    if (LastChanged + 1 == FirstChanged) // pure insertion
      To = std::min<unsigned>(FirstChanged - 1 + Context, Old.size());
    std::vector<std::string> Lines;
    for (unsigned L = From; L < FirstChanged; ++L)
      Lines.push_back(" " + Old[L - 1]);
    for (size_t I = Prefix; I + Suffix < Before.size(); ++I)
      Lines.push_back("-" + Before[I]);
    for (size_t I = Prefix; I + Suffix < After.size(); ++I)
      Lines.push_back("+" + After[I]);
    for (unsigned L = std::max(FirstChanged, LastChanged + 1); L <= To; ++L)
      Lines.push_back(" " + Old[L - 1]);
    size_t OldCount = 0, NewCount = 0;
    for (const std::string &L : Lines) {
      OldCount += L[0] != '+';
      NewCount += L[0] != '-';
    }
    auto Start = [](unsigned Line, size_t Count) {
      // An empty side names the line before it, as diff(1) does.
      return std::to_string(Count == 0 ? Line - 1 : Line);
    };
    Out += "@@ -" + Start(From, OldCount) + "," + std::to_string(OldCount) +
           " +" + Start(From + Delta, NewCount) + "," +
           std::to_string(NewCount) + " @@\n";
    for (const std::string &L : Lines)
      Out += L + "\n";
    Delta += long(NewCount) - long(OldCount);
  }
  return Changed ? Out : "";
}

} // namespace mcp_cutover
