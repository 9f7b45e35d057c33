//===- EmbeddedFile.h - Data files compiled into the binary ---------------===//
#pragma once

namespace mcp_cutover {

/// A file of rules/ compiled in by rules/EmbedFiles.cmake; arrays of them end
/// with a null entry.
struct EmbeddedFile {
  const char *name;
  const char *text;
};

/// rules/catalog.json.
extern const EmbeddedFile RuleCatalogFiles[];
/// rules/sdk/*.json, sorted by name.
extern const EmbeddedFile SdkProfileFiles[];

} // namespace mcp_cutover
