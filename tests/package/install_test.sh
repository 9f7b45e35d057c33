#!/usr/bin/env bash
# The Debian package as a CI user gets it: built by CPack from a build
# folder, installed with apt (which pulls Debian's LLVM/Clang 19 libraries),
# run from /usr/bin on the legacy example (its findings must be the golden
# text's), and removed. Needs root: it changes the machine's packages, so
# .ci/setup runs it, not ctest.
#   tests/package/install_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
cd "$(dirname "$0")/../.."
[ "$(id -u)" = 0 ] || { echo "install_test: needs root (apt-get install)" >&2; exit 2; }
rm -f "$build"/mcp-cutover_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
debs=("$build"/mcp-cutover_*.deb)
[ ${#debs[@]} = 1 ] || { echo "install_test: expected one package, got ${debs[*]}" >&2; exit 1; }
trap 'DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq mcp-cutover >/dev/null 2>&1 || true' EXIT
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${debs[0]}" >/dev/null
version=$(/usr/bin/mcp-cutover --version)
want=$(sed -n 's/^project(mcp-cutover VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
[ "$version" = "$want" ] || { echo "install_test: --version says '$version', not '$want'" >&2; exit 1; }
set +e
/usr/bin/mcp-cutover check fixtures/legacy-cart-server --root . --color never --quiet \
  > "$build/package-legacy.txt"
code=$?
set -e
[ "$code" = 1 ] || { echo "install_test: exit $code on the legacy example, wanted 1" >&2; exit 1; }
diff -u tests/golden/legacy-cart-server.txt "$build/package-legacy.txt" >&2 ||
  { echo "install_test: the installed binary's findings differ from the golden text" >&2; exit 1; }
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq mcp-cutover >/dev/null
trap - EXIT
! command -v mcp-cutover >/dev/null || [ "$(command -v mcp-cutover)" != /usr/bin/mcp-cutover ] ||
  { echo "install_test: /usr/bin/mcp-cutover is still there after removal" >&2; exit 1; }
echo "install_test: ${debs[0]##*/} installed, ran the legacy example, removed" >&2
