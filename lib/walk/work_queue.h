// Per-worker LIFO deques with work stealing and termination detection, for the parallel walk
// (ripgrep's WalkParallel shape).
//
// - A worker pushes and pops at the BACK of its own deque (depth first: the newest, deepest
//   directory next, so few directories are pending at once).
// - An idle worker steals half of another worker's deque from the FRONT (the shallowest entries,
//   which are the biggest subtrees, so one steal feeds a thief for long).
// - pending_ counts items queued plus items being worked on; Pop returns false once it reaches 0
//   (the walk is complete) or the stop flag is set. A worker calls Done() after each item it
//   popped, AFTER pushing that item's children, so pending_ never touches 0 while work remains.
// Each deque has its own mutex: a push/pop is one directory, not one file, so the lock is cold.
// Idle workers sleep on a condition variable with a short timeout; the timeout also makes them
// notice the external stop flag promptly.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

namespace iocscan::walk {

template <class T>
class WorkQueues {
 public:
  explicit WorkQueues(int workers) {
    for (int i = 0; i < workers; ++i) queues_.push_back(std::make_unique<Queue>());
  }

  // Adds items to `worker`'s deque (the last item is popped first).
  void Push(int worker, std::vector<T>& items) {
    if (items.empty()) return;
    pending_.fetch_add(items.size(), std::memory_order_acq_rel);
    {
      Queue& q = *queues_[static_cast<std::size_t>(worker)];
      std::lock_guard<std::mutex> lock(q.mu);
      for (T& item : items) q.items.push_back(std::move(item));
    }
    items.clear();
    if (idle_.load(std::memory_order_acquire) > 0) wake_.notify_all();
  }

  // Takes the next item for `worker`: its own newest, else a stolen batch. Blocks while other
  // workers still have items in progress (they may push more). False when the walk is over.
  bool Pop(int worker, T* out, const std::atomic<bool>* stop) {
    for (;;) {
      if (Stopped(stop)) return false;
      if (PopOwn(worker, out) || Steal(worker, out)) return true;
      if (pending_.load(std::memory_order_acquire) == 0) return false;
      std::unique_lock<std::mutex> lock(idle_mu_);
      idle_.fetch_add(1, std::memory_order_acq_rel);
      wake_.wait_for(lock, std::chrono::milliseconds(5));
      idle_.fetch_sub(1, std::memory_order_acq_rel);
    }
  }

  // True when nothing is queued or in progress.
  bool complete() const { return pending_.load(std::memory_order_acquire) == 0; }

  // The item popped last by a worker is finished (its children are already pushed).
  void Done() {
    if (pending_.fetch_sub(1, std::memory_order_acq_rel) == 1) wake_.notify_all();
  }

 private:
  struct Queue {
    std::mutex mu;
    std::deque<T> items;
  };

  static bool Stopped(const std::atomic<bool>* stop) {
    return stop != nullptr && stop->load(std::memory_order_relaxed);
  }

  bool PopOwn(int worker, T* out) {
    Queue& q = *queues_[static_cast<std::size_t>(worker)];
    std::lock_guard<std::mutex> lock(q.mu);
    if (q.items.empty()) return false;
    *out = std::move(q.items.back());
    q.items.pop_back();
    return true;
  }

  bool Steal(int worker, T* out) {
    const std::size_t n = queues_.size();
    for (std::size_t k = 1; k < n; ++k) {
      Queue& victim = *queues_[(static_cast<std::size_t>(worker) + k) % n];
      std::vector<T> batch;
      {
        std::lock_guard<std::mutex> lock(victim.mu);
        std::size_t take = (victim.items.size() + 1) / 2;
        for (std::size_t i = 0; i < take; ++i) {
          batch.push_back(std::move(victim.items.front()));
          victim.items.pop_front();
        }
      }
      if (batch.empty()) continue;
      // Shallowest first in the batch: keep it for last (front of our deque), take the deepest.
      *out = std::move(batch.back());
      batch.pop_back();
      Queue& own = *queues_[static_cast<std::size_t>(worker)];
      std::lock_guard<std::mutex> lock(own.mu);
      for (auto it = batch.rbegin(); it != batch.rend(); ++it) own.items.push_front(std::move(*it));
      return true;
    }
    return false;
  }

  std::vector<std::unique_ptr<Queue>> queues_;
  std::atomic<std::size_t> pending_{0};
  std::atomic<int> idle_{0};
  std::mutex idle_mu_;
  std::condition_variable wake_;
};

}  // namespace iocscan::walk
