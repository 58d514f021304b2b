#!/usr/bin/env bash
# Builds static tinyxml2 and libzip from Debian's own source packages into a prefix, for the fully
# static iocscan (-DIOCSCAN_STATIC=ON -DIOCSCAN_DEPS_PREFIX=PREFIX).
#
# Why: Debian 12 ships libre2.a, libcrypto.a, libz.a, libbz2.a, liblzma.a and libzstd.a, but no static
# archive of tinyxml2 or libzip. We never copy their code into this repository: we fetch the exact
# Debian sources with `apt-get source` (which needs a deb-src entry, added here in a file of our own)
# and build them with their own CMake.
#
# Usage: scripts/build-static-deps.sh [PREFIX]     (default: <repo>/.deps/prefix, gitignored)
# Env:   IOCSCAN_DEPS_WORK  where sources are fetched and built (default: <repo>/.deps/src)
#        JOBS               parallel build jobs (default 2)
# Idempotent: a library whose archive and pkg-config file are already in PREFIX is skipped, and
# nothing is downloaded when both are there. Needs root (or sudo) only to add the deb-src entry.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX="$(mkdir -p "${1:-$ROOT/.deps/prefix}" && cd "${1:-$ROOT/.deps/prefix}" && pwd)"
WORK="${IOCSCAN_DEPS_WORK:-$ROOT/.deps/src}"
JOBS="${JOBS:-2}"

log() { echo "build-static-deps: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# deb_src_ensure / deb_src_unpacked / deb_src_fetch (shared with scripts/build-mingw-deps.sh)
. "$ROOT/scripts/lib/deb-src.sh"

# True when PREFIX already holds lib<name>.a and <pc>.pc.
have() {
  local lib="$1" pc="$2" d
  for d in lib lib64 lib/x86_64-linux-gnu; do
    if [ -f "$PREFIX/$d/lib$lib.a" ] && [ -f "$PREFIX/$d/pkgconfig/$pc.pc" ]; then return 0; fi
  done
  return 1
}

# Configures, builds and installs one CMake project ($1 = source dir) with extra args.
cmake_install() {
  local src="$1"; shift
  local bld="$src/_build-static"
  cmake -S "$src" -B "$bld" -G "Unix Makefiles" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$PREFIX" -DCMAKE_INSTALL_LIBDIR=lib \
    -DBUILD_SHARED_LIBS=OFF -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DBUILD_TESTING=OFF \
    "$@" >&2
  cmake --build "$bld" -j "$JOBS" >&2
  cmake --install "$bld" >&2
}

main() {
  mkdir -p "$WORK"
  WORK="$(cd "$WORK" && pwd)"
  local need=()
  have tinyxml2 tinyxml2 || need+=(tinyxml2)
  have zip libzip || need+=(libzip)
  if [ "${#need[@]}" -eq 0 ]; then
    log "tinyxml2 and libzip already in $PREFIX"
    return 0
  fi
  # Only go to the network when a source is not unpacked yet.
  local pkg missing=0
  for pkg in "${need[@]}"; do
    [ -n "$(deb_src_unpacked "$WORK" "$pkg")" ] || missing=1
  done
  [ "$missing" -eq 0 ] || deb_src_ensure

  for pkg in "${need[@]}"; do
    local src
    src="$(deb_src_fetch "$WORK" "$pkg")"
    log "building $pkg from $src into $PREFIX"
    case "$pkg" in
      tinyxml2)
        cmake_install "$src" -Dtinyxml2_BUILD_TESTING=OFF
        ;;
      libzip)
        # No crypto back end (iocscan refuses encrypted entries) and no tools; compression libraries
        # stay on, they come from Debian's static archives at link time.
        cmake_install "$src" \
          -DENABLE_COMMONCRYPTO=OFF -DENABLE_GNUTLS=OFF -DENABLE_OPENSSL=OFF -DENABLE_MBEDTLS=OFF \
          -DENABLE_WINDOWS_CRYPTO=OFF -DENABLE_BZIP2=ON -DENABLE_LZMA=ON -DENABLE_ZSTD=ON \
          -DBUILD_TOOLS=OFF -DBUILD_REGRESS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_DOC=OFF
        ;;
    esac
  done
  have tinyxml2 tinyxml2 || die "tinyxml2 did not install libtinyxml2.a + tinyxml2.pc into $PREFIX"
  have zip libzip || die "libzip did not install libzip.a + libzip.pc into $PREFIX"
  log "done: $PREFIX"
}

main
