// LowerPriority on Linux: nice 19 (setpriority) and the idle I/O scheduling class (ioprio_set, no
// glibc wrapper). Both apply to the calling thread and are inherited by the threads it creates.
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "platform/host_info.h"

namespace iocscan::platform {
namespace {

// From linux/ioprio.h (not always installed).
constexpr int kIoprioWhoProcess = 1;
constexpr int kIoprioClassIdle = 3;
constexpr int kIoprioClassShift = 13;

}  // namespace

Status LowerPriority() {
  if (::setpriority(PRIO_PROCESS, 0, 19) != 0) {
    return Error{"--low-priority", std::string("cannot set nice 19: ") + std::strerror(errno)};
  }
  if (::syscall(SYS_ioprio_set, kIoprioWhoProcess, 0, kIoprioClassIdle << kIoprioClassShift) != 0) {
    return Error{"--low-priority", std::string("cannot set the idle I/O class: ") + std::strerror(errno)};
  }
  return Ok{};
}

}  // namespace iocscan::platform
