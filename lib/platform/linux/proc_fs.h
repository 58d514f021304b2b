// The thin reader of Linux procfs (proc(5)) behind the process and network collectors: open
// /proc once, then read per-process files, links and descriptor lists relative to it. No parsing
// here (collect/process/proc_parse.h, collect/network/net_parse.h); nothing is ever written.
//
//   Result<ProcFs> proc = ProcFs::Open();                       // "/proc"
//   for (int pid : proc->Pids()) {
//     std::string stat;
//     if (proc->ReadFile(pid, "stat", &stat) == ProcStatus::kGone) continue;   // exited: skip quietly
//   }
//   proc->ReadTop("net/tcp", &text);                            // files outside the pid folders
//
// Statuses keep "gone" (the process exited while being read: skipped quietly) apart from "denied"
// (another user's process as non-root) and other errors.
#pragma once

#include <sys/stat.h>

#include <cstddef>
#include <string>
#include <vector>

#include "core/result.h"
#include "platform/safe_open.h"

namespace iocscan::platform {

enum class ProcStatus : unsigned char { kOk, kGone, kDenied, kError };

struct FdLink {
  int fd = -1;
  std::string target;  // the link text: "/path", "socket:[123]", "pipe:[45]", "anon_inode:[eventfd]"
};

class ProcFs {
 public:
  static Result<ProcFs> Open(const std::string& proc_dir = "/proc");
  ~ProcFs();
  ProcFs(ProcFs&& other) noexcept;
  ProcFs& operator=(ProcFs&& other) noexcept;
  ProcFs(const ProcFs&) = delete;
  ProcFs& operator=(const ProcFs&) = delete;

  const std::string& dir() const { return dir_; }

  // The numeric entries of /proc (processes; threads are not listed there), ascending.
  std::vector<int> Pids() const;

  // /proc/<pid>/<name> whole (procfs files report no size: read to the end), capped at `max` bytes.
  ProcStatus ReadFile(int pid, const char* name, std::string* out, std::size_t max = kMaxRead) const;
  // /proc/<relative> ("stat", "net/tcp6").
  ProcStatus ReadTop(const char* relative, std::string* out, std::size_t max = kMaxRead) const;
  // The text of the link /proc/<pid>/<name> ("exe", "cwd").
  ProcStatus ReadLink(int pid, const char* name, std::string* out) const;
  // Every descriptor of /proc/<pid>/fd with its link text (a descriptor closed meanwhile is left out).
  ProcStatus ListFds(int pid, std::vector<FdLink>* out) const;
  // stat(2) of what /proc/<pid>/<name> (a magic link: "exe", "fd/3") refers to.
  ProcStatus StatTarget(int pid, const char* name, struct stat* st) const;
  // Opens what /proc/<pid>/<name> refers to, through the magic link (so a deleted executable is
  // still readable), only when it is the regular file `expected` (from StatTarget): no FIFO or
  // device is ever opened.
  OpenResult OpenTarget(int pid, const char* name, ListedIdentity expected) const;

  // Clock ticks per second, the unit of the times in /proc/<pid>/stat.
  static long ClockTicks();

  static constexpr std::size_t kMaxRead = 64u << 20;

 private:
  ProcFs(int fd, std::string dir) : fd_(fd), dir_(std::move(dir)) {}
  ProcStatus Read(const std::string& relative, std::string* out, std::size_t max) const;

  int fd_ = -1;
  std::string dir_;
};

}  // namespace iocscan::platform
