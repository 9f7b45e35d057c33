#include "checks/FixApplier.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/MD5.h"

#include <algorithm>

namespace mcp_cutover {

LineIndex::LineIndex(const std::string &Text) : Starts{0}, Size(Text.size()) {
  for (size_t I = 0; I < Text.size(); ++I)
    if (Text[I] == '\n')
      Starts.push_back(I + 1);
}

std::optional<size_t> LineIndex::offset(unsigned Line, unsigned Column) const {
  if (Line == 0 || Column == 0 || Line > Starts.size())
    return std::nullopt;
  size_t Offset = Starts[Line - 1] + Column - 1;
  size_t LineEnd = Line < Starts.size() ? Starts[Line] : Size;
  if (Offset > LineEnd)
    return std::nullopt;
  return Offset;
}

std::optional<std::pair<size_t, size_t>>
LineIndex::range(const FixIt &F) const {
  auto Begin = offset(F.span.line, F.span.column);
  auto End = offset(F.span.endLine, F.span.endColumn);
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
  LineIndex Lines(Text);
  struct Edit {
    size_t begin, end;
    size_t order;
    std::string text;
  };
  std::vector<Edit> Edits;
  for (size_t I = 0; I < Fixes.size(); ++I) {
    const FixIt &F = Fixes[I];
    auto Range = Lines.range(F);
    if (!Range) {
      Error = "fix-it at " + std::to_string(F.span.line) + ":" +
              std::to_string(F.span.column) + " is outside the file";
      return std::nullopt;
    }
    Edits.push_back({Range->first, Range->second, I, F.replacement});
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
