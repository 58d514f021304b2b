// Live counters of a running sweep, written by the workers and read by whoever shows progress.
// Workers add in batches (relaxed atomics, no lock on the hot path); the current folder is a
// best-effort sample behind a try_lock, so a busy display never slows a worker down.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

namespace iocscan::scan {

struct Progress {
  std::uint64_t files = 0;   // entries looked at
  std::uint64_t bytes = 0;   // content bytes read
  double elapsed_seconds = 0;
  std::string current_dir;   // raw bytes: escape before showing
};

class ProgressBoard {
 public:
  void Add(std::uint64_t files, std::uint64_t bytes) {
    files_.fetch_add(files, std::memory_order_relaxed);
    bytes_.fetch_add(bytes, std::memory_order_relaxed);
  }
  void SetDir(std::string_view dir) {
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (lock.owns_lock()) dir_.assign(dir);
  }
  Progress Snapshot(double elapsed_seconds) {
    Progress p;
    p.files = files_.load(std::memory_order_relaxed);
    p.bytes = bytes_.load(std::memory_order_relaxed);
    p.elapsed_seconds = elapsed_seconds;
    std::lock_guard lock(mutex_);
    p.current_dir = dir_;
    return p;
  }

 private:
  std::atomic<std::uint64_t> files_{0};
  std::atomic<std::uint64_t> bytes_{0};
  std::mutex mutex_;
  std::string dir_;
};

}  // namespace iocscan::scan
