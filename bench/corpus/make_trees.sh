#!/usr/bin/env bash
# make_trees.sh - re-create the ten unseen-SDK trees (and their compilation
# databases) that the label files in this folder describe.
#
# Usage:
#   bench/corpus/make_trees.sh [--mirror-root DIR] [--sdk-root DIR] [SDK ...]
#
#   SDK is any of: yurirocha15 vparla vogler75 1ay1 openeuler coro hkr04 fastmcpp
#   umesoft bdcbqa (default: all ten, in that order).
#
# Where the sources come from: a local (bare) git repository per upstream
# repository, e.g. the directories the search tool's `fetch` brings onto the
# machine. Each can be given by its own environment variable; otherwise it
# is looked for as $MIRROR_ROOT/<owner>+<name>/repo (the fetch layout),
# with MIRROR_ROOT defaulting to /work/.mirror (or --mirror-root):
#
#   MIRROR_YURIROCHA15  yurirocha15/mcp-cpp-sdk
#   MIRROR_VPARLA       vparla/mcp-cpp
#   MIRROR_VOGLER75     vogler75/mcp-cpp-sdk
#   MIRROR_1AY1         1ay1/mcp-cpp
#   MIRROR_OPENEULER    openeuler-mirror/mcp-cpp-sdk
#   MIRROR_CORO         liuli-neko/coro-cpp-mcp
#   MIRROR_ILIAS        BusyStudent/Ilias              (coro dependency, tag v0.4.2)
#   MIRROR_NEKOPROTO    liuli-neko/NekoProtoTools      (coro dependency, 169ab0f)
#   MIRROR_RAPIDJSON    Tencent/rapidjson              (coro dependency, 24b5e7a)
#   MIRROR_HKR04        hkr04/cpp-mcp                  (also fastmcpp's httplib.h)
#   MIRROR_FASTMCPP     0xeb/fastmcpp
#   MIRROR_UMESOFT      umesoft/mcp-cpp
#   MIRROR_BDCBQA       bdcbqa314159/mcp-cpp-sdk
#
# A git URL works too (anything `git clone` takes).
#
# Other environment variables:
#   SDK_ROOT   where the trees go (default /work/sdk; the label files name
#              absolute paths under /work/sdk, so change it only for trials)
#   SKIP_APT=1 do not run apt-get (the packages must already be there)
#   FRESH=1    configure CMake trees from scratch (cmake --fresh)
#
# What it does, per label file (<owner>__<name>.json, keys repo/commit/tree/
# build_dir/configure): clones the mirror into the label's tree, checks out
# exactly the label's commit (detached), installs the Debian packages the
# `configure` strings name, writes the hand-made stand-ins (doctest dir,
# boost181.cmake, generated config headers, compat_is_clock.hpp, hkr04's
# googletest submodule filled from /usr/src/googletest, fastmcpp's cpp-httplib
# folder holding hkr04's vendored httplib.h) and either
# runs the CMake configure step the label records (configure only, nothing is
# built) or writes the hand-made compile_commands.json. No code from the SDKs
# or their dependencies is stored in this script; the small headers below are
# our own. It is idempotent: existing clones are reused and re-checked-out,
# generated files are rewritten, CMake trees are re-configured in place.
# Heavy steps run under `nice -n 10`, one at a time.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MIRROR_ROOT="${MIRROR_ROOT:-/work/.mirror}"
SDK_ROOT="${SDK_ROOT:-/work/sdk}"

SDKS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --mirror-root) MIRROR_ROOT="$2"; shift 2 ;;
    --sdk-root) SDK_ROOT="$2"; shift 2 ;;
    -h|--help) sed -n '2,49p' "$0"; exit 0 ;;
    *) SDKS+=("$1"); shift ;;
  esac
