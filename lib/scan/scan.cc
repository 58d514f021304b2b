#include "scan/scan.h"

#include <chrono>
#include <condition_variable>
#include <ctime>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "core/limits.h"
#include "platform/host_info.h"
#include "platform/platform.h"
#include "collect/collector.h"
#include "scan/cards.h"
#include "scan/collector_run.h"
#include "scan/file_sweep.h"

namespace iocscan::scan {
namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kMonitorPeriod = std::chrono::milliseconds(100);  // progress at most 10 times a second

// Watches the interrupt flag and the deadline, turns either into the walk's stop flag, and
// reports progress, from its own thread (the walk may run in the calling thread with -j 1).
class Monitor {
 public:
  Monitor(const ScanOptions& options, const ScanControl& control, ProgressBoard& board)
      : control_(control), board_(board), start_(Clock::now()) {
    if (options.timeout_seconds > 0) deadline_ = start_ + std::chrono::seconds(options.timeout_seconds);
    Check();  // an interrupt already set stops even a scan shorter than one monitor period
    thread_ = std::thread([this] { Run(); });
  }
  ~Monitor() { Finish(); }

  void Finish() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

  const std::atomic<bool>* stop_flag() const { return &stop_; }
  report::ScanStatus status() const { return status_.load(); }
  double elapsed_seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

 private:
  void Run() {
    std::unique_lock lock(mutex_);
    while (!done_) {
      wake_.wait_for(lock, kMonitorPeriod);
      if (done_) break;
      Check();
      if (control_.on_progress) control_.on_progress(board_.Snapshot(elapsed_seconds()));
    }
  }

  void Check() {
    if (stop_.load()) return;
    if (control_.interrupt && control_.interrupt->load()) {
      status_ = report::ScanStatus::kInterrupted;
      stop_ = true;
    } else if (deadline_ && Clock::now() >= *deadline_) {
      status_ = report::ScanStatus::kTimeout;
      stop_ = true;
    }
  }

  const ScanControl& control_;
  ProgressBoard& board_;
  const Clock::time_point start_;
  std::optional<Clock::time_point> deadline_;
  std::atomic<bool> stop_{false};
  std::atomic<report::ScanStatus> status_{report::ScanStatus::kComplete};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread thread_;
};

std::string_view UnreadableName(platform::OpenFailure f) {
  switch (f) {
    case platform::OpenFailure::kVanished: return "ENOENT";
    case platform::OpenFailure::kPermission: return "EACCES";
    case platform::OpenFailure::kChanged: return "ESTALE";
    case platform::OpenFailure::kNotRegular: return "not-regular";
    default: return "other";
  }
}

void WarnIfDropped(const std::string& document, const CollectedMatches& m, Warnings& warnings) {
  if (m.items_dropped == 0) return;
  warnings.push_back({"", std::to_string(m.items_dropped) + " matched " + document + " item(s) past " +
                              std::to_string(limits::kMaxMatchedItems) +
                              " are not listed on the cards (they still count for the IOCs' results)"});
}

void AddFileSweep(const FileSweepResult& r, report::Summary& s, Warnings& warnings) {
  s.files_visited += r.walk.files;
  s.files_read += r.counters.files_opened;
  s.bytes_read += r.counters.bytes_read;
  s.files_skipped_by_size += r.counters.over_max_size;
  s.items_per_document["FileItem"] += r.eval.items;
  for (const auto& [error, count] : r.walk.errors) s.unreadable_by_errno[platform::ErrnoName(error)] += count;
  for (int f = 1; f < platform::kOpenFailureCount; ++f) {
    auto failure = static_cast<platform::OpenFailure>(f);
    if (std::uint64_t n = r.counters.Unreadable(failure)) s.unreadable_by_errno[std::string(UnreadableName(failure))] += n;
  }
  auto count = [&s](const char* kind, std::uint64_t n) {
    if (n) s.errors_by_kind[kind] += n;
  };
  count("walk", r.walk.error_count());
  count("open", r.counters.UnreadableTotal());
  count("read", r.counters.read_errors);
  count("stat", r.counters.stat_failed);
  for (const walk::SkippedMount& m : r.walk.skipped_mounts) {
    s.skipped_mounts.push_back(m.path + " (" + (m.fs_type.empty() ? "unknown" : m.fs_type) + ", " +
                               std::string(walk::SkipReasonName(m.reason)) + ")");
  }
  if (r.walk.depth_capped) {
    warnings.push_back({"", std::to_string(r.walk.depth_capped) + " folder(s) deeper than " +
                                std::to_string(limits::kMaxWalkDepth) + " levels were not entered"});
  }
  WarnIfDropped("FileItem", r.matches, warnings);
}

void AddCollectorRun(const std::string& document, const CollectorRun& run, report::Summary& s, Warnings& warnings) {
  s.items_per_document[document] += run.stats.items;
  if (run.stats.errors) s.errors_by_kind["collector"] += run.stats.errors;
  warnings.insert(warnings.end(), run.stats.warnings.begin(), run.stats.warnings.end());
  WarnIfDropped(document, run.matches, warnings);
}

}  // namespace

