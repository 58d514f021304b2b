#!/usr/bin/env bash
# Cross-builds iocscan's compiled dependencies for 64-bit Windows (x86_64-w64-mingw32) as static
# libraries from Debian 12's own SOURCE packages, into a prefix used with the toolchain file:
#
#   scripts/install-deps.sh --windows          # mingw-w64, libz-mingw-w64-dev, wine, perl, ...
#   scripts/build-mingw-deps.sh                # -> <repo>/.deps/mingw (gitignored)
#   cmake -S . -B build-win -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-w64-x86_64.cmake \
#         -DIOCSCAN_DEPS_PREFIX=$PWD/.deps/mingw
#
# PREFIX layout:
#   lib/lib{tinyxml2,zip,re2,sqlite3}.a
#   lib/pkgconfig/{tinyxml2,libzip,re2,sqlite3}.pc, zlib.pc (-> mingw's, from libz-mingw-w64-dev)
#   include/                  headers of those four libraries
#   header-only/              ONLY fmt/ CLI/ toml++/ nlohmann/ catch2/ (symlinks into the Debian
#                             -dev packages), so /usr/include never lands on the include path
# Use PKG_CONFIG_LIBDIR=PREFIX/lib/pkgconfig (the toolchain file sets it when IOCSCAN_DEPS_PREFIX is
# given). Link the .exe with -static (mingw also ships libz.dll.a: without -static, -lz means
# zlib1.dll) and define FMT_HEADER_ONLY; ZIP_STATIC comes from the installed zipconf.h.
#
# Usage: scripts/build-mingw-deps.sh [PREFIX]     (default: <repo>/.deps/mingw)
# Env:   IOCSCAN_DEPS_WORK  where sources are fetched and built (default: <repo>/.deps/src, shared
#                           with scripts/build-static-deps.sh; build dirs are _build-mingw*)
#        JOBS               parallel build jobs (default 2)
# Idempotent: a library whose archive and pkg-config file are already in PREFIX is skipped, and
# nothing is downloaded when every source is unpacked. Needs root (or sudo) only to add the deb-src
# entry (scripts/lib/deb-src.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX="$(mkdir -p "${1:-$ROOT/.deps/mingw}" && cd "${1:-$ROOT/.deps/mingw}" && pwd)"
WORK="${IOCSCAN_DEPS_WORK:-$ROOT/.deps/src}"
JOBS="${JOBS:-2}"
TOOLCHAIN="$ROOT/cmake/mingw-w64-x86_64.cmake"
TRIPLET=x86_64-w64-mingw32
MINGW_ROOT="/usr/$TRIPLET"
HEADER_ONLY=(fmt CLI toml++ nlohmann catch2)

