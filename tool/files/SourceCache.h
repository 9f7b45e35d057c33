//===- SourceCache.h - The user's files, read once per report
//--------------===//
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mcp_cutover {

class SourceCache {
public:
  /// Line `Line` (1-based) of the file, or "" when unreadable.
  const std::string &line(const std::string &AbsolutePath, unsigned Line);
  /// How many lines the file has (0 when unreadable).
  unsigned lineCount(const std::string &AbsolutePath);
  /// The whole file, or null when it cannot be read.
  const std::string *text(const std::string &AbsolutePath);

private:
  struct File {
    bool readable = false;
    std::string text;
    std::vector<std::string> lines;
  };
  const File &file(const std::string &AbsolutePath);
  std::map<std::string, File> Files;
};

} // namespace mcp_cutover
