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

std::string Unquote(std::string_view value) {
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
    value = value.substr(1, value.size() - 2);
  }
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size()) ++i;
    out += value[i];
  }
  return out;
}

}  // namespace

std::string OsReleasePrettyName(std::string_view text) {
  constexpr std::string_view kKey = "PRETTY_NAME=";
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (line.substr(0, kKey.size()) == kKey) return Unquote(line.substr(kKey.size()));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return {};
}

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

std::string ErrnoName(int error) {
  switch (error) {
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case ENOENT: return "ENOENT";
    case ENOTDIR: return "ENOTDIR";
    case ELOOP: return "ELOOP";
    case ESTALE: return "ESTALE";
    case EIO: return "EIO";
    case EMFILE: return "EMFILE";
    case ENFILE: return "ENFILE";
    case ENOMEM: return "ENOMEM";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case EINVAL: return "EINVAL";
    case EOVERFLOW: return "EOVERFLOW";
    case EBUSY: return "EBUSY";
    case EAGAIN: return "EAGAIN";
    case ENXIO: return "ENXIO";
    case ENODEV: return "ENODEV";
    case EXDEV: return "EXDEV";
    case ETXTBSY: return "ETXTBSY";
    default: return "E" + std::to_string(error);
  }
}

}  // namespace iocscan::platform
