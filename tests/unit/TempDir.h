//===- TempDir.h - A fresh folder for tests that need real files ----------===//
#pragma once

#include "checks/utils/LocationUtil.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <string>

namespace mcp_cutover::test {

/// A fresh folder (its real path) under the system temp dir, removed at
/// scope exit.
struct TempDir {
  std::string path;
  TempDir() {
    llvm::SmallString<128> P;
    llvm::sys::fs::createUniqueDirectory("mcp-cutover-test", P);
    path = canonicalPath(P);
  }
  ~TempDir() { llvm::sys::fs::remove_directories(path); }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  /// Writes `Text` to `Name` under the folder (creating folders).
  std::string write(const std::string &Name, const std::string &Text) const {
    std::string File = path + "/" + Name;
    llvm::sys::fs::create_directories(llvm::sys::path::parent_path(File));
    std::ofstream(File, std::ios::binary) << Text;
    return File;
  }
  /// A symlink `Name` under the folder pointing at `Target`.
  std::string link(const std::string &Name, const std::string &Target) const {
    std::string File = path + "/" + Name;
    llvm::sys::fs::create_directories(llvm::sys::path::parent_path(File));
    REQUIRE(!llvm::sys::fs::create_link(Target, File));
    return File;
  }
};

} // namespace mcp_cutover::test
