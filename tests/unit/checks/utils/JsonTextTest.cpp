#include "checks/utils/JsonText.h"

#include <catch2/catch.hpp>

using mcp_cutover::jsonTextMembers;

namespace {
/// "parent/key=value@offset" per member, "parent/key@offset" for a
/// non-string value.
std::vector<std::string> describe(llvm::StringRef Text) {
  std::vector<std::string> Out;
  for (const auto &M : jsonTextMembers(Text))
    Out.push_back(M.parentKey + "/" + M.key +
                  (M.stringValue ? "=" + *M.stringValue : "") + "@" +
                  std::to_string(M.keyOffset) + ":" +
                  std::to_string(M.valueOffset));
  return Out;
}
} // namespace

TEST_CASE("jsonTextMembers: keys with their parent key and offsets",
          "[json-text]") {
  CHECK(describe(R"({"a": "x", "caps": {"logging": {}}, "n": 1})") ==
        std::vector<std::string>{"/a=x@1:6", "/caps@11:19",
                                 "caps/logging@20:31", "/n@36:41"});
  // An escaped quote stays inside its string; a string value followed by a
  // colon in an array is no key.
  CHECK(describe(R"({"k\"q": "v\"w", "l": ["a", "b"]})") ==
        std::vector<std::string>{"/k\\\"q=v\\\"w@1:9", "/l@17:22"});
  // Objects inside arrays have no parent key.
  CHECK(describe(R"([{"method": "ping"}, {"method": "x"}])") ==
        std::vector<std::string>{"/method=ping@2:12", "/method=x@22:32"});
  // Several messages, one per line.
  CHECK(describe("{\"id\":0}\n{\"id\":1}") ==
        std::vector<std::string>{"/id@1:6", "/id@10:15"});
}

TEST_CASE("jsonTextMembers: text that is not JSON, and JSON cut short",
          "[json-text]") {
  CHECK(describe("protocolVersion: 2025-06-18").empty());
  CHECK(describe("").empty());
  CHECK(describe("  ").empty());
  // A string that does not end: the key is read, its value is not.
  CHECK(describe(R"({"a": "unterminated)") ==
        std::vector<std::string>{"/a@1:6"});
  CHECK(describe(R"({"a": )") == std::vector<std::string>{"/a@1:6"});
  CHECK(describe("}}]]{\"a\":1}").empty());
  CHECK(describe(R"({"a": {"b": %s}, "c": {{id}}})") ==
        std::vector<std::string>{"/a@1:6", "a/b@7:12", "/c@17:22"});
}
