#!/usr/bin/env bash
# Installs every Debian 12 package iocscan needs to build, test and benchmark.
# Usage: scripts/install-deps.sh            (build + tests; dpkg-dev is for apt-get source in
#                                           scripts/build-static-deps.sh; tzdata for the job DST tests)
#        scripts/install-deps.sh --windows  also the Windows cross build: mingw-w64 (posix threads),
#                                           its zlib, Wine to run the .exe tests, and what
#                                           scripts/build-mingw-deps.sh needs to build re2 (perl,
#                                           unicode-data) and the sqlite3 amalgamation (tcl)
set -euo pipefail
WINDOWS=0
for arg in "$@"; do
  case "$arg" in
    --windows) WINDOWS=1 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "install-deps: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
PACKAGES=(
  build-essential cmake pkg-config ca-certificates file
  libcli11-dev libtinyxml2-dev libfmt-dev libre2-dev libzip-dev catch2
  libssl-dev nlohmann-json3-dev libtomlplusplus-dev
  libsqlite3-dev
  zlib1g-dev libbz2-dev liblzma-dev libzstd-dev
  clang libclang-rt-14-dev zip python3
  dpkg-dev tzdata
)
if [ "$WINDOWS" -eq 1 ]; then
  # With --no-install-recommends, wine64 alone brings no /usr/bin/wine launcher: name `wine` too.
  PACKAGES+=(
    g++-mingw-w64-x86-64-posix libz-mingw-w64-dev
    wine wine64
    perl unicode-data tcl
  )
fi
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${PACKAGES[@]}"
