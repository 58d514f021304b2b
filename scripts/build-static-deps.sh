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
SRC_LIST=/etc/apt/sources.list.d/iocscan-src.list
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

log() { echo "build-static-deps: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# True when PREFIX already holds lib<name>.a and <pc>.pc.
have() {
  local lib="$1" pc="$2" d
  for d in lib lib64 lib/x86_64-linux-gnu; do
    if [ -f "$PREFIX/$d/lib$lib.a" ] && [ -f "$PREFIX/$d/pkgconfig/$pc.pc" ]; then return 0; fi
  done
  return 1
}

# Prints "URI<TAB>SIGNED_BY<TAB>COMPONENTS" of the first enabled `deb` entry whose suite is exactly
# $1, from the one-line sources.list files and the deb822 .sources files apt reads.
find_deb_entry() {
  local codename="$1" f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    # deb [opt=val ...] URI SUITE COMP...
    awk -v s="$codename" '
      $1 == "deb" {
        i = 2; signed = ""
        if ($i ~ /^\[/) {
          while (i <= NF) {
            o = $i; gsub(/[\[\]]/, "", o)
            if (o ~ /^signed-by=/) { sub(/^signed-by=/, "", o); signed = o }
            if ($i ~ /\]$/) { i++; break }
            i++
          }
        }
        uri = $i; suite = $(i + 1); comps = ""
        for (j = i + 2; j <= NF; j++) comps = comps (comps ? " " : "") $j
        if (suite == s) { print uri "\t" signed "\t" comps; exit }
      }' "$f"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v s="$codename" '
      function flush() {
        if (types ~ /(^| )deb( |$)/ && enabled != "no" && (" " suites " ") ~ (" " s " ")) {
          split(uris, u, " "); print u[1] "\t" signed "\t" comps; found = 1
        }
        types = suites = uris = signed = comps = ""; enabled = "yes"
      }
      BEGIN { enabled = "yes" }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); if (found) exit; next }
      {
        key = tolower($1); sub(/:$/, "", key); val = $0; sub(/^[^:]*:[ \t]*/, "", val)
        if (key == "types") types = val
        else if (key == "suites") suites = val
        else if (key == "uris") uris = val
        else if (key == "signed-by") signed = val
        else if (key == "components") comps = val
        else if (key == "enabled") enabled = tolower(val)
      }
      END { if (!found) flush() }' "$f"
  done
}

ensure_deb_src() {
  local codename entry uri signed comps line
  codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
  [ -n "$codename" ] || die "cannot tell the Debian codename from /etc/os-release"
  entry="$(find_deb_entry "$codename" | head -n 1)"
  [ -n "$entry" ] || die "no 'deb' entry for suite '$codename' in /etc/apt/sources.list{,.d/*}"
  IFS=$'\t' read -r uri signed comps <<<"$entry"
  # Only the archive's own components that exist as sources; main is all we need.
  line="deb-src${signed:+ [signed-by=$signed]} $uri $codename ${comps:-main}"
  if [ -f "$SRC_LIST" ] && grep -qxF "$line" "$SRC_LIST"; then
    log "deb-src entry present in $SRC_LIST"
  else
    log "adding '$line' to $SRC_LIST"
    printf '# Added by iocscan scripts/build-static-deps.sh (apt-get source tinyxml2 libzip)\n%s\n' \
      "$line" | $SUDO tee "$SRC_LIST" >/dev/null
  fi
  $SUDO apt-get update -q >&2
}

# Fetches (once) the Debian source of $1 into $WORK and prints the unpacked directory.
fetch_source() {
  local pkg="$1" dir
  dir="$(find "$WORK" -mindepth 1 -maxdepth 1 -type d -name "$pkg-[0-9]*" | sort | tail -n 1)"
  if [ -z "$dir" ]; then
    command -v dpkg-source >/dev/null || die "dpkg-source missing: install dpkg-dev"
    (cd "$WORK" && apt-get source -q "$pkg" >&2) || die "apt-get source $pkg failed"
    dir="$(find "$WORK" -mindepth 1 -maxdepth 1 -type d -name "$pkg-[0-9]*" | sort | tail -n 1)"
  fi
  [ -n "$dir" ] || die "no unpacked source of $pkg in $WORK"
  echo "$dir"
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
    find "$WORK" -mindepth 1 -maxdepth 1 -type d -name "$pkg-[0-9]*" | grep -q . || missing=1
  done
  [ "$missing" -eq 0 ] || ensure_deb_src

  for pkg in "${need[@]}"; do
    local src
    src="$(fetch_source "$pkg")"
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
