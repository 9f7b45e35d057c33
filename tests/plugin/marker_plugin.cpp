// A shared object that proves it was loaded: when a process loads it, it
// appends a line to the file named by $MCP_CUTOVER_TEST_MARKER. The e2e test
// names it in a compile database (-fplugin=, -Xclang -load) and checks that
// mcp-cutover never creates the marker, after checking that clang does.
#include <cstdio>
#include <cstdlib>

namespace {
__attribute__((constructor)) void markLoaded() {
  const char *Path = std::getenv("MCP_CUTOVER_TEST_MARKER");
  if (!Path)
    return;
  if (std::FILE *F = std::fopen(Path, "a")) {
    std::fputs("loaded\n", F);
    std::fclose(F);
  }
}
} // namespace
