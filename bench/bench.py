#!/usr/bin/env python3
"""iocscan scan speed and memory next to baselines measured in the same run.

Not a test: it prints figures, ratios and the issue's targets as "met / not met",
and exits 0 whatever the figures are. See bench/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_ROOTS = ["/usr/share", "/usr/include"]
QUICK_ROOTS = ["/usr/include"]
DEFAULT_SIZES = [10, 1000, 10000]
BASELINES = ["rhash", "sha256sum", "clamscan", "yara", "find"]
# The tools and the Debian packages that hold them.
PACKAGES = {"rhash": "rhash", "sha256sum": "coreutils", "clamscan": "clamav", "yara": "yara",
            "find": "findutils", "xargs": "findutils", "/usr/bin/time": "time"}
N_REAL_HASHES = 3
N_RANDOM_NAMES = 3      # FileName terms in the hash sets that match nothing
N_NAME_ONLY = 10        # FileName terms in the name-only set (3 of them real names)

# Targets from the issue (informational).
TARGET_FLOOR_RATIO = 1.2      # iocscan / rhash floor, at every set size
TARGET_SIZE_SLOWDOWN = 1.10   # iocscan 10,000 terms / iocscan 10 terms
TARGET_NAMES_RATIO = 1.5      # iocscan name-only / find
TARGET_RSS_MB = 100.0         # iocscan peak RSS

CLAMSCAN_OPTS = [
    # Hash signatures only: no unpacking or parsing that rhash, yara and iocscan do not do either.
    "--no-summary", "--infected", "--bytecode=no", "--scan-archive=no", "--scan-pe=no",
    "--scan-elf=no", "--scan-ole2=no", "--scan-pdf=no", "--scan-swf=no", "--scan-html=no",
    "--scan-xmldocs=no", "--scan-hwp3=no", "--scan-onenote=no", "--scan-mail=no",
    "--scan-image=no", "--scan-image-fuzzy-hash=no", "--phishing-sigs=no",
    "--phishing-scan-urls=no", "--max-filesize=512M", "--max-scansize=512M",
]


def log(msg: str = "") -> None:
    print(msg, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------------------------
# Running and measuring one command

@dataclass
class Run:
    seconds: float
    rss_kb: int          # largest resident set of the process or any of its waited-for children
    rc: int
    timed_out: bool
    cpu: float = -1.0    # user + system seconds of the command and its children (-1: unknown)


def gnu_time() -> str | None:
    """/usr/bin/time when it is GNU time (its -f %M is the child's peak RSS in KB)."""
    path = "/usr/bin/time"
    if not os.access(path, os.X_OK):
        return None
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return path if "GNU" in (out.stdout + out.stderr) else None


TIME = None  # set in main()


def measure(argv: list[str], stdout_path: str, stderr_path: str, timeout: float,
            cwd: str | None = None) -> Run:
    """Runs argv in its own process group; wall time, and peak RSS from GNU time -f %M.

    The RSS comes from /usr/bin/time (a small process) rather than from wait4() here: a child
    forked from Python keeps Python's resident high-water mark across exec. Without GNU time,
    wait4() is used and the figure is at least Python's own size."""
    rss_file = stdout_path + ".rss"
    full = [TIME, "-f", "%M %U %S", "-o", rss_file, *argv] if TIME else argv
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(full, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                start_new_session=True, cwd=cwd)
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # our own child's process group only
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            while True:
                try:
                    _, status, usage = os.wait4(proc.pid, 0)
                    break
                except InterruptedError:
                    continue
        except BaseException:
            # Ctrl-C or SIGTERM: do not leave the measured command running.
            kill()
            os.wait4(proc.pid, 0)
            raise
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    rss, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    if TIME:
        rss, cpu = 0, -1.0
        try:
            # GNU time writes "Command exited with non-zero status N" before the figures.
            for line in Path(rss_file).read_text().splitlines():
                parts = line.split()
                if len(parts) == 3 and parts[0].isdigit():
                    rss, cpu = int(parts[0]), float(parts[1]) + float(parts[2])
        except (OSError, ValueError):
            pass
    return Run(seconds, rss, proc.returncode, timed_out.is_set(), cpu)


def shell(script: str) -> list[str]:
    return ["bash", "-c", script]


def q(s: str) -> str:
    return "'" + s.replace("'", "'\\''") + "'"


# ----------------------------------------------------------------------------------------------
# Results

@dataclass
class Result:
    tool: str
    set_label: str
    runs: list[Run] = field(default_factory=list)
    hits: int | None = None
    expected_hits: int | None = None
    note: str = ""
    skipped: str = ""          # reason, when the tool was not run
    error: str = ""
    timeout: float = 0.0
    extra: dict = field(default_factory=dict)

    @property
    def ok_runs(self) -> list[Run]:
        return [r for r in self.runs if not r.timed_out]

    @property
    def timed_out(self) -> bool:
        return any(r.timed_out for r in self.runs)

    @property
    def median(self) -> float | None:
        if self.skipped or self.error or self.timed_out or not self.runs:
            return None
        return statistics.median(r.seconds for r in self.runs)

    @property
    def cpu(self) -> float | None:
        known = [r.cpu for r in self.runs if r.cpu >= 0 and not r.timed_out]
        if self.skipped or self.error or self.timed_out or not known:
            return None
        return statistics.median(known)

    @property
    def rss_mb(self) -> float | None:
        # A run killed at the cap has no figure (GNU time is killed with it).
        known = [r.rss_kb for r in self.runs if r.rss_kb > 0]
        return max(known) / 1024.0 if known else None


# ----------------------------------------------------------------------------------------------
# Tools

def have(tool: str) -> bool:
    if tool.startswith("/"):
        return os.access(tool, os.X_OK)
    return shutil.which(tool) is not None


def install_missing(tools: list[str], allow: bool) -> None:
    missing = [t for t in tools if not have(t)]
    if not missing:
        return
    pkgs = sorted({PACKAGES[t] for t in missing if t in PACKAGES})
    if not allow:
        log(f"missing: {', '.join(missing)} (not installing: --no-install)")
        return
    if os.geteuid() != 0 or not have("apt-get"):
        log(f"missing: {', '.join(missing)} (cannot install: not root or no apt-get); "
            f"they will be reported as skipped")
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    log(f"installing {' '.join(pkgs)} with apt-get (freshclam is not run) ...")
    updated = False
    for pkg in pkgs:
        cmd = ["apt-get", "install", "-y", "-q", "--no-install-recommends", pkg]
        rc = subprocess.call(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if rc != 0 and not updated:
            subprocess.call(["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
            updated = True
            rc = subprocess.call(cmd, env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        log(f"  apt-get install {pkg}: {'ok' if rc == 0 else f'failed (exit {rc})'}")


def tool_version(argv: list[str]) -> str:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=20)
        text = (out.stdout or out.stderr).strip().splitlines()
        return text[0] if text else "?"
    except (OSError, subprocess.TimeoutExpired):
        return "?"


# ----------------------------------------------------------------------------------------------
# The tree

@dataclass
class Tree:
    roots: list[str]
    files: list[tuple[str, int]]          # (path, size) of regular files, as find lists them
    others: int = 0                       # symlinks, fifos, sockets, devices (not folders)

    @property
    def count(self) -> int:
        return len(self.files)

    @property
    def bytes(self) -> int:
        return sum(s for _, s in self.files)


def list_tree(roots: list[str]) -> Tree:
    out = subprocess.run(["find", *roots, "!", "-type", "d", "-printf", "%y %s %p\\0"],
                         capture_output=True, check=False)
    files, others = [], 0
    for rec in out.stdout.split(b"\0"):
        if not rec:
            continue
        kind, size, path = rec.split(b" ", 2)
        if kind == b"f":
            files.append((os.fsdecode(path), int(size)))
        else:
            others += 1
    return Tree(roots, files, others)


def pick_real_files(tree: Tree, rng: random.Random, n: int) -> list[tuple[str, int, str]]:
    """n readable files with distinct contents and plain names: (path, size, sha256)."""
    plain = re.compile(r"^[A-Za-z0-9._+-]+$")
    candidates = [(p, s) for p, s in tree.files
                  if 1024 <= s <= 4 << 20 and plain.match(os.path.basename(p))]
    rng.shuffle(candidates)
    chosen, seen = [], set()
    for path, size in candidates:
        try:
            with open(path, "rb") as f:
                digest = hashlib.sha256(f.read()).hexdigest()
        except OSError:
            continue
        name = os.path.basename(path).lower()
        if digest in seen or any(os.path.basename(c[0]).lower() == name for c in chosen):
            continue
        seen.add(digest)
        chosen.append((path, size, digest))
        if len(chosen) == n:
            break
    return chosen


# ----------------------------------------------------------------------------------------------
# IOC sets

@dataclass
class IocSet:
    label: str
    path: str                                   # the .ioc file
    hashes: list[str]
    names: list[str]
    regexes: list[str]


def ioc_xml(title: str, hashes: list[str], names: list[str], regexes: list[str],
            rng: random.Random) -> str:
    def uid() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    items = []

    def item(search: str, condition: str, ctype: str, value: str) -> None:
        # The usual indented layout (~320 bytes a term): 10,000 terms make a 3.2 MB file, well
        # under iocscan's 16 MiB limit per IOC file.
        items.append(
            f'      <IndicatorItem id="{uid()}" condition="{condition}" preserve-case="false" negate="false">\n'
            f'        <Context document="FileItem" search="FileItem/{search}" type="mir" />\n'
            f'        <Content type="{ctype}">{xml_escape(value)}</Content>\n'
            f'      </IndicatorItem>')

    for h in hashes:
        item("Sha256sum", "is", "sha256", h)
    for n in names:
        item("FileName", "is", "string", n)
    for r in regexes:
        item("FullPath", "matches", "string", r)
    body = "\n".join(items)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<OpenIOC xmlns="http://openioc.org/schemas/OpenIOC_1.1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" id="{uid()}" last-modified="2026-11-29T00:00:00Z" published-date="0001-01-01T00:00:00">
  <metadata>
    <short_description>{xml_escape(title)}</short_description>
    <description>Generated by bench/bench.py: {len(hashes)} SHA-256 terms, {len(names)} FileName terms, {len(regexes)} FullPath regexes.</description>
    <keywords>benchmark</keywords>
    <authored_by>iocscan bench</authored_by>
    <authored_date>2026-11-29T00:00:00Z</authored_date>
    <links />
  </metadata>
  <criteria>
    <Indicator operator="OR" id="{uid()}">
{body}
    </Indicator>
  </criteria>
  <parameters />
</OpenIOC>
"""


def xml_escape(s: str) -> str:
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def random_name(rng: random.Random) -> str:
    return "bench_" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789")
                              for _ in range(10)) + rng.choice([".bin", ".so", ".exe", ".sh"])


def make_sets(tmp: Path, sizes: list[int], real: list[tuple[str, int, str]],
              rng: random.Random) -> tuple[list[IocSet], IocSet]:
    real_hashes = [h for _, _, h in real]
    real_names = [os.path.basename(p) for p, _, _ in real]
    # Regexes: one that matches nothing, one that matches one of the real files by its path tail.
    regexes = [r"/bench-nohit-[0-9a-f]{6}/[^/]+\.(so|bin|exe)$"]
    if real:
        tail = "/".join(Path(real[0][0]).parts[-2:])
        regexes.append("/" + re.escape(tail).replace("\\/", "/") + "$")
    names = [random_name(rng) for _ in range(N_RANDOM_NAMES)]
    if len(real_names) > 1:
        names.append(real_names[1])
    sets = []
    for n in sizes:
        hashes = list(real_hashes[:min(len(real_hashes), n)])
        while len(hashes) < n:
            hashes.append("%064x" % rng.getrandbits(256))
        rng.shuffle(hashes)
        d = tmp / f"set-{n}"
        d.mkdir()
        p = d / f"sha256-{n}.ioc"
        p.write_text(ioc_xml(f"bench: {n} SHA-256 terms", hashes, names, regexes, rng))
        sets.append(IocSet(f"{n:,}", str(p), hashes, names, regexes))
    only_names = real_names + [random_name(rng) for _ in range(N_NAME_ONLY - len(real_names))]
    d = tmp / "set-names"
    d.mkdir()
    p = d / "names.ioc"
    p.write_text(ioc_xml(f"bench: {len(only_names)} FileName terms", [], only_names, [], rng))
    names_set = IocSet("names", str(p), [], only_names, [])
    # Diagnostic: the largest set's hashes alone, to tell the cost of many content terms from the
    # cost of mixing them with name/path terms in one OR.
    big = sets[-1]
    d = tmp / "set-hash-only"
    d.mkdir()
    p = d / "hash-only.ioc"
    p.write_text(ioc_xml(f"bench: {len(big.hashes)} SHA-256 terms only", big.hashes, [], [], rng))
    hash_only = IocSet(f"{len(big.hashes):,} hash-only", str(p), big.hashes, [], [])
    return sets, names_set, hash_only


def write_clamav_db(path: Path, hashes: list[str]) -> None:
    # HashString:FileSize:MalwareName[:MinFL]; size '*' (unknown) needs functionality level 73.
    with open(path, "w") as f:
        for i, h in enumerate(hashes):
            f.write(f"{h}:*:Bench.Sha256.{i}:73\n")


def write_yara_rules(path: Path, hashes: list[str]) -> None:
    with open(path, "w") as f:
        f.write('import "hash"\n\n')
        for i, h in enumerate(hashes):
            f.write(f'rule sha256_{i} {{ condition: hash.sha256(0, filesize) == "{h}" }}\n')


# ----------------------------------------------------------------------------------------------
# iocscan

def build_type(binary: str) -> str:
    """CMAKE_BUILD_TYPE of the build tree that holds binary, when there is one."""
    for d in Path(os.path.abspath(binary)).parents:
        cache = d / "CMakeCache.txt"
        if cache.is_file():
            for line in cache.read_text(errors="replace").splitlines():
                if line.startswith("CMAKE_BUILD_TYPE:"):
                    return line.split("=", 1)[1] or "(empty)"
            return "?"
    return "?"


def check_iocscan(binary: str, tmp: Path, ioc: str, shown: str) -> tuple[bool, str]:
    """(usable, message). Detects a missing binary and the 'not yet built' stub."""
    if not os.path.isfile(binary) or not os.access(binary, os.X_OK):
        return False, (f"{shown}: no such executable. Build it first, e.g.\n"
                       f"    cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && "
                       f"cmake --build build -j --target iocscan\n"
                       f"  or point IOCSCAN=/path/to/iocscan (or --iocscan) at one.")
    empty = tmp / "empty-root"
    empty.mkdir(exist_ok=True)
    out = tmp / "preflight.jsonl"
    try:
        proc = subprocess.run([binary, "scan", "-p", str(empty), "--format", "jsonl", "-o",
                               str(out), "--no-progress", "-j", "1", ioc],
                              capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        return False, f"{shown} scan: could not run ({e})"
    text = (proc.stdout + proc.stderr).strip()
    if "not yet built" in text.lower():
        return False, (f"{shown} scan is still the stub ('{text.splitlines()[0]}'): "
                       f"iocscan rows are skipped; rebuild once lib/scan has landed")
    if proc.returncode not in (0, 1):
        return False, f"{shown} scan exited {proc.returncode} on an empty root: {text[:500]}"
    if summary_of(out) is None:
        return False, f"{shown} scan wrote no summary line"
    return True, ""


def summary_of(path: Path) -> dict | None:
    try:
        lines = Path(path).read_text(errors="replace").splitlines()
    except OSError:
        return None
    for line in reversed(lines):
        line = line.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            return None
        return obj if obj.get("type") == "summary" else None
    return None


def card_paths(path: Path) -> tuple[int, set[str]]:
    cards, paths = 0, set()
    try:
        text = Path(path).read_text(errors="replace")
    except OSError:
        return 0, paths
    for line in text.splitlines():
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            continue
        if obj.get("type") == "card":
            cards += 1
            for it in obj.get("items", []):
                fp = it.get("fields", {}).get("FullPath")
                if fp is not None:
                    paths.add(fp)
    return cards, paths


# ----------------------------------------------------------------------------------------------
# Formatting

def fmt_s(r: Result) -> str:
    if r.skipped:
        return "skipped"
    if r.error:
        return "error"
    if r.timed_out:
        return f"> {r.timeout:.0f} s"
    m = r.median
    return "-" if m is None else f"{m:.2f}"


def fmt_range(r: Result) -> str:
    ok = [x.seconds for x in r.ok_runs]
    if r.skipped or r.error or r.timed_out or len(ok) < 2:
        return ""
    return f"{min(ok):.2f}-{max(ok):.2f}"


def fmt_ratio(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}x"


def human_bytes(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if n < 1024 or unit == "TiB":
            return f"{n:.1f} {unit}" if unit != "B" else f"{n} B"
        n /= 1024
    return str(n)


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) for i in range(len(header))]
    right = {2, 3, 4, 5, 6, 7}

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(widths[i]) if i in right else c.ljust(widths[i])
                         for i, c in enumerate(cells)).rstrip()

    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), sep] + [line(r) for r in rows])


# ----------------------------------------------------------------------------------------------
# Main

def parse_args() -> argparse.Namespace:
    env_roots = [r for r in re.split(r"[:\s]+", os.environ.get("BENCH_ROOTS", "")) if r]
    env_skip = os.environ.get("BENCH_SKIP", "")
    ap = argparse.ArgumentParser(
        description="Measure iocscan scan speed and peak RSS next to rhash/sha256sum/clamscan/"
                    "yara/find baselines run in the same session. Informational: exits 0.")
    ap.add_argument("--roots", nargs="+", default=env_roots or None, metavar="DIR",
                    help="trees to scan (default: /usr/share and /usr/include, those that exist; "
                         "--quick: /usr/include). Env: BENCH_ROOTS=dir1:dir2")
    ap.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "0")) or None,
                    help="timed runs per tool and set; the median is reported (default 3, "
                         "--quick 1). Env: BENCH_RUNS")
    ap.add_argument("--slow-runs", type=int, default=None, metavar="N",
                    help="timed runs for clamscan and yara (default: as --runs)")
    ap.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", ""),
                    help="comma-separated SHA-256 set sizes (default 10,1000,10000)")
    ap.add_argument("--skip", default=env_skip,
                    help="comma-separated tools not to run: " + ",".join(BASELINES) +
                         ",iocscan,names (env BENCH_SKIP)")
    ap.add_argument("--quick", action="store_true",
                    help="1 run, /usr/include only, no clamscan/yara: done in about a minute")
    ap.add_argument("--iocscan", default=os.environ.get("IOCSCAN", str(REPO / "build/app/iocscan")),
                    help="iocscan binary (default build/app/iocscan; env IOCSCAN). It is copied "
                         "to a temp dir first so rebuilds do not disturb the run")
    ap.add_argument("-j", "--threads", type=int,
                    default=len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                    else os.cpu_count(),
                    help="worker threads / parallel processes for every tool (default: cores)")
    ap.add_argument("--timeout", type=float, default=float(os.environ.get("BENCH_TIMEOUT", "300")),
                    help="cap for one run of one tool, seconds (default 300)")
    ap.add_argument("--seed", type=int, default=1, help="seed for the generated IOCs")
    ap.add_argument("--no-install", action="store_true",
                    help="do not apt-get install missing tools")
    ap.add_argument("--keep", action="store_true", help="keep the temp dir (IOCs, outputs)")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = ap.parse_args()
    args.skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    if args.quick:
        args.skip |= {"clamscan", "yara"}
    if args.runs is None:
        args.runs = 1 if args.quick else 3
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    if args.slow_runs is None:
        args.slow_runs = args.runs
    if args.slow_runs < 1:
        ap.error("--slow-runs must be at least 1")
    args.sizes = ([int(x) for x in args.sizes.split(",") if x.strip()] if args.sizes
                  else DEFAULT_SIZES)
    if not args.roots:
        wanted = QUICK_ROOTS if args.quick else DEFAULT_ROOTS
        args.roots = [r for r in wanted if os.path.isdir(r)]
        if not args.roots and args.quick:
            args.roots = [r for r in DEFAULT_ROOTS if os.path.isdir(r)]
    args.roots = [os.path.abspath(r) for r in args.roots]
    missing = [r for r in args.roots if not os.path.isdir(r)]
    if missing:
        ap.error(f"not a directory: {', '.join(missing)}")
    if not args.roots:
        ap.error("no root to scan: pass --roots DIR ...")
    return args


def on_term(signum, frame):
    raise KeyboardInterrupt


def main() -> int:
    signal.signal(signal.SIGTERM, on_term)
    args = parse_args()
    cores = max(1, args.threads)
    roots_q = " ".join(q(r) for r in args.roots)
    wanted_tools = [t for t in ("rhash", "sha256sum", "clamscan", "yara") if t not in args.skip]
    install_missing(wanted_tools + ["find", "xargs", "/usr/bin/time"], not args.no_install)
    global TIME
    TIME = gnu_time()
    if not TIME:
        log("GNU time (/usr/bin/time) missing: peak RSS figures include Python's own size")

    tmp = Path(tempfile.mkdtemp(prefix="iocscan-bench-"))
    results: list[Result] = []
    try:
        return run_bench(args, cores, roots_q, tmp, results)
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


@dataclass
class Job:
    res: Result
    argv: list[str]
    tag: str
    count_hits: object = None      # path -> int, from the run's stdout
    after: object = None           # callable(last stdout path), once the runs are done


def run_bench(args, cores: int, roots_q: str, tmp: Path, results: list[Result]) -> int:
    rng = random.Random(args.seed)
    T = args.timeout
    load_start = os.getloadavg()

    log(f"listing {' '.join(args.roots)} ...")
    tree = list_tree(args.roots)
    if tree.count == 0:
        log("the roots hold no regular file; nothing to measure")
        return 0
    real = pick_real_files(tree, rng, N_REAL_HASHES)
    sets, names_set, hash_only = make_sets(tmp, args.sizes, real, rng)

    # iocscan: copy the binary so the other engineers' rebuilds do not disturb the run.
    iocscan_ok, iocscan_msg = False, "skipped (--skip iocscan)"
    binary = args.iocscan
    if "iocscan" not in args.skip:
        if os.path.isfile(args.iocscan):
            binary = str(tmp / "iocscan")
            shutil.copy2(args.iocscan, binary)
        iocscan_ok, iocscan_msg = check_iocscan(binary, tmp, sets[0].path, args.iocscan)
        if not iocscan_ok:
            log("iocscan: " + iocscan_msg)

    # Warm-up: one pass over every file (rhash, or sha256sum when rhash is missing); its output
    # also tells which files the real hashes hit.
    log(f"warm-up pass over {tree.count:,} files ({human_bytes(tree.bytes)}) ...")
    warm_out = tmp / "warmup.txt"
    prog = "rhash --sha256" if have("rhash") else "sha256sum"
    warm = measure(shell(f"find {roots_q} -type f -print0 | xargs -0 -P{cores} -n 512 {prog} --"),
                   str(warm_out), str(tmp / "warmup.err"), max(T, 1800))
    real_hashes = {h for _, _, h in real}
    hash_hits: set[str] = set()
    with open(warm_out, "rb") as f:
        for line in f:
            h = line.lstrip(b"\\")[:64].decode("ascii", "replace").lower()
            if h in real_hashes:
                hash_hits.add(os.fsdecode(line.rstrip(b"\n").split(b" ", 2)[-1]).lstrip("*"))
    log(f"  warm-up took {warm.seconds:.1f} s")

    def expected_hits(s: IocSet) -> set[str]:
        hits = set(hash_hits) if s.hashes else set()
        lnames = {n.lower() for n in s.names}
        regs = [re.compile(r, re.IGNORECASE) for r in s.regexes]
        for p, _ in tree.files:
            if os.path.basename(p).lower() in lnames or any(r.search(p) for r in regs):
                hits.add(p)
        return hits

    def run_once(job: Job, i: int, runs: int) -> Path:
        res = job.res
        res.timeout = T
        out, err = tmp / f"{job.tag}.{i}.out", tmp / f"{job.tag}.{i}.err"
        r = measure(job.argv, str(out), str(err), T)
        res.runs.append(r)
        log(f"  {res.tool:<12} {res.set_label:>7}  run {i + 1}/{runs}: "
            f"{'timeout' if r.timed_out else f'{r.seconds:.2f} s'}, "
            f"CPU {r.cpu:.2f} s, {r.rss_kb / 1024:.1f} MB, exit {r.rc}")
        if not r.timed_out:
            if job.count_hits is not None:
                res.hits = job.count_hits(out)
            if res.error == "" and r.rc not in res.extra.get("ok_rc", (0,)):
                res.error = f"exit {r.rc}: " + Path(err).read_text(errors="replace")[:300]
        return out

    def run_all(jobs: list[Job], interleave: bool, runs: int) -> None:
        """Interleaved: run 1 of every job, then run 2 of every job...: background load then
        weighs on every tool alike. Otherwise: every run of one job, then the next job."""
        last: dict[int, Path] = {}
        order = ([(i, j) for i in range(runs) for j in range(len(jobs))] if interleave
                 else [(i, j) for j in range(len(jobs)) for i in range(runs)])
        for i, j in order:
            job = jobs[j]
            if job.res.timed_out or job.res.skipped:
                continue
            last[j] = run_once(job, i, runs)
        for j, job in enumerate(jobs):
            if job.after is not None and j in last:
                job.after(last[j])

    def count_lines(pred):
        def f(path):
            n = 0
            with open(path, "rb") as fh:
                for line in fh:
                    if pred(line):
                        n += 1
            return n
        return f

    def skip(tool: str, label: str, why: str) -> Result:
        r = Result(tool, label, skipped=why)
        results.append(r)
        return r

    iocscan_res: dict[str, Result] = {}

    def iocscan_jobs(s: IocSet, with_load: bool = True) -> list[Job]:
        if not iocscan_ok:
            iocscan_res[s.label] = skip("iocscan", s.label, "not measured (see iocscan above)")
            return []
        tag = f"iocscan-{s.label}"
        argv = [binary, "scan"]
        for r in args.roots:
            argv += ["-p", r]
        res = Result("iocscan", s.label, extra={"ok_rc": (0, 1)})
        results.append(res)
        iocscan_res[s.label] = res

        out = tmp / f"{tag}.jsonl"    # -o: the last run's output is kept

        def after(_stdout: Path) -> None:
            summ = summary_of(out)
            if summ is None:
                if not res.timed_out and not res.error:
                    res.error = "no summary line in the jsonl output"
                return
            counts = summ.get("counts", {})
            res.extra.update(summary=summ, counts=counts)
            _, paths = card_paths(out)
            exp = expected_hits(s)
            res.hits, res.expected_hits = len(paths), len(exp)
            fv, fr, br = (counts.get("files_visited"), counts.get("files_read"),
                          counts.get("bytes_read"))
            notes = [f"visited {fv:,}" if isinstance(fv, int) else "visited ?",
                     f"read {fr:,} files / {human_bytes(br)}"
                     if isinstance(fr, int) and isinstance(br, int) else "read ?"]
            if summ.get("status") != "complete":
                notes.append(f"status {summ.get('status')}")
            if paths != exp:
                res.extra["missed"] = sorted(exp - paths)[:10]
                res.extra["unexpected"] = sorted(paths - exp)[:10]
            res.note = ", ".join(notes)

        argv += ["--format", "jsonl", "-o", str(out), "--no-progress", "-j", str(cores), s.path]
        jobs = [Job(res, argv, tag, after=after)]
        if not with_load:
            return jobs
        # The fixed cost: loading and compiling the set, on an empty root.
        load = Result("iocscan-load", s.label, extra={"ok_rc": (0, 1)},
                      note="same set on an empty root: IOC load + compile + start-up")
        results.append(load)
        empty = tmp / "empty-root"
        empty.mkdir(exist_ok=True)
        jobs.append(Job(load, [binary, "scan", "-p", str(empty), "--format", "jsonl", "-o",
                               str(tmp / f"{tag}-load.jsonl"), "--no-progress", "-j", str(cores),
                               s.path], f"{tag}-load"))
        return jobs

    # ---- phase 1, interleaved: iocscan on every set, the rhash floor, sha256sum, name-only/find
    core: list[Job] = []
    for s in sets:
        core += iocscan_jobs(s)
    if "hash-only" not in args.skip:
        core += iocscan_jobs(hash_only, with_load=False)
    floor: Result | None = None
    for tool in ("rhash", "sha256sum"):
        label = "any"
        if tool in args.skip:
            r = skip(tool, label, "--skip")
        elif not have(tool):
            r = skip(tool, label, "not installed")
        else:
            prog = "rhash --sha256" if tool == "rhash" else "sha256sum"
            r = Result(tool, label, note=f"find | xargs -P{cores} -n 512 {prog}")
            results.append(r)
            core.append(Job(r, shell(f"find {roots_q} -type f -print0 | "
                                     f"xargs -0 -P{cores} -n 512 {prog} -- >/dev/null"), tool))
        if tool == "rhash":
            floor = r
    if "names" not in args.skip:
        core += iocscan_jobs(names_set)
        if "find" in args.skip:
            skip("find", "names", "--skip")
        else:
            expr = " -o ".join(f"-iname {q(n)}" for n in names_set.names)
            r = Result("find", "names",
                       note=f"find -type f \\( -iname ... \\) ({len(names_set.names)} names)")
            r.expected_hits = len(expected_hits(names_set))
            results.append(r)
            core.append(Job(r, shell(f"find {roots_q} -type f \\( {expr} \\) -print"),
                            "find-names", count_lines(lambda line: True)))
    log(f"iocscan, rhash, sha256sum, find: {args.runs} interleaved round(s) ...")
    run_all(core, interleave=True, runs=args.runs)

    # ---- phase 2: clamscan and yara, set by set (long runs)
    hits_found = count_lines(lambda line: line.rstrip().endswith(b" FOUND"))
    yara_gave_up = ""
    for s in sets:
        for tool in ("clamscan", "yara"):
            if tool in args.skip:
                skip(tool, s.label, "--skip")
                continue
            if not have(tool):
                skip(tool, s.label, "not installed")
                continue
            if tool == "clamscan":
                db = tmp / f"set-{len(s.hashes)}.hsb"
                write_clamav_db(db, s.hashes)
                opts = " ".join(CLAMSCAN_OPTS)
                cmd = (f"find {roots_q} -type f -print0 | xargs -0 -P{cores} -n 512 "
                       f"clamscan {opts} -d {q(str(db))} --")
                r = Result(tool, s.label, note=f".hsb '*' sizes, xargs -P{cores}, hashes only",
                           extra={"ok_rc": (0, 123)})  # 123: some clamscan found something
                results.append(r)
                r.expected_hits = len(hash_hits)
                run_all([Job(r, shell(cmd), f"clamscan-{s.label}", hits_found)], False,
                        args.slow_runs)
            else:
                if yara_gave_up:
                    skip(tool, s.label, yara_gave_up)
                    continue
                rules = tmp / f"set-{len(s.hashes)}.yar"
                write_yara_rules(rules, s.hashes)
                cmd = " && ".join(f"yara -w -N -r -p {cores} {q(str(rules))} {q(root)}"
                                  for root in args.roots)
                r = Result(tool, s.label, note=f"one rule per hash, -r -N -p {cores}")
                results.append(r)
                r.expected_hits = len(hash_hits)
                run_all([Job(r, shell(cmd), f"yara-{s.label}",
                             count_lines(lambda line: bool(line.strip())))], False,
                        args.slow_runs)
                if r.timed_out:
                    yara_gave_up = f"not run: {s.label} terms already took > {T:.0f} s"

    load_end = os.getloadavg()
    report(args, cores, tree, real, sets, names_set, results, iocscan_res, floor, binary,
           iocscan_ok, iocscan_msg, (load_start, load_end))
    if args.json:
        dump_json(args, tree, results)
    return 0


def report(args, cores, tree, real, sets, names_set, results, iocscan_res, floor, binary,
           iocscan_ok, iocscan_msg, loads) -> None:
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        sha_ni = "sha_ni" in open("/proc/cpuinfo").read()
    except OSError:
        sha_ni = False
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip() or "?"
    print()
    print("iocscan bench")
    print(f"  tree     : {' '.join(tree.roots)}: {tree.count:,} regular files, "
          f"{human_bytes(tree.bytes)} ({tree.bytes:,} bytes); {tree.others:,} symlinks/other "
          f"non-folders")
    print(f"  machine  : {cpu}, {cores} threads/processes per tool, "
          f"SHA extensions {'yes' if sha_ni else 'no'}")
    busy = max(loads[0][0], loads[1][0]) > cores * 0.5
    print(f"  load avg : {loads[0][0]:.2f} at start, {loads[1][0]:.2f} at end (1 min)"
          + (" -- the machine was busy: figures are noisy, compare with care" if busy else ""))
    print(f"  method   : median of {args.runs} warm-cache run(s) ({args.slow_runs} for clamscan "
          f"and yara) after one warm-up pass; "
          f"iocscan/rhash/sha256sum/find runs interleaved; "
          f"cap {args.timeout:.0f} s per run; peak RSS = largest single process "
          f"({'GNU time %M' if TIME else 'wait4, includes the Python fork image'})")
    bt = build_type(args.iocscan)
    try:
        built = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(os.stat(args.iocscan).st_mtime))
    except OSError:
        built = "?"
    print(f"  iocscan  : {args.iocscan} (built {built}; repo HEAD now {commit}; build type {bt}"
          + ("" if bt in ("Release", "RelWithDebInfo", "?") else ": NOT an optimised build")
          + ")"
          + ("" if iocscan_ok else f" -- NOT MEASURED: {iocscan_msg}"))
    print(f"  IOC sets : one OR of N FileItem/Sha256sum terms ({len(real)} real hashes) "
          f"+ {len(sets[0].names)} FileName + {len(sets[0].regexes)} FullPath 'matches'; "
          f"name-only: {len(names_set.names)} FileName terms")
    versions = []
    for tool, argv in (("rhash", ["rhash", "--version"]), ("clamscan", ["clamscan", "--version"]),
                       ("yara", ["yara", "--version"])):
        if have(tool):
            versions.append(f"{tool} {tool_version(argv)}")
    if versions:
        print(f"  tools    : {'; '.join(versions)}")
    print()

    header = ["tool", "set", "median s", "range s", "CPU s", "peak RSS MB", "vs iocscan",
              "hits", "notes"]
    rows = []

    def ratio_to_iocscan(r: Result, label: str) -> str:
        base = iocscan_res.get(label)
        if r.tool == "iocscan":
            return "1.00x" if r.median is not None else "-"
        if r.tool == "iocscan-load":
            return "-"
        if base is None or base.median is None or base.median <= 0:
            return "-"
        if r.timed_out:
            return f"> {r.timeout / base.median:.1f}x"
        return fmt_ratio(None if r.median is None else r.median / base.median)

    def hits_cell(r: Result) -> str:
        if r.hits is None:
            return ""
        if r.expected_hits is None:
            return f"{r.hits}"
        return f"{r.hits}/{r.expected_hits}"

    def add(r: Result, label: str, ratio: str | None = None) -> None:
        note = r.skipped or r.note
        if r.error:
            note = (note + "; " if note else "") + "ERROR " + r.error.strip().replace("\n", " ")[:160]
        rss = "" if r.rss_mb is None or r.skipped else f"{r.rss_mb:.1f}"
        rows.append([r.tool, label, fmt_s(r), fmt_range(r),
                     "" if r.cpu is None else f"{r.cpu:.2f}", rss,
                     ratio if ratio is not None else ratio_to_iocscan(r, label.replace("*", "")),
                     hits_cell(r), note])

    by = {(r.tool, r.set_label): r for r in results}
    for s in sets:
        for tool in ("iocscan", "iocscan-load", "clamscan", "yara"):
            if (tool, s.label) in by:
                add(by[(tool, s.label)], s.label)
        for tool in ("rhash", "sha256sum"):
            r = by.get((tool, "any"))
            if r is not None:
                add(r, s.label)
    for r in results:
        if r.set_label.endswith("hash-only"):
            add(r, r.set_label)
    for tool in ("iocscan", "iocscan-load", "find"):
        if (tool, "names") in by:
            add(by[(tool, "names")], "names")
    print(table(rows, header))
    print()
    print("  vs iocscan = tool median / iocscan median for the same set (> 1: slower than iocscan).")
    print("  CPU s = median user+system seconds of the command and its children: steadier than "
          "wall time on a busy machine.")
    print("  rhash/sha256sum hash every file without an IOC set: one measurement, shown per size.")
    print("  hits = files reported / files expected (expected from the warm-up hashes and the "
          "file list); clamscan and yara get the hashes only.")
    print()

    # Targets.
    print("targets (informational)")

    def line(ok: bool | None, text: str) -> None:
        status = "n/a    " if ok is None else ("met    " if ok else "not met")
        print(f"  [{status}] {text}")

    fl = floor.median if floor is not None else None
    for s in sets:
        r = iocscan_res.get(s.label)
        if r is None or r.median is None or fl is None:
            line(None, f"iocscan within {TARGET_FLOOR_RATIO}x of the rhash floor at {s.label} terms")
        else:
            x = r.median / fl
            cpu = (f" (CPU {r.cpu:.2f} s / {floor.cpu:.2f} s = {r.cpu / floor.cpu:.2f}x)"
                   if r.cpu and floor.cpu else "")
            line(x <= TARGET_FLOOR_RATIO,
                 f"iocscan within {TARGET_FLOOR_RATIO}x of the rhash floor at {s.label} terms: "
                 f"{r.median:.2f} s / {fl:.2f} s = {x:.2f}x{cpu}")
    small = iocscan_res.get(f"{min(args.sizes):,}")
    big = iocscan_res.get(f"{max(args.sizes):,}")
    if small and big and small is not big and small.median and big.median:
        x = big.median / small.median
        line(x <= TARGET_SIZE_SLOWDOWN,
             f"{big.set_label}-term run <= {round((TARGET_SIZE_SLOWDOWN - 1) * 100)}% slower than "
             f"{small.set_label}-term run: {big.median:.2f} s / {small.median:.2f} s = "
             f"{(x - 1) * 100:+.1f}%"
             + (f" (CPU {big.cpu:.2f} s / {small.cpu:.2f} s = {(big.cpu / small.cpu - 1) * 100:+.1f}%)"
                if big.cpu and small.cpu else ""))
    else:
        line(None, f"largest set <= {round((TARGET_SIZE_SLOWDOWN - 1) * 100)}% slower than the smallest")
    rn, fn = iocscan_res.get("names"), by.get(("find", "names"))
    if rn and fn and rn.median and fn.median:
        x = rn.median / fn.median
        line(x <= TARGET_NAMES_RATIO,
             f"name-only within {TARGET_NAMES_RATIO}x of find: {rn.median:.2f} s / "
             f"{fn.median:.2f} s = {x:.2f}x")
    else:
        line(None, f"name-only within {TARGET_NAMES_RATIO}x of find")
    rss = [r.rss_mb for r in iocscan_res.values() if r.rss_mb is not None and not r.skipped]
    if rss:
        line(max(rss) < TARGET_RSS_MB, f"iocscan peak RSS < {TARGET_RSS_MB:.0f} MB: "
                                       f"max {max(rss):.1f} MB over all runs")
    else:
        line(None, f"iocscan peak RSS < {TARGET_RSS_MB:.0f} MB")
    if rn and "counts" in rn.extra:
        c = rn.extra["counts"]
        fr, br = c.get("files_read"), c.get("bytes_read")
        if fr == 0 and br == 0:
            line(True, "name-only scan reads no file content: files_read=0, bytes_read=0")
        else:
            # Matched files are read for the card's Md5sum/Sha1sum/Sha256sum fields.
            ok = isinstance(fr, int) and rn.hits is not None and fr <= rn.hits
            line(ok, f"name-only scan reads no content of unmatched files: files_read={fr}, "
                     f"bytes_read={br}, matched files={rn.hits} (read for the card's hashes)")
    print()

    # Observations: counts that disagree with the tree or with the expected hits.
    obs: dict[str, list[str]] = {}   # message -> the iocscan sets it applies to

    def note(label: str, msg: str) -> None:
        obs.setdefault(msg, []).append(label)

    for label, r in iocscan_res.items():
        c = r.extra.get("counts")
        if not c:
            continue
        if c.get("files_visited") != tree.count + tree.others:
            note(label, f"files_visited {c.get('files_visited')} but find lists "
                        f"{tree.count:,} regular files + {tree.others:,} symlinks/other")
        if label != "names":
            fr, br = c.get("files_read"), c.get("bytes_read")
            if isinstance(fr, int) and fr != tree.count:
                note(label, f"files_read {fr:,} vs {tree.count:,} regular files "
                            f"({fr - tree.count:+,})")
            if isinstance(br, int) and br != tree.bytes:
                note(label, f"bytes_read {br:,} vs {tree.bytes:,} bytes in the tree "
                            f"({br - tree.bytes:+,})")
        if r.extra.get("missed") or r.extra.get("unexpected"):
            note(label, f"hits differ from expected; missed {r.extra.get('missed')}, "
                        f"unexpected {r.extra.get('unexpected')}")
        summ = r.extra.get("summary", {})
        for key in ("unreadable_by_errno", "errors_by_kind"):
            if summ.get(key):
                note(label, f"{key} {summ.get(key)}")
    lines = [f"iocscan {', '.join(labels)}: {msg}" for msg, labels in obs.items()]
    ho = next((r for lbl, r in iocscan_res.items() if lbl.endswith("hash-only")), None)
    mixed = iocscan_res.get(f"{max(args.sizes):,}")
    if ho and mixed and ho.median and mixed.median and small and small.median:
        lines.append(
            f"iocscan {ho.set_label}: {ho.median:.2f} s (CPU {ho.cpu or 0:.2f} s) vs the same "
            f"hashes plus {len(sets[-1].names)} FileName/{len(sets[-1].regexes)} FullPath terms "
            f"in the OR: {mixed.median:.2f} s (CPU {mixed.cpu or 0:.2f} s); "
            f"{small.set_label} terms: {small.median:.2f} s (CPU {small.cpu or 0:.2f} s)")
    for r in results:
        if r.tool != "iocscan" and r.hits is not None and r.expected_hits is not None \
                and r.hits != r.expected_hits and not r.timed_out:
            lines.append(f"{r.tool} {r.set_label}: {r.hits} hits, expected {r.expected_hits}")
    if lines:
        print("observations")
        for o in lines:
            print("  - " + o)
        print()


def dump_json(args, tree, results) -> None:
    out = {"roots": tree.roots, "files": tree.count, "bytes": tree.bytes, "runs": args.runs,
           "results": []}
    for r in results:
        out["results"].append({
            "tool": r.tool, "set": r.set_label, "median_s": r.median,
            "runs_s": [x.seconds for x in r.runs], "timed_out": r.timed_out,
            "cpu_s": r.cpu,
            "peak_rss_mb": r.rss_mb, "hits": r.hits, "expected_hits": r.expected_hits,
            "skipped": r.skipped, "error": r.error, "note": r.note,
            "counts": r.extra.get("counts"),
        })
    Path(args.json).write_text(json.dumps(out, indent=2) + "\n")
    log(f"wrote {args.json}")


if __name__ == "__main__":
    sys.exit(main())
