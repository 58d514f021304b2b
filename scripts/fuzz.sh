#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang and runs each for SECONDS.
#
# Usage: scripts/fuzz.sh SECONDS [TARGET...]        (default: every target of tests/fuzz)
# Env:   IOCSCAN_FUZZ_BUILD   build dir (default <repo>/build-fuzz)
#        IOCSCAN_SHARED_DIR   holds corpus/ (default <repo>/../shared); its files seed the runs
#        JOBS                 parallel build jobs (default 2)
#
# Each target starts from a seed corpus assembled in a temp dir (never in the repository): files of
# tests/ and samples/ matching the target's globs, the same from ../shared/corpus when it exists, and
# what the target's seed script generates (ZIPs of those IOCs, small PE images). New inputs found
# during the run stay in that temp dir and are deleted; crash/leak/timeout reproducers are kept in
# <build>/fuzz-artifacts/. Exit status: 0 when no target crashed, 1 otherwise.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECS="${1:-}"
[[ "$SECS" =~ ^[0-9]+$ ]] || { echo "usage: scripts/fuzz.sh SECONDS [TARGET...]" >&2; exit 2; }
shift
BUILD="${IOCSCAN_FUZZ_BUILD:-$ROOT/build-fuzz}"
SHARED="${IOCSCAN_SHARED_DIR:-$ROOT/../shared}"
JOBS="${JOBS:-2}"
ARTIFACTS="$BUILD/fuzz-artifacts"
LOGS="$BUILD/fuzz-logs"

log() { echo "fuzz: $*" >&2; }

# --- build -----------------------------------------------------------------------------------------
# -O1 -g with assertions on: fast enough to fuzz, readable stacks, asserts are free crash oracles.
CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD" -DIOCSCAN_FUZZ=ON -DIOCSCAN_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG="-O1 -g" -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" >/dev/null
MANIFEST="$BUILD/fuzz_targets.tsv"
[ -s "$MANIFEST" ] || { log "no fuzz targets in $MANIFEST"; exit 1; }

declare -a names=() rows=()
while IFS= read -r row; do
  name="${row%%$'\t'*}"
  if [ "$#" -gt 0 ] && ! printf '%s\n' "$@" | grep -qxF "$name"; then continue; fi
  names+=("$name"); rows+=("$row")
done <"$MANIFEST"
[ "${#names[@]}" -gt 0 ] || { log "no target matches: $*"; exit 2; }
log "building ${names[*]}"
cmake --build "$BUILD" -j "$JOBS" --target "${names[@]}"

# --- seeds and runs --------------------------------------------------------------------------------
TMP="$(mktemp -d "${TMPDIR:-/tmp}/iocscan-fuzz.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$ARTIFACTS" "$LOGS"
search_dirs=("$ROOT/tests" "$ROOT/samples")
if [ -d "$SHARED/corpus" ]; then
  search_dirs+=("$SHARED/corpus")
else
  log "no $SHARED/corpus: seeding from the repository only"
fi

# Copies files matching the globs ($2, space-separated; "-" for none) from the search dirs into $1,
# named by content hash (duplicates collapse).
collect_seeds() {
  local dest="$1" globs="$2" g f
  [ "$globs" != "-" ] || return 0
  local -a expr=()
  for g in $globs; do expr+=(-o -iname "$g"); done
  [ "${#expr[@]}" -gt 0 ] || return 0
  for d in "${search_dirs[@]}"; do
    [ -d "$d" ] || continue
    find "$d" -type f \( "${expr[@]:1}" \) -print0
  done | while IFS= read -r -d '' f; do
    cp "$f" "$dest/$(sha1sum "$f" | cut -c1-40)"
  done
}

failed=()
for row in "${rows[@]}"; do
  IFS=$'\t' read -r name bin max_len globs script dict <<<"$row"
  corpus="$TMP/$name"
  mkdir -p "$corpus"
  set -f  # globs stay patterns for find
  collect_seeds "$corpus" "$globs"
  set +f
  if [ "$script" != "-" ]; then
    python3 "$script" "$TMP/$name-generated" "${search_dirs[@]}"
    cp "$TMP/$name-generated"/* "$corpus/" 2>/dev/null || true
  fi
  seeds="$(find "$corpus" -type f | wc -l)"
  args=(-max_total_time="$SECS" -max_len="$max_len" -rss_limit_mb=2048 -timeout=30
        -print_final_stats=1 -artifact_prefix="$ARTIFACTS/$name-")
  [ "$dict" = "-" ] || args+=(-dict="$dict")
  log "$name: ${SECS}s, $seeds seed(s), max_len $max_len, log $LOGS/$name.log"
  rm -f "$ARTIFACTS/$name"-*
  start=$SECONDS
  if ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" \
     UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
     "$bin" "${args[@]}" "$corpus" >"$LOGS/$name.log" 2>&1; then
    runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$LOGS/$name.log" | grep -o '[0-9]*$' || true)"
    cov="$(grep -o 'cov: [0-9]*' "$LOGS/$name.log" | tail -n 1 || true)"
    log "$name: OK after $((SECONDS - start))s, ${runs:-?} runs, ${cov:-cov: ?}, corpus $(find "$corpus" -type f | wc -l)"
  else
    log "$name: FAILED after $((SECONDS - start))s; end of its log:"
    tail -n 80 "$LOGS/$name.log" >&2
    log "$name: reproducer(s): $(ls "$ARTIFACTS"/"$name"-* 2>/dev/null | tr '\n' ' ')"
    failed+=("$name")
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  log "FAILED: ${failed[*]}"
  exit 1
fi
log "all targets clean: ${names[*]}"