log() { echo "build-mingw-deps: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# deb_src_ensure / deb_src_unpacked / deb_src_fetch (shared with scripts/build-static-deps.sh)
. "$ROOT/scripts/lib/deb-src.sh"

# True when PREFIX already holds lib<name>.a and <pc>.pc.
have() { [ -f "$PREFIX/lib/lib$1.a" ] && [ -f "$PREFIX/lib/pkgconfig/$2.pc" ]; }

have_header_only() {
  local d
  for d in "${HEADER_ONLY[@]}"; do [ -e "$PREFIX/header-only/$d" ] || return 1; done
  [ -e "$PREFIX/lib/pkgconfig/zlib.pc" ]
}

check_tools() {
  local t missing=()
  for t in "$TRIPLET-gcc-posix" "$TRIPLET-g++-posix" "$TRIPLET-ar" cmake make; do
    command -v "$t" >/dev/null || missing+=("$t")
  done
  [ -f "$MINGW_ROOT/lib/libz.a" ] || missing+=("$MINGW_ROOT/lib/libz.a (libz-mingw-w64-dev)")
  if ! have re2 re2; then
    command -v perl >/dev/null || missing+=(perl)
    command -v python3 >/dev/null || missing+=(python3)
    [ -f /usr/share/unicode/UnicodeData.txt ] || missing+=("/usr/share/unicode (unicode-data)")
  fi
  if ! have sqlite3 sqlite3; then
    command -v tclsh >/dev/null || missing+=("tclsh (tcl)")
    command -v cc >/dev/null || missing+=("cc (build-essential)")
  fi
  [ "${#missing[@]}" -eq 0 ] || die "missing: ${missing[*]} (run scripts/install-deps.sh --windows)"
}

# Configures, builds and installs one CMake project ($1 = source dir, $2 = build dir) for Windows,
# with extra cmake args; CMAKE_TARGETS (if set) limits the build to that target.
cmake_cross() {
  local src="$1" bld="$2"; shift 2
  cmake -S "$src" -B "$bld" -G "Unix Makefiles" \
    -DCMAKE_TOOLCHAIN_FILE="$TOOLCHAIN" -DIOCSCAN_DEPS_PREFIX="$PREFIX" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$PREFIX" -DCMAKE_INSTALL_LIBDIR=lib \
    -DCMAKE_INSTALL_INCLUDEDIR=include -DBUILD_SHARED_LIBS=OFF -DBUILD_TESTING=OFF \
    "$@" >&2
  local targets=()
  [ -z "${CMAKE_TARGETS:-}" ] || targets=(--target "$CMAKE_TARGETS")
  cmake --build "$bld" -j "$JOBS" "${targets[@]}" >&2
  cmake --install "$bld" >&2
}

build_tinyxml2() {
  local src="$1"
  cmake_cross "$src" "$src/_build-mingw" -Dtinyxml2_BUILD_TESTING=OFF
}

build_libzip() {
  local src="$1"
  # zlib from libz-mingw-w64-dev, named as its static archive (FindZLIB would take libz.dll.a);
  # no bzip2/lzma (1.7.3 has no zstd), no crypto (iocscan refuses encrypted entries), no tools.
  cmake_cross "$src" "$src/_build-mingw" \
    -DZLIB_LIBRARY="$MINGW_ROOT/lib/libz.a" -DZLIB_INCLUDE_DIR="$MINGW_ROOT/include" \
    -DENABLE_BZIP2=OFF -DENABLE_LZMA=OFF \
    -DENABLE_COMMONCRYPTO=OFF -DENABLE_GNUTLS=OFF -DENABLE_OPENSSL=OFF -DENABLE_MBEDTLS=OFF \
    -DENABLE_WINDOWS_CRYPTO=OFF \
    -DBUILD_TOOLS=OFF -DBUILD_REGRESS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_DOC=OFF
  # zip.h marks every function __declspec(dllimport) on _WIN32 unless ZIP_STATIC is defined: the
  # static build's generated zipconf.h (included by zip.h) defines it, so consumers need nothing.
  grep -q '^#define ZIP_STATIC' "$PREFIX/include/zipconf.h" || die "zipconf.h lacks ZIP_STATIC"
}

build_re2() {
  local src="$1" t missing=()
  # The +dfsg source omits the generated Unicode/Perl tables: regenerate them as debian/rules does
  # (REBUILD_TABLES=1; Debian's patch reads /usr/share/unicode from unicode-data).
  for t in perl_groups unicode_casefold unicode_groups; do
    [ -s "$src/re2/$t.cc" ] || missing+=("re2/$t.cc")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "re2: regenerating ${missing[*]}"
    make -C "$src" REBUILD_TABLES=1 "${missing[@]}" >&2
  fi
  CMAKE_TARGETS=re2 cmake_cross "$src" "$src/_build-mingw" -DRE2_BUILD_TESTING=OFF
  # re2's CMake installs no .pc file: fill in the Makefile's template as `make install` does.
  sed -e "s#@includedir@#$PREFIX/include#" -e "s#@libdir@#$PREFIX/lib#" "$src/re2.pc" \
    >"$PREFIX/lib/pkgconfig/re2.pc"
}

build_sqlite3() {
  local src="$1" amalg="$1/_build-amalgamation" cm="$1/_build-mingw-cmake" version
  version="$(cat "$src/VERSION")"
  # 1. The amalgamation (sqlite3.c + sqlite3.h) from Debian's full source, with native tools.
  if [ ! -s "$amalg/sqlite3.c" ] || [ ! -s "$amalg/sqlite3.h" ]; then
    log "sqlite3: generating the amalgamation in $amalg"
    mkdir -p "$amalg"
    (cd "$amalg" && "$src/configure" --disable-tcl --disable-shared >&2 && make sqlite3.c >&2)
  fi
  # 2. Cross-compile it alone into a static library with the toolchain file.
  mkdir -p "$cm"
  cat >"$cm/CMakeLists.txt" <<EOF
# Generated by iocscan scripts/build-mingw-deps.sh
cmake_minimum_required(VERSION 3.13)
project(sqlite3 VERSION $version LANGUAGES C)
add_library(sqlite3 STATIC "$amalg/sqlite3.c")
# Deserialize (sqlite3_deserialize) is built in since 3.36: SQLITE_OMIT_DESERIALIZE stays unset.
target_compile_definitions(sqlite3 PRIVATE SQLITE_THREADSAFE=1 SQLITE_OMIT_LOAD_EXTENSION=1)
install(TARGETS sqlite3 ARCHIVE DESTINATION lib)
install(FILES "$amalg/sqlite3.h" "$amalg/sqlite3ext.h" DESTINATION include)
EOF
  [ -f "$amalg/sqlite3ext.h" ] || cp "$src/src/sqlite3ext.h" "$amalg/sqlite3ext.h"
  # -O2 as Debian builds it (Release would be -O3: slower to compile the 8 MB file, no gain).
  cmake_cross "$cm" "$cm/_build" -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG"
  cat >"$PREFIX/lib/pkgconfig/sqlite3.pc" <<EOF
prefix=$PREFIX
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: SQLite
Description: SQL database engine (static, x86_64-w64-mingw32, SQLITE_THREADSAFE=1, SQLITE_OMIT_LOAD_EXTENSION)
Version: $version
Libs: -L\${libdir} -lsqlite3
Cflags: -I\${includedir}
EOF
}

# The header-only libraries the project uses, alone in one folder (never /usr/include itself), and
# mingw's zlib.pc beside our .pc files so PKG_CONFIG_LIBDIR=PREFIX/lib/pkgconfig finds everything.
link_header_only() {
  local d pkg
  mkdir -p "$PREFIX/header-only" "$PREFIX/lib/pkgconfig"
  for d in "${HEADER_ONLY[@]}"; do
    case "$d" in
      fmt) pkg=libfmt-dev ;; CLI) pkg=libcli11-dev ;; toml++) pkg=libtomlplusplus-dev ;;
      nlohmann) pkg=nlohmann-json3-dev ;; catch2) pkg=catch2 ;;
    esac
    [ -d "/usr/include/$d" ] || die "/usr/include/$d missing: install $pkg"
    ln -sfn "/usr/include/$d" "$PREFIX/header-only/$d"
  done
  [ -f "$MINGW_ROOT/lib/pkgconfig/zlib.pc" ] || die "$MINGW_ROOT/lib/pkgconfig/zlib.pc missing: install libz-mingw-w64-dev"
  ln -sfn "$MINGW_ROOT/lib/pkgconfig/zlib.pc" "$PREFIX/lib/pkgconfig/zlib.pc"
  log "header-only: ${HEADER_ONLY[*]} -> $PREFIX/header-only (symlinks into /usr/include)"
}

