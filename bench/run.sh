#!/usr/bin/env bash
# iocscan scan speed and memory next to baselines (rhash, sha256sum, clamscan, yara, find)
# measured in the same run. Informational, not a test: always exits 0 unless it cannot start.
#
#   bench/run.sh --quick                 # about a minute: /usr/include, 1 run, no clamscan/yara
#   bench/run.sh                         # /usr/share + /usr/include, 3 runs, every baseline
#   bench/run.sh --roots /opt /srv --runs 5 --skip yara
#   IOCSCAN=/path/to/iocscan bench/run.sh
#
# It builds nothing: build iocscan first (see bench/README.md). Missing baseline tools are
# installed with apt-get when run as root (--no-install to prevent); those that cannot be
# installed are reported as "skipped".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v python3 >/dev/null 2>&1; then
  echo "bench: python3 is required" >&2
  exit 2
fi
exec python3 "$here/bench.py" "$@"