ScanOutcome RunScan(const compile::CompiledSet& set, const ScanOptions& options, const ScanControl& control) {
  ScanOutcome out;
  report::Summary& s = out.summary;
  s.start = std::time(nullptr);
  s.iocs_loaded = set.size();
  for (std::size_t i = 0; i < set.size(); ++i) s.iocs_usable += set.report(i).usable() ? 1 : 0;
  if (options.low_priority) {
    if (Status lowered = platform::LowerPriority(); !lowered.ok()) out.warnings.push_back({"", lowered.error().Text()});
  }

  ProgressBoard board;
  Monitor monitor(options, control, board);
  std::vector<MatchedItem> items;
  std::vector<bool> group_true(set.group_count(), false);
  auto keep = [&items, &group_true](CollectedMatches& m) {
    for (std::size_t g = 0; g < group_true.size(); ++g) {
      if (m.group_true[g]) group_true[g] = true;
    }
    for (MatchedItem& item : m.items) items.push_back(std::move(item));
  };
  // Host documents first, so that processes and connections are seen as they were at the start;
  // the file sweep, the long part, last.
  std::optional<std::uint32_t> file_document;
  for (std::uint32_t d = 0; d < set.documents().size(); ++d) {
    const std::string& document = set.documents()[d];
    if (document == "FileItem") {
      file_document = d;
      continue;
    }
    std::unique_ptr<collect::Collector> collector = collect::MakeCollector(document);
    if (!collector) {
      out.warnings.push_back({"", document + " is not collected by this build on " + std::string(platform::kName) +
                                      ": its terms were not evaluated"});
      continue;
    }
    if (!options.root.empty() && collector->live_only()) {
      out.warnings.push_back({"", document + " describes the running system: not collected from the offline root " +
                                      options.root});
      continue;
    }
    collect::CollectorEnv env{options.root, options.since, options.until, monitor.stop_flag(), {}, {},
                              options.registry_keys};
    CollectorRun run = RunCollector(*collector, set, d, std::move(env));
    AddCollectorRun(document, run, s, out.warnings);
    keep(run.matches);
  }
  if (file_document) {
    FileSweepResult r =
        SweepFiles(set, *file_document, options, monitor.stop_flag(), control.on_progress ? &board : nullptr);
    AddFileSweep(r, s, out.warnings);
    keep(r.matches);
    out.error_examples = r.walk.error_examples;
  }
  monitor.Finish();

  s.status = monitor.status();
  s.end = std::time(nullptr);
  s.duration_seconds = monitor.elapsed_seconds();
  platform::HostInfo host = platform::CurrentHost();
  out.cards = AssembleCards(set, std::move(items), group_true, {host.hostname, host.os}, s.end);
  s.cards = out.cards.size();
  return out;
}

}  // namespace iocscan::scan
