#include "platform/linux/proc_fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

namespace iocscan::platform {
namespace {

ProcStatus FromErrno(int e) {
  switch (e) {
    case ENOENT:
    case ESRCH:
    case ENOTDIR: return ProcStatus::kGone;
    case EACCES:
    case EPERM: return ProcStatus::kDenied;
    default: return ProcStatus::kError;
  }
}

std::string PidPath(int pid, const char* name) { return std::to_string(pid) + "/" + name; }

// A whole decimal number (directory entries of /proc and /proc/<pid>/fd).
bool ParseNonNegative(const char* s, int* out) {
  const char* end = s + std::strlen(s);
  auto [p, ec] = std::from_chars(s, end, *out);
  return ec == std::errc() && p == end && p != s && *out >= 0;
}

}  // namespace

Result<ProcFs> ProcFs::Open(const std::string& proc_dir) {
  int fd = ::open(proc_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Error{proc_dir, std::strerror(errno)};
  return ProcFs(fd, proc_dir);
}

ProcFs::~ProcFs() {
  if (fd_ >= 0) ::close(fd_);
}

ProcFs::ProcFs(ProcFs&& other) noexcept : fd_(other.fd_), dir_(std::move(other.dir_)) { other.fd_ = -1; }

ProcFs& ProcFs::operator=(ProcFs&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    dir_ = std::move(other.dir_);
    other.fd_ = -1;
  }
  return *this;
}

std::vector<int> ProcFs::Pids() const {
  std::vector<int> pids;
  int dfd = ::openat(fd_, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) return pids;
  DIR* dir = ::fdopendir(dfd);
  if (!dir) {
    ::close(dfd);
    return pids;
  }
  while (dirent* e = ::readdir(dir)) {
    int pid = 0;
    if (ParseNonNegative(e->d_name, &pid) && pid > 0) pids.push_back(pid);
  }
  ::closedir(dir);
  std::sort(pids.begin(), pids.end());
  return pids;
}

ProcStatus ProcFs::Read(const std::string& relative, std::string* out, std::size_t max) const {
  out->clear();
  int fd = ::openat(fd_, relative.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return FromErrno(errno);
  char buffer[16384];
  ProcStatus status = ProcStatus::kOk;
  while (out->size() < max) {
    ssize_t n = ::read(fd, buffer, std::min(sizeof buffer, max - out->size()));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      // ESRCH: the process exited between open and read.
      status = FromErrno(errno);
      break;
    }
    if (n == 0) break;
    out->append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return status;
}

ProcStatus ProcFs::ReadFile(int pid, const char* name, std::string* out, std::size_t max) const {
  return Read(PidPath(pid, name), out, max);
}

ProcStatus ProcFs::ReadTop(const char* relative, std::string* out, std::size_t max) const {
  return Read(relative, out, max);
}

ProcStatus ProcFs::ReadLink(int pid, const char* name, std::string* out) const {
  char buffer[4096];
  ssize_t n = ::readlinkat(fd_, PidPath(pid, name).c_str(), buffer, sizeof buffer);
  if (n < 0) return FromErrno(errno);
  out->assign(buffer, static_cast<std::size_t>(n));
  return ProcStatus::kOk;
}

ProcStatus ProcFs::ListFds(int pid, std::vector<FdLink>* out) const {
  out->clear();
  int dfd = ::openat(fd_, PidPath(pid, "fd").c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) return FromErrno(errno);
  DIR* dir = ::fdopendir(dfd);
  if (!dir) {
    ::close(dfd);
    return ProcStatus::kError;
  }
  while (dirent* e = ::readdir(dir)) {
    FdLink link;
    if (!ParseNonNegative(e->d_name, &link.fd)) continue;
    char buffer[4096];
    ssize_t n = ::readlinkat(dfd, e->d_name, buffer, sizeof buffer);
    if (n < 0) continue;  // closed since the listing
    link.target.assign(buffer, static_cast<std::size_t>(n));
    out->push_back(std::move(link));
  }
  ::closedir(dir);
  std::sort(out->begin(), out->end(), [](const FdLink& a, const FdLink& b) { return a.fd < b.fd; });
  return ProcStatus::kOk;
}

ProcStatus ProcFs::StatTarget(int pid, const char* name, struct stat* st) const {
  if (::fstatat(fd_, PidPath(pid, name).c_str(), st, 0) != 0) return FromErrno(errno);
  return ProcStatus::kOk;
}

long ProcFs::ClockTicks() {
  long ticks = ::sysconf(_SC_CLK_TCK);
  return ticks > 0 ? ticks : 100;
}

OpenResult ProcFs::OpenTarget(int pid, const char* name, ListedIdentity expected) const {
  return SafeOpen(fd_, PidPath(pid, name).c_str(), expected, /*follow_symlink=*/true);
}

}  // namespace iocscan::platform
