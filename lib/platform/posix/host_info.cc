#include "platform/host_info.h"

#include <fcntl.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace iocscan::platform {
namespace {

// os-release is a few hundred bytes; a hostile or odd one is cut at this.
constexpr std::size_t kMaxOsReleaseBytes = 64 * 1024;

std::string ReadCapped(const char* path) {
  int fd = ::open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return {};
  std::string text;
  char buf[4096];
  while (text.size() < kMaxOsReleaseBytes) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return text;
}

}  // namespace

HostInfo CurrentHost() {
  HostInfo host;
  struct utsname u {};
  std::string kernel;
  if (::uname(&u) == 0) {
    host.hostname = u.nodename;
    kernel = std::string(u.sysname) + " " + u.release + " " + u.machine;
  }
  std::string pretty = OsReleasePrettyName(ReadCapped("/etc/os-release"));
  if (pretty.empty()) pretty = OsReleasePrettyName(ReadCapped("/usr/lib/os-release"));
  host.os = pretty.empty() ? kernel : kernel.empty() ? pretty : pretty + "; " + kernel;
  return host;
}

}  // namespace iocscan::platform
