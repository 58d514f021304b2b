// What a match card says about the host it was found on, and the process-wide knobs a sweep on a
// production host needs. Interface here, one implementation per OS under platform/<os>/.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace iocscan::platform {

struct HostInfo {
  std::string hostname;  // the node name, as `uname -n` prints it
  std::string os;        // "Debian GNU/Linux 12 (bookworm); Linux 6.1.0-18-amd64 x86_64"
};

HostInfo CurrentHost();

// The PRETTY_NAME of an os-release file's text ("" when absent); quotes and escapes removed.
std::string OsReleasePrettyName(std::string_view os_release);

// Lowest CPU priority (nice 19) and, where the OS has one, the idle I/O class, for the calling
// thread and every thread it starts afterwards. Call before the workers start.
Status LowerPriority();

// "EACCES" for EACCES, ...; "E<number>" for an errno without a known name.
std::string ErrnoName(int error);

}  // namespace iocscan::platform
