# shellcheck shell=bash
# Shared by scripts/build-static-deps.sh and scripts/build-mingw-deps.sh: fetching Debian SOURCE
# packages with `apt-get source`, which needs a `deb-src` entry. We add one in a file of our own,
# mirroring the archive, keyring and components of the enabled `deb` entry for this release.
#
# Source it after defining log() and die(); it defines:
#   deb_src_find_entry CODENAME   prints "URI<TAB>SIGNED_BY<TAB>COMPONENTS" of the first `deb` entry
#   deb_src_ensure                adds the deb-src entry to $DEB_SRC_LIST (if missing) + apt-get update
#   deb_src_unpacked WORK PKG     prints the unpacked source dir of PKG in WORK (nothing if none)
#   deb_src_fetch WORK PKG        `apt-get source PKG` into WORK once; prints the unpacked dir
# Env: DEB_SRC_LIST (default /etc/apt/sources.list.d/iocscan-src.list), SUDO (default: sudo unless
# root; only deb_src_ensure needs root).

DEB_SRC_LIST="${DEB_SRC_LIST:-/etc/apt/sources.list.d/iocscan-src.list}"
if [ -z "${SUDO+x}" ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
fi

# Prints "URI<TAB>SIGNED_BY<TAB>COMPONENTS" of the first enabled `deb` entry whose suite is exactly
# $1, from the one-line sources.list files and the deb822 .sources files apt reads.
deb_src_find_entry() {
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

deb_src_ensure() {
  local codename entry uri signed comps line
  codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
  [ -n "$codename" ] || die "cannot tell the Debian codename from /etc/os-release"
  entry="$(deb_src_find_entry "$codename" | head -n 1)"
  [ -n "$entry" ] || die "no 'deb' entry for suite '$codename' in /etc/apt/sources.list{,.d/*}"
  IFS=$'\t' read -r uri signed comps <<<"$entry"
  # Only the archive's own components that exist as sources; main is all we need.
  line="deb-src${signed:+ [signed-by=$signed]} $uri $codename ${comps:-main}"
  if [ -f "$DEB_SRC_LIST" ] && grep -qxF "$line" "$DEB_SRC_LIST"; then
    log "deb-src entry present in $DEB_SRC_LIST"
  else
    log "adding '$line' to $DEB_SRC_LIST"
    printf '# Added by iocscan scripts/lib/deb-src.sh (apt-get source for scripts/build-*-deps.sh)\n%s\n' \
      "$line" | $SUDO tee "$DEB_SRC_LIST" >/dev/null
  fi
  $SUDO apt-get update -q >&2
}

# Prints the newest unpacked source directory of package $2 in $1, or nothing.
deb_src_unpacked() {
  local work="$1" pkg="$2"
  find "$work" -mindepth 1 -maxdepth 1 -type d -name "$pkg-[0-9]*" | sort | tail -n 1
}

# Fetches (once) the Debian source of $2 into $1 and prints the unpacked directory.
deb_src_fetch() {
  local work="$1" pkg="$2" dir
  dir="$(deb_src_unpacked "$work" "$pkg")"
  if [ -z "$dir" ]; then
    command -v dpkg-source >/dev/null || die "dpkg-source missing: install dpkg-dev"
    (cd "$work" && apt-get source -q "$pkg" >&2) || die "apt-get source $pkg failed"
    dir="$(deb_src_unpacked "$work" "$pkg")"
  fi
  [ -n "$dir" ] || die "no unpacked source of $pkg in $work"
  echo "$dir"
}