main() {
  mkdir -p "$WORK" "$PREFIX/lib/pkgconfig"
  WORK="$(cd "$WORK" && pwd)"
  [ -f "$TOOLCHAIN" ] || die "no toolchain file $TOOLCHAIN"
  if have_header_only; then log "header-only folder already in $PREFIX"; else link_header_only; fi

  local need=() spec pkg lib pc
  for spec in tinyxml2:tinyxml2:tinyxml2 libzip:zip:libzip re2:re2:re2 sqlite3:sqlite3:sqlite3; do
    IFS=: read -r pkg lib pc <<<"$spec"
    if have "$lib" "$pc"; then
      log "$pkg already in $PREFIX (lib/lib$lib.a, lib/pkgconfig/$pc.pc): skipped"
    else
      need+=("$pkg")
    fi
  done
  if [ "${#need[@]}" -eq 0 ]; then
    log "done: everything already in $PREFIX"
    return 0
  fi
  check_tools
  # Only go to the network when a source is not unpacked yet.
  local to_fetch=0
  for pkg in "${need[@]}"; do
    [ -n "$(deb_src_unpacked "$WORK" "$pkg")" ] || to_fetch=1
  done
  [ "$to_fetch" -eq 0 ] || deb_src_ensure

  local src start
  for pkg in "${need[@]}"; do
    src="$(deb_src_fetch "$WORK" "$pkg")"
    log "building $pkg for $TRIPLET from $src into $PREFIX (JOBS=$JOBS)"
    start=$SECONDS
    "build_$pkg" "$src"
    log "$pkg built in $((SECONDS - start)) s"
  done
  have tinyxml2 tinyxml2 || die "tinyxml2 did not install libtinyxml2.a + tinyxml2.pc into $PREFIX"
  have zip libzip || die "libzip did not install libzip.a + libzip.pc into $PREFIX"
  have re2 re2 || die "re2 did not install libre2.a + re2.pc into $PREFIX"
  have sqlite3 sqlite3 || die "sqlite3 did not install libsqlite3.a + sqlite3.pc into $PREFIX"
  log "done: $PREFIX (PKG_CONFIG_LIBDIR=$PREFIX/lib/pkgconfig)"
}

main
