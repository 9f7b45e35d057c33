// The command sanitiser and the write guard: what a repository's compile
// database and symlinks cannot make mcp-cutover do (docs/security.md).
#include "TempDir.h"
#include "checks/utils/LocationUtil.h"
#include "tool/driver/CommandSanitizer.h"
#include "tool/files/WriteGuard.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace mcp_cutover;

namespace {
using test::TempDir;

const std::string ClangDir = "/trusted/bin";

SanitizedCommand sanitize(const std::vector<std::string> &Args,
                          const TempDir &T) {
  return sanitizeCommandLine(Args, T.path + "/repo", T.path + "/repo",
                             ClangDir);
}

std::string removed(const std::string &Flag, const std::string &Why) {
  return Flag + ": removed from the compile commands (" + Why + ")";
}
const std::string LoadsCode = "it loads code into the compiler, and "
                              "mcp-cutover never runs the project's code";
const std::string NamesPrograms =
    "it tells the compiler driver where to find programs to run, and "
    "mcp-cutover never runs programs the project names";
} // namespace

TEST_CASE("flags that load code are removed, each with one note",
          "[security][sanitizer]") {
  TempDir T;
  T.write("repo/a.cpp", "");
  auto S = sanitize({"/usr/bin/c++",
                     "-std=c++20",
                     "-fplugin=/x/p.so",
                     "-fplugin-arg-p-opt=1",
                     "-fpass-plugin=/x/q.so",
                     "-Xclang",
                     "-load",
                     "-Xclang",
                     "/x/r.so",
                     "-Xclang",
                     "-plugin",
                     "-Xclang",
                     "print-fns",
                     "-Xclang",
                     "-add-plugin",
                     "-Xclang",
                     "other",
                     "-Xclang",
                     "-plugin-arg-other",
                     "-Xclang",
                     "v",
                     "-Xclang=-load",
                     "-Xclang=/x/s.so",
                     "-Xclang",
                     "-fno-pch-timestamp",
                     "-c",
                     "a.cpp"},
                    T);
  CHECK(S.commandLine ==
        std::vector<std::string>{"/usr/bin/c++", "-std=c++20", "-Xclang",
                                 "-fno-pch-timestamp", "-c", "a.cpp"});
  CHECK(S.notes ==
        std::vector<std::string>{
            removed("-fplugin=/x/p.so", LoadsCode),
            removed("-fplugin-arg-p-opt=1", LoadsCode),
            removed("-fpass-plugin=/x/q.so", LoadsCode),
            removed("-Xclang -load -Xclang /x/r.so", LoadsCode),
            removed("-Xclang -plugin -Xclang print-fns", LoadsCode),
            removed("-Xclang -add-plugin -Xclang other", LoadsCode),
            removed("-Xclang -plugin-arg-other -Xclang v", LoadsCode),
            removed("-Xclang=-load -Xclang=/x/s.so", LoadsCode)});
}

TEST_CASE("flags that name programs are removed; a toolchain outside the "
          "root stays",
          "[security][sanitizer]") {
  TempDir T;
  T.write("repo/tc/bin/ld", "");
  T.write("machine/gcc/include/x.h", "");
  auto S = sanitize({"/usr/bin/c++",
                     "-B",
                     "/opt/bin",
                     "-B/opt/bin2",
                     "--prefix=/p",
                     "--prefix",
                     "/q",
                     "-fuse-ld=lld",
                     "--ld-path=/x/ld",
                     "--amdgpu-arch-tool=/x/a",
                     "--nvptx-arch-tool=/x/n",
                     "--config=/x/c.cfg",
                     "--config",
                     "/x/d.cfg",
                     "--gcc-toolchain=" + T.path + "/repo/tc",
                     "--gcc-toolchain=" + T.path + "/machine/gcc",
                     "--sysroot",
                     "tc",
                     "-c",
                     "a.cpp"},
                    T);
  CHECK(S.commandLine ==
        std::vector<std::string>{"/usr/bin/c++",
                                 "--gcc-toolchain=" + T.path + "/machine/gcc",
                                 "-c", "a.cpp"});
  const std::string InRoot = "a toolchain folder inside the project root: ";
  CHECK(S.notes ==
        std::vector<std::string>{
            removed("-B /opt/bin", NamesPrograms),
            removed("-B/opt/bin2", NamesPrograms),
            removed("--prefix=/p", NamesPrograms),
            removed("--prefix /q", NamesPrograms),
            removed("-fuse-ld=lld", NamesPrograms),
            removed("--ld-path=/x/ld", NamesPrograms),
            removed("--amdgpu-arch-tool=/x/a", NamesPrograms),
            removed("--nvptx-arch-tool=/x/n", NamesPrograms),
            removed("--config=/x/c.cfg",
                    "it reads more compiler flags from a file, where they "
                    "would escape this check"),
            removed("--config /x/d.cfg",
                    "it reads more compiler flags from a file, where they "
                    "would escape this check"),
            removed("--gcc-toolchain=" + T.path + "/repo/tc",
                    InRoot + NamesPrograms),
            removed("--sysroot tc", InRoot + NamesPrograms)});
}

