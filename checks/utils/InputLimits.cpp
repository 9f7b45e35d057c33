#include "checks/utils/InputLimits.h"

#include "llvm/Support/MemoryBuffer.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace mcp_cutover {

std::string readLimitedFile(const std::string &Path, std::string &Text,
                            uint64_t MaxBytes) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return "cannot read: " + Buffer.getError().message();
  if ((*Buffer)->getBufferSize() > MaxBytes)
    return "larger than " + std::to_string(MaxBytes >> 20) + " MiB, not read";
  Text = (*Buffer)->getBuffer().str();
  return "";
}

std::string checkJsonShape(std::string_view Text) {
  unsigned Depth = 0;
  size_t Values = 0;
  bool InString = false;
  // A value starts at each '[', '{', ',' and at the first token; counting
  // those over-counts by at most the empty containers, which is fine for a
  // limit.
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (InString) {
      if (C == '\\')
        ++I;
      else if (C == '"')
        InString = false;
      continue;
    }
    switch (C) {
    case '"':
      InString = true;
      break;
    case '[':
    case '{':
      if (++Depth > MaxJsonDepth)
        return "nested more than " + std::to_string(MaxJsonDepth) +
               " levels deep";
      [[fallthrough]];
    case ',':
      if (++Values > MaxJsonValues)
        return "more than " + std::to_string(MaxJsonValues) + " values";
      break;
    case ']':
    case '}':
      if (Depth > 0)
        --Depth;
      break;
    default:
      break;
    }
  }
  return "";
}

std::string jsonErrorText(const std::exception &E) {
  std::string What = E.what();
  // nlohmann's messages start with "[json.exception...] ": keep the rest.
  if (size_t At = What.find("] ");
      What.rfind("[json.", 0) == 0 && At != std::string::npos)
    What = What.substr(At + 2);
  return What;
}

std::string quoteInput(std::string_view Text) {
  constexpr size_t Max = 80;
  std::string Cut(Text.substr(0, Max));
  // Invalid UTF-8 (a cut through a character) becomes U+FFFD, not a throw.
  std::string Quoted = nlohmann::json(Cut).dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (Text.size() > Max)
    Quoted.insert(Quoted.size() - 1, "...");
  return Quoted;
}

unsigned yamlFlowNesting(std::string_view Text) {
  unsigned Depth = 0, Deepest = 0;
  char Quote = 0;
  bool Comment = false;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (Comment) {
      Comment = C != '\n';
      continue;
    }
    if (Quote) {
      if (C == '\\' && Quote == '"')
        ++I;
      else if (C == Quote)
        Quote = 0;
      continue;
    }
    if (C == '"' || C == '\'')
      Quote = C;
    else if (C == '#')
      Comment = true;
    else if (C == '[' || C == '{')
      Deepest = std::max(Deepest, ++Depth);
    else if ((C == ']' || C == '}') && Depth > 0)
      --Depth;
  }
  return Deepest;
}

} // namespace mcp_cutover