done
[ ${#SDKS[@]} -gt 0 ] || SDKS=(yurirocha15 vparla vogler75 1ay1 openeuler coro hkr04 fastmcpp umesoft bdcbqa)

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'make_trees: %s\n' "$*" >&2; exit 1; }

# label KEY FILE -> value of a top-level string key of a label file
label() { python3 -c 'import json,sys; print(json.load(open(sys.argv[2]))[sys.argv[1]])' "$1" "$HERE/$2"; }

# mirror VAR owner/name -> path or URL of the source repository
mirror() {
  local var="$1" repo="$2" val
  val="${!var:-}"
  if [ -z "$val" ]; then
    val="$MIRROR_ROOT/${repo%%/*}+${repo#*/}/repo"
    [ -d "$val" ] || die "no mirror for $repo: set $var or fetch it into $val"
  fi
  printf '%s\n' "$val"
}

# checkout SRC DEST REV: clone (once) and check out REV detached. Snapshots
# may lack a few very large blobs (files of 4 MiB and more); a checkout that
# only misses those still leaves HEAD at REV, which is what is verified.
checkout() {
  local src="$1" dest="$2" rev="$3" want
  if [ ! -d "$dest/.git" ]; then
    mkdir -p "$(dirname "$dest")"
    git clone -q --no-checkout "$src" "$dest"
  fi
  if ! git -C "$dest" rev-parse -q --verify "$rev^{commit}" >/dev/null; then
    git -C "$dest" fetch -q --tags "$src" '+refs/heads/*:refs/remotes/mirror/*' \
      || die "cannot fetch from $src into $dest"
  fi
  want="$(git -C "$dest" rev-parse -q --verify "$rev^{commit}")" \
    || die "$rev is not in $src (snapshot too old/new?)"
  git -C "$dest" -c advice.detachedHead=false checkout -q --force --detach "$want" 2>"$dest.checkout.log" \
    || log "checkout of $dest reported problems (see $dest.checkout.log)"
  [ "$(git -C "$dest" rev-parse HEAD)" = "$want" ] || die "$dest is not at $want"
  [ -s "$dest.checkout.log" ] || rm -f "$dest.checkout.log"
  log "$dest at $want"
}

apt_install() {
  [ "${SKIP_APT:-0}" = 1 ] && return 0
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt-get install ${missing[*]}"
  # another apt may be running: wait for the dpkg lock instead of failing
  nice -n 10 apt-get install -y -o DPkg::Lock::Timeout=1800 "${missing[@]}" >&2 \
    || { nice -n 10 apt-get update -o DPkg::Lock::Timeout=1800 >&2 &&
         nice -n 10 apt-get install -y -o DPkg::Lock::Timeout=1800 "${missing[@]}" >&2; }
}

wait_for_clang() {
  local i
  for i in $(seq 1 120); do
    [ -x /usr/bin/clang++-19 ] && return 0
    [ "$i" = 1 ] && log "waiting for /usr/bin/clang++-19"
    sleep 10
  done
  die "/usr/bin/clang++-19 did not appear"
}

cmake_configure() { # TREE BUILD_DIR ARGS...
  local tree="$1" bdir="$2"; shift 2
  local fresh=()
  [ "${FRESH:-0}" = 1 ] && fresh=(--fresh)
  (cd "$tree" && nice -n 10 cmake "${fresh[@]}" -S . -B "$bdir" -G Ninja "$@" >&2)
  [ -s "$tree/$bdir/compile_commands.json" ] || die "no compile_commands.json in $tree/$bdir"
  log "$tree/$bdir/compile_commands.json: $(count_entries "$tree/$bdir/compile_commands.json") entries"
}

count_entries() { python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$1"; }

# ---------------------------------------------------------------- yurirocha15
do_yurirocha15() {
  local L=yurirocha15__mcp-cpp-sdk.json tree
  tree="$(label tree $L)"
  apt_install clang-19 libboost1.81-dev libboost-system1.81-dev liblldb-19-dev \
    nlohmann-json3-dev libssl-dev libgtest-dev ninja-build cmake
  wait_for_clang
  checkout "$(mirror MIRROR_YURIROCHA15 yurirocha15/mcp-cpp-sdk)" "$tree" "$(label commit $L)"
  cmake_configure "$tree" "$(label build_dir $L)" \
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DBUILD_TESTING=ON -DBUILD_EXAMPLES=ON \
    -DBUILD_LLDB_EXAMPLE=ON -DLLDB_LIB=/usr/lib/llvm-19/lib/liblldb.so \
    -DLLDB_INCLUDE_DIR=/usr/lib/llvm-19/include/lldb -DCMAKE_CXX_COMPILER=clang++-19
}

# --------------------------------------------------------------------- vparla
do_vparla() {
  local L=vparla__mcp-cpp.json tree
  tree="$(label tree $L)"
  apt_install clang-19 libboost1.81-dev libboost-system1.81-dev libc++-19-dev \
    libc++abi-19-dev googletest libssl-dev ninja-build cmake
  wait_for_clang
  checkout "$(mirror MIRROR_VPARLA vparla/mcp-cpp)" "$tree" "$(label commit $L)"
  cmake_configure "$tree" "$(label build_dir $L)" \
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DMCP_BUILD_EXAMPLES=ON -DMCP_BUILD_TESTS=ON \
    -DFETCHCONTENT_SOURCE_DIR_GOOGLETEST=/usr/src/googletest \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    "-DCMAKE_CXX_FLAGS=-stdlib=libc++ -fexperimental-library" \
    -DCMAKE_EXE_LINKER_FLAGS=-stdlib=libc++ \
    "-DCMAKE_CXX_COMPILE_OBJECT=<CMAKE_CXX_COMPILER> <DEFINES> <INCLUDES> <FLAGS> -Wno-error -o <OBJECT> -c <SOURCE>"
}

# ------------------------------------------------------------------- vogler75
do_vogler75() {
  local L=vogler75__mcp-cpp-sdk.json tree inc
  tree="$(label tree $L)"
  inc="$SDK_ROOT/mcp-cpp-sdk-vogler75-cmake/boost181.cmake"
  apt_install libboost1.81-dev libspdlog-dev nlohmann-json3-dev googletest ninja-build cmake
  checkout "$(mirror MIRROR_VOGLER75 vogler75/mcp-cpp-sdk)" "$tree" "$(label commit $L)"
  mkdir -p "$(dirname "$inc")"
  cat >"$inc" <<'EOF'
# Stand-in project include (CMAKE_PROJECT_INCLUDE): lets find_package(Boost 1.82 ...)
# accept Debian 12's Boost 1.81. CMAKE_PROJECT_INCLUDE runs after every project()
# call (googletest has several), so the override is defined only once.
get_property(_boost181_done GLOBAL PROPERTY BOOST181_OVERRIDE_DEFINED)
if(NOT _boost181_done)
  set_property(GLOBAL PROPERTY BOOST181_OVERRIDE_DEFINED TRUE)
  macro(find_package _fp_name)
    if("${_fp_name}" STREQUAL "Boost" AND "${ARGV1}" MATCHES "^1\\.8[2-9]")
      set(_fp_args ${ARGN})
      list(REMOVE_AT _fp_args 0)
      _find_package(Boost 1.81 ${_fp_args})
    else()
      _find_package(${ARGV})
    endif()
  endmacro()
endif()
EOF
  cmake_configure "$tree" "$(label build_dir $L)" \
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DMCP_BUILD_TESTS=ON -DMCP_BUILD_EXAMPLES=ON \
    -DMCP_BUILD_CHILD_PROCESS=ON -DFETCHCONTENT_TRY_FIND_PACKAGE_MODE=ALWAYS \
    -DFETCHCONTENT_SOURCE_DIR_GOOGLETEST=/usr/src/googletest \
    "-DCMAKE_PROJECT_INCLUDE=$inc"
}

# ----------------------------------------------------------------------- 1ay1
do_1ay1() {
  local L=1ay1__mcp-cpp.json tree dt
  tree="$(label tree $L)"
  dt="$SDK_ROOT/mcp-cpp-1ay1-deps/doctest"
  # libc++: src/tools/ uses <format>, which Debian 12's libstdc++ 12 lacks.
  apt_install clang-19 doctest-dev nlohmann-json3-dev ninja-build cmake \
    libc++-19-dev libc++abi-19-dev
  wait_for_clang
  checkout "$(mirror MIRROR_1AY1 1ay1/mcp-cpp)" "$tree" "$(label commit $L)"
  # doctest stand-in for FetchContent: INTERFACE target over Debian's headers,
  # plus Debian's doctest.cmake (the tests include it from scripts/cmake/).
  mkdir -p "$dt/scripts/cmake"
  cp /usr/lib/cmake/doctest/doctest.cmake /usr/lib/cmake/doctest/doctestAddTests.cmake "$dt/scripts/cmake/"
  cat >"$dt/CMakeLists.txt" <<'EOF'
# Stand-in for the doctest source tree FetchContent would download:
# an INTERFACE target doctest::doctest over Debian's doctest-dev headers.
cmake_minimum_required(VERSION 3.10)
project(doctest_standin LANGUAGES CXX)
if(NOT TARGET doctest)
  add_library(doctest INTERFACE)
  target_include_directories(doctest INTERFACE /usr/include/doctest)
  add_library(doctest::doctest ALIAS doctest)
endif()
EOF
  cmake_configure "$tree" "$(label build_dir $L)" \
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DMCP_BUILD_EXAMPLES=ON -DMCP_BUILD_TESTS=ON \
    -DFETCHCONTENT_TRY_FIND_PACKAGE_MODE=ALWAYS "-DFETCHCONTENT_SOURCE_DIR_DOCTEST=$dt" \
    -DCMAKE_CXX_COMPILER=clang++-19 "-DCMAKE_CXX_FLAGS=-stdlib=libc++ -fexperimental-library" \
    -DCMAKE_EXE_LINKER_FLAGS=-stdlib=libc++
}

# ------------------------------------------------------------------ openeuler
# No usable CMake (agent/CMakeLists.txt and session_manager.* are missing from
# the repository): one entry per .cpp outside 3thirdparty/, with
# -I<file dir>, -I<module>/include -I<module> for every top-level module and
# -I common.
do_openeuler() {
  local L=openeuler-mirror__mcp-cpp-sdk.json tree bdir
  tree="$(label tree $L)"; bdir="$(label build_dir $L)"
  apt_install clang-19 libevent-dev libssl-dev
  checkout "$(mirror MIRROR_OPENEULER openeuler-mirror/mcp-cpp-sdk)" "$tree" "$(label commit $L)"
  mkdir -p "$tree/$bdir"
  python3 - "$tree" "$bdir" <<'EOF'
import json, os, sys
tree, bdir = sys.argv[1], sys.argv[2]
skip = {'3thirdparty', bdir, '.git', 'common'}
def has_src(d):
    return any(f.endswith(('.cpp', '.cc', '.h', '.hpp')) for _, _, fs in os.walk(d) for f in fs)
mods = sorted(d for d in os.listdir(tree)
              if d not in skip and os.path.isdir(os.path.join(tree, d)) and has_src(os.path.join(tree, d)))
inc = []
for m in mods:
    inc += ['-I' + os.path.join(tree, m, 'include'), '-I' + os.path.join(tree, m)]
inc.append('-I' + os.path.join(tree, 'common'))
entries = []
for root, dirs, files in os.walk(tree):
    if root == tree:
        dirs[:] = [d for d in dirs if d not in ('3thirdparty', bdir, '.git')]
    dirs.sort()
    for f in sorted(files):
        if f.endswith('.cpp'):
            p = os.path.join(root, f)
            entries.append({'directory': tree, 'file': p,
                            'arguments': ['clang++-19', '-std=c++20', '-DCPPHTTPLIB_OPENSSL_SUPPORT',
                                          '-I' + root] + inc + ['-c', p, '-o', '/dev/null']})
json.dump(entries, open(os.path.join(tree, bdir, 'compile_commands.json'), 'w'), indent=1)
EOF
  log "$tree/$bdir/compile_commands.json: $(count_entries "$tree/$bdir/compile_commands.json") entries"
}

# ----------------------------------------------------------------------- coro
# xmake project: dependencies checked out beside it, generated headers written
# by hand, compile_commands.json written by hand.
do_coro() {
  local L=liuli-neko__coro-cpp-mcp.json tree bdir deps
  tree="$(label tree $L)"; bdir="$(label build_dir $L)"
  deps="$SDK_ROOT/coro-cpp-mcp-deps"
  apt_install clang-19 libc++-19-dev libc++abi-19-dev
  checkout "$(mirror MIRROR_CORO liuli-neko/coro-cpp-mcp)" "$tree" "$(label commit $L)"
  checkout "$(mirror MIRROR_ILIAS BusyStudent/Ilias)" "$deps/ilias" v0.4.2
  checkout "$(mirror MIRROR_NEKOPROTO liuli-neko/NekoProtoTools)" "$deps/nekoproto" 169ab0f822ab35af91fd2d5f6697febeeb63a91c
  checkout "$(mirror MIRROR_RAPIDJSON Tencent/rapidjson)" "$deps/rapidjson" 24b5e7a8b27f42fa16b96fc70aade9106cf7102f
  mkdir -p "$deps/gen/ccmcp"
  local commit short
  commit="$(git -C "$tree" rev-parse HEAD)"; short="${commit:0:7}"
  # ccmcp's config.h (xmake would make it from include/ccmcp/global/config.h.in;
  # values from the project's xmake.lua). Kept outside the tree, found via -I.
  cat >"$deps/gen/ccmcp/config.h" <<EOF
// Hand-written stand-in for the config header xmake generates for coro-cpp-mcp.
#pragma once
#define CCMCP_VERSION_STRING "0.1.0"
#define CCMCP_VERSION_MAJOR 0
#define CCMCP_VERSION_MINOR 1
#define CCMCP_VERSION_PATCH 0
#define CCMCP_VERSION_BUILD 0
#define CCMCP_GIT_COMMIT "$short"
#define CCMCP_GIT_COMMIT_LONG "$commit"
#define CCMCP_GIT_COMMIT_DATE ""
#define CCMCP_GIT_BRANCH ""
#define CCMCP_GIT_TAG ""
#define CCMCP_GIT_TAG_LONG ""
#define CCMCP_LEGAL_COPYRIGHT ""
#define CCMCP_PROJECT_NAME "coro-cpp-mcp"
#define CCMCP_NAMESPACE ccmcp
#define LATEST_PROTOCOL_VERSION "2024-11-05"
EOF
  # NekoProtoTools config (options as coro's xmake asks: rapidjson on; std::format logging).
  cat >"$deps/nekoproto/include/nekoproto/global/config.h" <<'EOF'
// Hand-written stand-in for the config header xmake generates for NekoProtoTools.
#pragma once
#define NEKOP_ROTO_VERSION_STRING "0.0.0"
#define NEKOP_ROTO_VERSION_MAJOR 0
#define NEKOP_ROTO_VERSION_MINOR 0
#define NEKOP_ROTO_VERSION_PATCH 0
#define NEKOP_ROTO_VERSION_BUILD 0
#define NEKOP_ROTO_GIT_COMMIT "169ab0f"
#define NEKOP_ROTO_GIT_COMMIT_LONG "169ab0f822ab35af91fd2d5f6697febeeb63a91c"
#define NEKOP_ROTO_GIT_COMMIT_DATE ""
#define NEKOP_ROTO_GIT_BRANCH ""
#define NEKOP_ROTO_GIT_TAG ""
#define NEKOP_ROTO_GIT_TAG_LONG ""
#define NEKO_NAMESPACE NekoProto
#define NEKO_PROTO_STATIC
#define NEKO_PROTO_USE_STD_FORMAT
#define NEKO_PROTO_ENABLE_RAPIDJSON
EOF
  # Ilias config (static build; no fmt, spdlog, io_uring or TLS).
  cat >"$deps/ilias/include/ilias/detail/config.hpp" <<'EOF'
// Hand-written stand-in for the config header xmake generates for Ilias 0.4.2.
#pragma once
#include <version>
#define ILIAS_STATIC
#define ILIAS_VERSION_MAJOR 0
#define ILIAS_VERSION_MINOR 4
#define ILIAS_VERSION_PATCH 2
#define ILIAS_GIT_COMMIT      "3269cf7"
#define ILIAS_GIT_COMMIT_LONG "3269cf74a497fd020ea59a9395970c9ebc6f28ef"
#define ILIAS_GIT_COMMIT_DATE ""
#define ILIAS_GIT_BRANCH      ""
#define ILIAS_GIT_TAG         "v0.4.2"
#define ILIAS_GIT_TAG_LONG    "v0.4.2"
#define ILIAS_GIT_CUSTOM      "v0.4.2-3269cf7"
EOF
  # libc++ 19 has no std::chrono::is_clock(_v); Ilias's task.hpp needs it.
  cat >"$deps/gen/compat_is_clock.hpp" <<'EOF'
// Shim: libc++ 19 lacks std::chrono::is_clock / is_clock_v (C++20). Force-included
// by the hand-written compile database, for syntax checks only.
#pragma once
#include <chrono>
#include <type_traits>
#if defined(_LIBCPP_VERSION) && !defined(MCP_CORPUS_IS_CLOCK_SHIM)
#define MCP_CORPUS_IS_CLOCK_SHIM 1
namespace std::chrono {
template <class _Tp, class = void>
struct is_clock : std::false_type {};
template <class _Tp>
struct is_clock<_Tp, std::void_t<typename _Tp::rep, typename _Tp::period, typename _Tp::duration,
                                 typename _Tp::time_point, decltype(_Tp::is_steady), decltype(_Tp::now())>>
    : std::true_type {};
template <class _Tp>
inline constexpr bool is_clock_v = is_clock<_Tp>::value;
} // namespace std::chrono
#endif
EOF
  mkdir -p "$tree/$bdir"
  python3 - "$tree" "$bdir" "$deps" <<'EOF'
import glob, json, os, sys
tree, bdir, deps = sys.argv[1:4]
os.chdir(tree)
files = sorted(set(glob.glob('src/*.cpp') + glob.glob('example/*/main.cpp')
                   + glob.glob('example/dev_assistant/src/**/*.cpp', recursive=True)
                   + glob.glob('test/auto/**/*.cpp', recursive=True)))
entries = []
for f in files:
    p = os.path.join(tree, f)
    a = ['clang++-19', '-std=c++23', '-stdlib=libc++', '-fexperimental-library',
         '-include', deps + '/gen/compat_is_clock.hpp',
         '-I' + deps + '/gen/ccmcp', '-I' + tree + '/include']
    if f.startswith('example/dev_assistant/'):  # its xmake target adds its include/ dir
        a.append('-I' + tree + '/example/dev_assistant/include')
    for d in ('ilias', 'nekoproto', 'rapidjson'):
        a += ['-isystem', deps + '/' + d + '/include']
    entries.append({'directory': tree, 'file': p, 'arguments': a + ['-c', p, '-o', '/dev/null']})
json.dump(entries, open(os.path.join(bdir, 'compile_commands.json'), 'w'), indent=1)
EOF
  log "$tree/$bdir/compile_commands.json: $(count_entries "$tree/$bdir/compile_commands.json") entries"
}

# ---------------------------------------------------------------------- hkr04
# The test/googletest submodule is not in the snapshot: fill the (empty)
# submodule folder with Debian's googletest sources, which test/CMakeLists.txt
# adds with add_subdirectory (git status stays clean: the folder is a gitlink).
do_hkr04() {
  local L=hkr04__cpp-mcp.json tree
  tree="$(label tree $L)"
  apt_install clang-19 googletest ninja-build cmake
  wait_for_clang
  checkout "$(mirror MIRROR_HKR04 hkr04/cpp-mcp)" "$tree" "$(label commit $L)"
  [ -f /usr/src/googletest/CMakeLists.txt ] || die "/usr/src/googletest missing (Debian package googletest)"
  mkdir -p "$tree/test/googletest"
  cp -a /usr/src/googletest/. "$tree/test/googletest/"
  cmake_configure "$tree" "$(label build_dir $L)" \
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DMCP_BUILD_TESTS=ON \
    -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_C_COMPILER=clang-19
}

# ------------------------------------------------------------------- fastmcpp
# nlohmann_json comes from Debian (FETCHCONTENT_TRY_FIND_PACKAGE_MODE=ALWAYS).
# cpp-httplib (FetchContent_Populate of v0.15.3): Debian 12's 0.11.4 is too
# old (no default constructor for httplib::Result), so the source folder is a
# stand-in holding hkr04/cpp-mcp's vendored common/httplib.h (0.19.0), copied
# from the hkr04 tree at its labelled commit (checked out here if needed).
do_fastmcpp() {
  local L=0xeb__fastmcpp.json tree hk dep
  tree="$(label tree $L)"
  hk="$(label tree hkr04__cpp-mcp.json)"
  dep="$SDK_ROOT/fastmcpp-0xeb-deps/cpp-httplib"
  apt_install clang-19 nlohmann-json3-dev ninja-build cmake
  wait_for_clang
  checkout "$(mirror MIRROR_FASTMCPP 0xeb/fastmcpp)" "$tree" "$(label commit $L)"
  checkout "$(mirror MIRROR_HKR04 hkr04/cpp-mcp)" "$hk" "$(label commit hkr04__cpp-mcp.json)"
  [ -s "$hk/common/httplib.h" ] || die "$hk/common/httplib.h missing"
  mkdir -p "$dep"
  rm -f "$dep/httplib.h"   # never write through an old symlink
  cp "$hk/common/httplib.h" "$dep/httplib.h"
  cmake_configure "$tree" "$(label build_dir $L)" \
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DFASTMCPP_BUILD_TESTS=ON -DFASTMCPP_BUILD_EXAMPLES=ON \
    -DFETCHCONTENT_TRY_FIND_PACKAGE_MODE=ALWAYS -DFETCHCONTENT_FULLY_DISCONNECTED=ON \
    "-DFETCHCONTENT_SOURCE_DIR_CPP_HTTPLIB=$dep" -DCMAKE_CXX_COMPILER=clang++-19
}

# umesoft/mcp-cpp: std::format in its OAuth code needs C++20 with libc++ on
# Debian 12, but the project sets C++17: -std=gnu++20 goes last so it wins.
do_umesoft() {
  local L=umesoft__mcp-cpp.json tree
  tree="$(label tree $L)"
  apt_install clang-19 libc++-19-dev libc++abi-19-dev libcurl4-openssl-dev \
    libssl-dev uuid-dev pkg-config ninja-build cmake
  wait_for_clang
  checkout "$(mirror MIRROR_UMESOFT umesoft/mcp-cpp)" "$tree" "$(label commit $L)"
  cmake_configure "$tree" "$(label build_dir $L)" \
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_C_COMPILER=clang-19 "-DCMAKE_CXX_FLAGS=-stdlib=libc++" \
    -DCMAKE_EXE_LINKER_FLAGS=-stdlib=libc++ \
    "-DCMAKE_CXX_COMPILE_OBJECT=<CMAKE_CXX_COMPILER> <DEFINES> <INCLUDES> <FLAGS> -std=gnu++20 -o <OBJECT> -c <SOURCE>"
}

# bdcbqa314159/mcp-cpp-sdk: stdio only; json and googletest from Debian.
do_bdcbqa() {
  local L=bdcbqa314159__mcp-cpp-sdk.json tree
  tree="$(label tree $L)"
  apt_install clang-19 nlohmann-json3-dev googletest ninja-build cmake
  wait_for_clang
  checkout "$(mirror MIRROR_BDCBQA bdcbqa314159/mcp-cpp-sdk)" "$tree" "$(label commit $L)"
  cmake_configure "$tree" "$(label build_dir $L)" \
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_C_COMPILER=clang-19 -DMCP_BUILD_EXAMPLES=ON -DMCP_BUILD_SANDBOX=ON \
    -DMCP_BUILD_TESTS=ON -DFETCHCONTENT_TRY_FIND_PACKAGE_MODE=ALWAYS \
    -DFETCHCONTENT_SOURCE_DIR_GOOGLETEST=/usr/src/googletest
}

for s in "${SDKS[@]}"; do
  case "$s" in
    yurirocha15|vparla|vogler75|1ay1|openeuler|coro|hkr04|fastmcpp|umesoft|bdcbqa) log "SDK $s"; "do_$s" ;;
    *) die "unknown SDK '$s' (want: yurirocha15 vparla vogler75 1ay1 openeuler coro hkr04 fastmcpp umesoft bdcbqa)" ;;
  esac
done
log "done"
