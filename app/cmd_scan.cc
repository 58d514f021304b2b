// `iocscan scan [OPTIONS] IOC...`: loads the IOCs, sweeps this host (lib/scan) and writes a match
// card per matched IOC (lib/report). This file turns options into a ScanOptions, owns the signal
// handler and the progress line, and maps the outcome to the exit code (cli.md).
#include <atomic>
#include <climits>
#include <cstdlib>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "collect/registry/registry_scope.h"
#include "commands.h"
#include "core/native_path.h"
#include "core/time.h"
#include "platform/terminal.h"
#include "progress_line.h"
#include "report/escape.h"
#include "report/sink.h"
#include "scan/prepare.h"
#include "scan/scan.h"

namespace iocscan::app {
namespace {

struct ScanArgs {
  std::vector<std::string> iocs;
  std::vector<std::string> paths;
  std::vector<std::string> excludes;
  std::vector<std::string> registry_keys;
  std::string documents;
  std::string format;
  std::string output;
  std::string max_size;
  std::string timeout;
  std::string since;
  std::string until;
  std::string root;
  int threads = 0;
  bool one_file_system = false;
  bool follow_symlinks = false;
  bool network_mounts = false;
  bool low_priority = false;
  bool quiet = false;
  bool verbose = false;
  bool no_progress = false;
};

// Set by Ctrl-C or SIGTERM: the scan stops and still writes what was found.
std::atomic<bool> g_interrupted{false};

void Say(const std::string& line) {
  std::fprintf(stderr, "iocscan scan: %s\n", report::TerminalSafe(line).c_str());
}

int Fail(const Error& error) {
  Say(error.Text());
  return kExitError;
}

std::vector<std::string> SplitList(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    std::string part = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!part.empty()) out.push_back(part);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// Options to ScanOptions; an Error names the option and the problem.
// --root DIR: absolute, symlinks of DIR itself resolved (the user's choice), no trailing slash;
// "" for "/" (a live scan).
Result<std::string> OfflineRoot(const std::string& dir) {
  if (dir.empty()) return std::string();
#ifdef _WIN32
  return Error{"--root " + dir, "offline roots are not supported on Windows"};
#else
  std::error_code ec;
  std::filesystem::path resolved = std::filesystem::canonical(PathFromUtf8(dir), ec);
  if (ec) return Error{"--root " + dir, ec.message()};
  if (!std::filesystem::is_directory(resolved, ec)) return Error{"--root " + dir, "not a folder"};
  std::string root = Utf8FromPath(resolved);
  return root == "/" ? std::string() : root;
#endif
}

Result<scan::ScanOptions> ToScanOptions(const ScanArgs& a) {
  scan::ScanOptions o;
  Result<std::string> root = OfflineRoot(a.root);
  if (!root.ok()) return root.error();
  o.root = root.value();
  for (const std::string& p : a.paths) {
    std::string where = !o.root.empty() && !p.empty() && p.front() == '/' ? o.root + p : p;
    std::error_code ec;
    std::filesystem::file_status st = std::filesystem::symlink_status(PathFromUtf8(where), ec);
    if (ec || !std::filesystem::exists(st)) {
      return Error{"--path " + p, ec ? ec.message() : std::string("No such file or directory")};
    }
  }
  o.paths = a.paths;
  o.excludes = a.excludes;
  o.documents = SplitList(a.documents);
  if (!a.max_size.empty()) {
    Result<std::uint64_t> size = ParseSize(a.max_size);
    if (!size.ok()) return Error{"--max-size", size.error().message};
    o.max_read_bytes = size.value();
  }
  if (!a.timeout.empty()) {
    Result<std::int64_t> seconds = ParseDuration(a.timeout);
    if (!seconds.ok()) return Error{"--timeout", seconds.error().message};
    if (seconds.value() <= 0) return Error{"--timeout", "must be longer than 0s"};
    o.timeout_seconds = seconds.value();
  }
  const std::int64_t now = std::time(nullptr);
  for (auto [text, slot, name] : {std::tuple{&a.since, &o.since, "--since"}, std::tuple{&a.until, &o.until, "--until"}}) {
    if (text->empty()) continue;
    Result<std::int64_t> t = ParseTimeOrAgo(*text, now);
    if (!t.ok()) return Error{name, t.error().message};
    *slot = t.value();
  }
  if (o.since && o.until && *o.since > *o.until) return Error{"--since", "is later than --until"};
  o.threads = a.threads;
  o.one_file_system = a.one_file_system;
  o.follow_symlinks = a.follow_symlinks;
  o.network_mounts = a.network_mounts;
  o.low_priority = a.low_priority;
  for (const std::string& key : a.registry_keys) {
    if (!collect::ParseScopeKey(key)) {
      return Error{"--registry-key " + key, "names no hive that is read (HKEY_LOCAL_MACHINE, HKEY_USERS, HKEY_CURRENT_USER)"};
    }
  }
  o.registry_keys = a.registry_keys;
  return o;
}

Result<report::SinkOptions> ToSinkOptions(const ScanArgs& a) {
  report::SinkOptions s;
  const bool to_terminal = a.output.empty() && platform::IsTerminal(stdout);
  s.format = to_terminal ? report::Format::kText : report::Format::kJsonl;
  if (!a.format.empty()) {
    Result<report::Format> f = report::ParseFormat(a.format);
    if (!f.ok()) return Error{"--format", f.error().message};
    s.format = f.value();
  }
  s.output_path = a.output;
  s.color = to_terminal;
  s.quiet = a.quiet;
  return s;
}

int RunScanCommand(const ScanArgs& args) {
  Result<scan::ScanOptions> options = ToScanOptions(args);
  if (!options.ok()) return Fail(options.error());
  Result<report::SinkOptions> sink_options = ToSinkOptions(args);
  if (!sink_options.ok()) return Fail(sink_options.error());
  Result<scan::PreparedIocs> prepared = scan::PrepareIocs(args.iocs, options.value().documents);
  if (!prepared.ok()) return Fail(prepared.error());
  const scan::PreparedIocs& iocs = prepared.value();

  std::unique_ptr<report::CardSink> sink = report::MakeSink(sink_options.value(), std::cout, std::cerr);
  for (const Warning& w : iocs.refused) sink->OnWarning(w);
  for (const Warning& w : iocs.warnings) sink->OnWarning(w);

  platform::SetFlagOnInterrupt(&g_interrupted);
  ProgressLine progress(stderr);
  scan::ScanControl control;
  control.interrupt = &g_interrupted;
  if (!args.no_progress && !args.quiet && platform::IsTerminal(stderr)) {
    control.on_progress = [&progress](const scan::Progress& p) { progress.Show(p); };
  }
  scan::ScanOutcome outcome = scan::RunScan(iocs.set, options.value(), control);
  progress.Clear();

  for (const Warning& w : outcome.warnings) sink->OnWarning(w);
  for (const report::Card& card : outcome.cards) sink->OnCard(card);
  if (args.verbose) {
    for (const walk::ErrorExample& e : outcome.error_examples) Say(e.path + ": " + std::strerror(e.error));
  }
  outcome.summary.iocs_loaded += iocs.refused.size();
  Status written = sink->Finish(outcome.summary);
  if (!written.ok()) return Fail({"cannot write output", written.error().Text()});
  return outcome.cards.empty() ? kExitClean : kExitMatched;
}

}  // namespace

RunFunction AddScanCommand(CLI::App* sub) {
  auto a = std::make_shared<ScanArgs>();
  sub->add_option("IOC", a->iocs, "IOC file (.ioc/.xml), folder of IOCs, or .zip collection")->required();
  sub->add_option("-p,--path", a->paths,
                  "FileItem scope root (repeatable); default: / without /proc, /sys, /dev, /run")
      ->allow_extra_args(false);
  sub->add_option("-x,--exclude", a->excludes, "Path glob to skip, ** crosses folders (repeatable)")
      ->allow_extra_args(false);
  sub->add_option("--documents", a->documents,
                  "Comma-separated documents to evaluate (default: every document the IOCs use)");
  sub->add_option("--format", a->format, "text (default on a terminal), json or jsonl (default otherwise)")
      ->check(CLI::IsMember({"text", "json", "jsonl"}));
  sub->add_option("-o,--output", a->output, "Write the cards to FILE (atomically) instead of stdout");
  sub->add_option("--max-size", a->max_size, "Files larger than SIZE are not read for content terms (default 512M)");
  sub->add_option("-j,--threads", a->threads, "Worker threads (default: number of cores)")
      ->check(CLI::Range(1, 1024));
  sub->add_option("--timeout", a->timeout, "Stop after DURATION (30m, 2h); cards found so far are kept");
  sub->add_option("--since", a->since, "Retrospective window start for time-stamped records (logs, journal, browser and login history): "
                  "ISO 8601, or 2d, 12h ago. Opt-in: without it every record is considered; files are never "
                  "filtered by time");
  sub->add_option("--until", a->until, "Retrospective window end (ISO 8601, or 2d, 12h ago)");
  sub->add_option("--root", a->root,
                  "Offline scan of a mounted disk or copied file system: files, users, services, logs... are "
                  "read under DIR and reported with their paths on that system; live-only documents are skipped");
  sub->add_option("--registry-key", a->registry_keys,
                  "RegistryItem reads KEY and its subkeys (repeatable; HKLM\\SOFTWARE\\X, HKEY_USERS\\*\\Software\\X "
                  "for every user) instead of the keys the IOCs name or the default persistence keys")
      ->allow_extra_args(false);
  sub->add_flag("--one-file-system", a->one_file_system, "Do not cross device boundaries under a scope root");
  sub->add_flag("--follow-symlinks", a->follow_symlinks, "Follow symlinks to files inside the scope (never to folders)");
  sub->add_flag("--network-mounts", a->network_mounts, "Also enter network and FUSE filesystems (nfs, cifs, sshfs...)");
  sub->add_flag("--low-priority", a->low_priority, "nice 19 and idle I/O priority, for production hosts");
  sub->add_flag("-q,--quiet", a->quiet, "Less on stderr: no warnings, no progress, no text summary");
  sub->add_flag("-v,--verbose", a->verbose, "More on stderr: the first unreadable paths");
  sub->add_flag("--no-progress", a->no_progress, "No progress line (shown only when stderr is a terminal)");
  return [a] { return RunScanCommand(*a); };
}

}  // namespace iocscan::app
