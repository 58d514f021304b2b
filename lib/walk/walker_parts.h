// Internal to the walker back ends (platform/<os>/walk/walker.cc): the pieces that do not depend
// on how a folder is opened and listed.
#pragma once

#include <algorithm>
#include <memory>
#include <string_view>
#include <thread>
#include <vector>

#include "walk/walker.h"

namespace iocscan::walk {

namespace detail {
// Fills Entry's private stat cache (Entry names it a friend).
struct EntryAccess {
  static void Reset(Entry& e) {
    e.followed = false;
    e.stat_done_ = false;
    e.stat_error_ = 0;
  }
  static void SetStat(Entry& e, const platform::FileStat& st) {
    e.stat_ = st;
    e.stat_done_ = true;
    e.stat_error_ = 0;
  }
};
}  // namespace detail

namespace parts {

// Counts an error by errno and keeps the first examples.
inline void AddError(WalkStats& stats, int err, std::string_view path) {
  ++stats.errors[err];
  if (stats.error_examples.size() < WalkStats::kMaxErrorExamples) {
    stats.error_examples.push_back({std::string(path), err});
  }
}

// The number of workers for WalkOptions::threads (0 = hardware concurrency), at most 256.
inline int WorkerCount(int requested) {
  if (requested > 0) return std::min(requested, 256);
  unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : static_cast<int>(std::min(hw, 256u));
}

// Runs every worker's Run() (in the calling thread when there is one), then merges their stats
// into `stats` and destroys them (and so their visitors) in the calling thread.
template <class Worker>
void RunWorkers(std::vector<std::unique_ptr<Worker>>& workers, WalkStats& stats) {
  if (workers.size() == 1) {
    workers[0]->Run();
  } else {
    std::vector<std::thread> threads;
    for (auto& w : workers) threads.emplace_back([&w] { w->Run(); });
    for (std::thread& t : threads) t.join();
  }
  for (auto& w : workers) stats.Merge(w->stats());
  workers.clear();
}

// Skipped mounts in path order, whatever worker found them.
inline void SortSkippedMounts(WalkStats& stats) {
  std::sort(stats.skipped_mounts.begin(), stats.skipped_mounts.end(),
            [](const SkippedMount& a, const SkippedMount& b) { return a.path < b.path; });
}

}  // namespace parts
}  // namespace iocscan::walk
