// What the job layer (lib/job) needs from the operating system, and nothing more: the local time
// zone's UTC offset, the boot time, an exclusive lock that dies with its process, and running a
// program without a shell. Interface here; the POSIX implementation is platform/posix/job_os.cc
// (boot time, executable path: platform/linux/job_os.cc), Windows' platform/windows/job_os.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace iocscan::platform {

// Seconds east of UTC in effect at `utc` in this process's local time zone (TZ, else the system's
// zone), e.g. 3600 in Berlin in winter, 7200 in summer. The C library's zone rules (localtime_r).
std::int64_t LocalUtcOffset(std::int64_t utc);

// Re-reads TZ (tzset): for tests that switch zones inside one process.
void ReloadLocalZone();

// When this host booted, seconds since the epoch; nullopt where unknown.
std::optional<std::int64_t> BootTime();

// The absolute path of the running executable ("" when unknown): what installed triggers call.
std::string ExecutablePath();

// An exclusive lock on a lock file, held until destroyed (or the process dies).
//
// It is flock(LOCK_EX|LOCK_NB) on `path` (created 0600 if missing): the kernel drops the lock when
// the descriptor is closed, which also happens when the holder is killed (even SIGKILL) or the
// host reboots. So a lock file left behind by a dead process is never "stale": the next process
// simply gets the lock. The holder's pid is written into the file for the "busy" message only.
// Windows: LockFileEx on the whole file, released by the system the same way (no pid message).
class ExclusiveLock {
 public:
  enum class State { kHeld, kBusy, kError };

  static ExclusiveLock TryAcquire(const std::string& path);

  ExclusiveLock(ExclusiveLock&& other) noexcept;
  ExclusiveLock& operator=(ExclusiveLock&&) = delete;
  ExclusiveLock(const ExclusiveLock&) = delete;
  ~ExclusiveLock();

  State state() const { return state_; }
  // kBusy: "held by process 1234"; kError: the system error.
  const std::string& message() const { return message_; }

 private:
  ExclusiveLock() = default;
  int fd_ = -1;
  void* handle_ = nullptr;  // Windows: the locked file's HANDLE
  State state_ = State::kError;
  std::string message_;
};

struct ProgramRun {
  int exit_code = -1;   // the exit status; 128 + signal when killed by one
  std::string out;      // stdout, when captured
};

// Runs argv[0] with argv (posix_spawn, no shell; argv[0] without a '/' is looked up in PATH).
// `input` (when given) is written to its stdin, else stdin is /dev/null; with `capture_out` its
// stdout is returned, else it shares ours. stderr is always shared. Waits for it to exit.
// Errors: the program could not be started.
Result<ProgramRun> RunProgram(const std::vector<std::string>& argv, const std::optional<std::string>& input,
                              bool capture_out);

// True when this process runs as root (POSIX) or elevated (Windows).
bool RunsPrivileged();

}  // namespace iocscan::platform
