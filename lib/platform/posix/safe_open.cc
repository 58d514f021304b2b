#include "platform/safe_open.h"

#include <sys/stat.h>
#include "platform/posix/stat_convert.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace iocscan::platform {
namespace {

#ifndef O_NOATIME
constexpr int kNoAtime = 0;  // not on macOS
#else
constexpr int kNoAtime = O_NOATIME;
#endif

OpenFailure FailureOfErrno(int err) {
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return OpenFailure::kVanished;
    case ELOOP:   // O_NOFOLLOW on a symlink
    case ENXIO:   // a socket, or a FIFO/device without a peer
    case EISDIR:
    case ENODEV:
      return OpenFailure::kNotRegular;
    case EACCES:
    case EPERM:
      return OpenFailure::kPermission;
    default:
      return OpenFailure::kOther;
  }
}

OpenResult Failed(OpenFailure f, int err) {
  OpenResult r;
  r.failure = f;
  r.error = err;
  return r;
}

}  // namespace

void OpenedFile::Close() {
  if (file_ >= 0) ::close(file_);
  file_ = kNoFile;
}

std::int64_t OpenedFile::Read(void* buffer, std::size_t capacity) {
  if (file_ < 0) {
    error_ = EBADF;
    return -1;
  }
  std::uint64_t left = size() - position_;
  if (left == 0 || capacity == 0) return 0;
  std::size_t want = left < capacity ? static_cast<std::size_t>(left) : capacity;
  for (;;) {
    ssize_t n = ::read(file_, buffer, want);
    if (n >= 0) {
      position_ += static_cast<std::uint64_t>(n);
      return n;
    }
    if (errno == EINTR) continue;
    error_ = errno;
    return -1;
  }
}

std::int64_t OpenedFile::ReadAt(std::uint64_t offset, void* buffer, std::size_t capacity) {
  if (file_ < 0) {
    error_ = EBADF;
    return -1;
  }
  if (offset >= size() || capacity == 0) return 0;
  std::uint64_t left = size() - offset;
  std::size_t want = left < capacity ? static_cast<std::size_t>(left) : capacity;
  for (;;) {
    ssize_t n = ::pread(file_, buffer, want, static_cast<off_t>(offset));
    if (n >= 0) return n;
    if (errno == EINTR) continue;
    error_ = errno;
    return -1;
  }
}

OpenResult SafeOpen(int dir_fd, const char* name, ListedIdentity expected, bool follow_symlink) {
  int flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | (follow_symlink ? 0 : O_NOFOLLOW);
  int fd = ::openat(dir_fd, name, flags | kNoAtime);
  if (fd < 0 && errno == EPERM && kNoAtime != 0) fd = ::openat(dir_fd, name, flags);
  if (fd < 0) {
    int err = errno;
    return Failed(FailureOfErrno(err), err);
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return Failed(OpenFailure::kOther, err);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Failed(OpenFailure::kNotRegular, 0);
  }
  bool known = expected.dev != 0 || expected.ino != 0;
  if (known && (st.st_dev != expected.dev || st.st_ino != expected.ino)) {
    ::close(fd);
    return Failed(OpenFailure::kChanged, 0);
  }
  int fl = ::fcntl(fd, F_GETFL);
  if (fl < 0 || ::fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) != 0) {
    int err = errno;
    ::close(fd);
    return Failed(OpenFailure::kOther, err);
  }
  OpenResult r;
  r.file = OpenedFile(fd, FromStat(st));
  return r;
}

}  // namespace iocscan::platform