TEST_CASE("response files inside the root are expanded and sanitised; "
          "outside, removed",
          "[security][sanitizer]") {
  TempDir T;
  T.write("repo/flags.rsp", "-DA=1 \"-DB=two words\" @nested.rsp\n");
  T.write("repo/nested.rsp", "-fplugin=/x/p.so -DC=3");
  std::string Outside = T.write("outside/evil.rsp", "-DEVIL");
  T.link("repo/link.rsp", Outside);
  T.write("repo/loop.rsp", "@loop.rsp");
  auto S = sanitize({"clang++", "@flags.rsp", "@../outside/evil.rsp",
                     "@link.rsp", "@missing.rsp", "@loop.rsp", "a.cpp"},
                    T);
  CHECK(S.commandLine == std::vector<std::string>{"/trusted/bin/clang++",
                                                  "-DA=1", "-DB=two words",
                                                  "-DC=3", "a.cpp"});
  std::string Outer = "is outside the project root " + T.path + "/repo";
  CHECK(S.notes ==
        std::vector<std::string>{
            removed("-fplugin=/x/p.so", LoadsCode),
            removed("@../outside/evil.rsp",
                    "a response file: its real path " + Outside + " " + Outer +
                        ", and flags from outside the project are not taken"),
            removed("@link.rsp",
                    "a response file: its real path " + Outside + " " + Outer +
                        ", and flags from outside the project are not taken"),
            removed("@missing.rsp",
                    "a response file: it cannot be read, and flags from "
                    "outside the project are not taken"),
            removed("@loop.rsp", "a response file nested too deeply")});
}

TEST_CASE("a compiler inside the root is replaced by the trusted clang",
          "[security][sanitizer]") {
  TempDir T;
  T.write("repo/tools/clang++", "");
  auto S = sanitize({"tools/clang++", "-c", "a.cpp"}, T);
  CHECK(S.commandLine ==
        std::vector<std::string>{"/trusted/bin/clang++", "-c", "a.cpp"});
  CHECK(S.notes ==
        std::vector<std::string>{
            "tools/clang++: the compiler is inside the project root; clang "
            "parses as 'clang++' from /trusted/bin instead (mcp-cutover "
            "never runs programs the project names)"});
  CHECK(sanitize({"/usr/bin/g++", "a.cpp"}, T).commandLine.front() ==
        "/usr/bin/g++");
}

TEST_CASE("sanitizeJobs says each distinct note once",
          "[security][sanitizer]") {
  TempDir T;
  std::vector<CompileJob> Jobs(2);
  for (CompileJob &J : Jobs) {
    J.directory = T.path;
    J.commandLine = {"/usr/bin/c++", "-fplugin=/x/p.so", "-c", "a.cpp"};
  }
  auto Notes = sanitizeJobs(Jobs, T.path, ClangDir);
  CHECK(Notes ==
        std::vector<std::string>{removed("-fplugin=/x/p.so", LoadsCode)});
  CHECK(Jobs[1].commandLine ==
        std::vector<std::string>{"/usr/bin/c++", "-c", "a.cpp"});
}

TEST_CASE("writes are refused outside the root, through symlinks and '..'",
          "[security][write-guard]") {
  TempDir T;
  std::string Root = T.path + "/repo";
  std::string Victim = T.write("outside/victim.cpp", "x");
  std::string Own = T.write("repo/own.cpp", "x");
  T.link("repo/server.cpp", "../outside/victim.cpp");
  T.link("repo/alias.cpp", "own.cpp");
  T.link("repo/shared", "../outside");
  CHECK(refuseWriteOutsideRoot(Own, Root) == "");
  std::string Outside = "its real path " + Victim +
                        " is outside the project root " + Root +
                        " (mcp-cutover never edits files outside the root)";
  CHECK(refuseWriteOutsideRoot(Root + "/server.cpp", Root) == Outside);
  CHECK(refuseWriteOutsideRoot(Root + "/shared/victim.cpp", Root) == Outside);
  CHECK(refuseWriteOutsideRoot(Root + "/../outside/victim.cpp", Root) ==
        Outside);
  CHECK(refuseWriteOutsideRoot(Root + "/alias.cpp", Root) ==
        "is a symbolic link (to " + Own +
            "); fix the file it points to instead");
  CHECK(refuseWriteOutsideRoot(Root + "/gone.cpp", Root) ==
        "its real path cannot be resolved: No such file or directory");
  CHECK(isInsideRoot(Own, Root));
  CHECK(!isInsideRoot(Root + "/server.cpp", Root));
  CHECK(isInsideRoot(Own, "/"));
}
