#include "tool/FixApplier.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/MD5.h"

#include <algorithm>

namespace mcp_cutover {

namespace {
std::optional<size_t> offsetOf(const std::vector<size_t> &LineStarts,
                               size_t TextSize, unsigned Line,
                               unsigned Column) {
  if (Line == 0 || Column == 0 || Line > LineStarts.size())
    return std::nullopt;
  size_t Offset = LineStarts[Line - 1] + Column - 1;
  size_t LineEnd = Line < LineStarts.size() ? LineStarts[Line] : TextSize;
  if (Offset > LineEnd)
    return std::nullopt;
  return Offset;
}
std::vector<size_t> lineStarts(const std::string &Text) {
  std::vector<size_t> LineStarts = {0};
  for (size_t I = 0; I < Text.size(); ++I)
    if (Text[I] == '\n')
      LineStarts.push_back(I + 1);
  return LineStarts;
}
} // namespace

std::optional<std::pair<size_t, size_t>> fixRange(const std::string &Text,
                                                  const FixIt &F) {
  std::vector<size_t> Starts = lineStarts(Text);
  auto Begin = offsetOf(Starts, Text.size(), F.span.line, F.span.column);
  auto End = offsetOf(Starts, Text.size(), F.span.endLine, F.span.endColumn);
  if (!Begin || !End || *End < *Begin)
    return std::nullopt;
  return std::pair{*Begin, *End};
}

std::string contentDigest(llvm::StringRef Bytes) {
  llvm::MD5 Hash;
  Hash.update(Bytes);
  llvm::MD5::MD5Result Result;
  Hash.final(Result);
  return Result.digest().str().str();
}

std::optional<std::string> applyFixIts(const std::string &Text,
                                       std::vector<FixIt> Fixes,
                                       std::string &Error) {
  std::vector<size_t> LineStarts = lineStarts(Text);
  struct Edit {
    size_t begin, end;
    size_t order;
    std::string text;
  };
  std::vector<Edit> Edits;
  for (size_t I = 0; I < Fixes.size(); ++I) {
    const FixIt &F = Fixes[I];
    auto Begin = offsetOf(LineStarts, Text.size(), F.span.line, F.span.column);
    auto End =
        offsetOf(LineStarts, Text.size(), F.span.endLine, F.span.endColumn);
    if (!Begin || !End || *End < *Begin) {
      Error = "fix-it at " + std::to_string(F.span.line) + ":" +
              std::to_string(F.span.column) + " is outside the file";
      return std::nullopt;
    }
    Edits.push_back({*Begin, *End, I, F.replacement});
  }
  std::sort(Edits.begin(), Edits.end(), [](const Edit &A, const Edit &B) {
    return std::tie(A.begin, A.end, A.order) <
           std::tie(B.begin, B.end, B.order);
  });
  std::string Out;
  size_t At = 0;
  for (const Edit &E : Edits) {
    if (E.begin < At) {
      Error = "fix-its overlap at byte " + std::to_string(E.begin);
      return std::nullopt;
    }
    Out.append(Text, At, E.begin - At);
    Out += E.text;
    At = E.end;
  }
  Out.append(Text, At, std::string::npos);
  return Out;
}

} // namespace mcp_cutover
