//===- SourceCache.h - Lines of source files, read once -------------------===//
#pragma once

#include <map>
#include <string>
#include <vector>

namespace mcp_cutover {

/// Reads each file once; lines without their line terminator.
class SourceCache {
public:
  /// Line `Line` (1-based) of the file, or "" when unreadable.
  const std::string &line(const std::string &AbsolutePath, unsigned Line);

private:
  std::map<std::string, std::vector<std::string>> Files;
};

} // namespace mcp_cutover
