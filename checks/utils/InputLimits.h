//===- InputLimits.h - What a reader of untrusted files accepts -----------===//
//
// mcp-cutover runs in CI on pull requests, so anyone can write the files it
// reads. Every reader refuses input beyond these limits with one line
// instead of exhausting the stack, the memory or the time of the runner
// (docs/limits.md lists them for users).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

namespace mcp_cutover {

/// Largest JSON file read (tools files, SDK profiles, saved results).
constexpr uint64_t MaxJsonFileBytes = 64u << 20;
/// Largest source file the report quotes lines from.
constexpr uint64_t MaxSourceFileBytes = 64u << 20;
/// Deepest nesting of arrays and objects: the readers and the rules walk
/// JSON recursively, so depth is stack.
constexpr unsigned MaxJsonDepth = 512;
/// Most values (scalars, arrays, objects) in one JSON document: each one
/// costs a node, and in a tools file a position entry too.
constexpr size_t MaxJsonValues = 2'000'000;

/// Reads `Path` into `Text` if it is at most `MaxBytes`; else returns the
/// problem ("cannot read: ...", "larger than 64 MiB, not read"), without
/// the path.
std::string readLimitedFile(const std::string &Path, std::string &Text,
                            uint64_t MaxBytes = MaxJsonFileBytes);

/// A linear scan of JSON text, before a parser builds anything: returns
/// the problem if arrays and objects nest deeper than MaxJsonDepth or the
/// text holds more than MaxJsonValues values; "" otherwise (including for
/// text that is not JSON: the parser says what is wrong with it).
std::string checkJsonShape(std::string_view Text);

/// The deepest `[` and `{` nesting of YAML text outside quotes and
/// comments: llvm::yaml's parser recurses per level, so its readers bound
/// this first (a rough scan: it only has to bound the recursion).
unsigned yamlFlowNesting(std::string_view Text);

/// An exception's message for a user, without nlohmann's
/// "[json.exception.type_error.302] " prefix (every JSON reader's errors).
std::string jsonErrorText(const std::exception &E);

/// Text from the input, for an error message: JSON-quoted (so a newline or
/// a terminal escape in a key cannot break the one-line error) and cut to
/// 80 bytes.
std::string quoteInput(std::string_view Text);

} // namespace mcp_cutover
