#include "platform/posix/dir_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#if defined(__linux__)
#include <sys/syscall.h>
#endif

namespace iocscan::platform {
namespace {

bool IsDotOrDotDot(const char* n) {
  return n[0] == '.' && (n[1] == '\0' || (n[1] == '.' && n[2] == '\0'));
}

#if defined(__linux__)
// The kernel's record layout for getdents64 (glibc has no public type for it before 2.30).
struct LinuxDirent64 {
  std::uint64_t d_ino;
  std::int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[1];
};
constexpr std::size_t kBufferBytes = 64 * 1024;
#endif

}  // namespace

DirReader::DirReader() {
#if defined(__linux__)
  buffer_.resize(kBufferBytes);
#endif
}

DirReader::~DirReader() { Release(); }

void DirReader::Release() {
#if !defined(__linux__)
  if (dir_ != nullptr) ::closedir(dir_);
  dir_ = nullptr;
#endif
  fd_ = -1;
}

bool DirReader::Open(int fd) {
  Release();
  error_ = 0;
#if defined(__linux__)
  if (::lseek(fd, 0, SEEK_SET) < 0) {  // a fresh fd is at 0 already; a reused one may not be
    error_ = errno;
    return false;
  }
  fd_ = fd;
  used_ = offset_ = 0;
  eof_ = false;
  return true;
#else
  int copy = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (copy < 0) {
    error_ = errno;
    return false;
  }
  dir_ = ::fdopendir(copy);
  if (dir_ == nullptr) {
    error_ = errno;
    ::close(copy);
    return false;
  }
  ::rewinddir(dir_);  // the duplicate shares the offset: start at the beginning
  fd_ = fd;
  return true;
#endif
}

bool DirReader::Next(Item* item) {
  if (fd_ < 0) return false;
#if defined(__linux__)
  for (;;) {
    if (offset_ >= used_) {
      if (eof_) return false;
      long n = ::syscall(SYS_getdents64, fd_, buffer_.data(), buffer_.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        eof_ = true;
        return false;
      }
      if (n == 0) {
        eof_ = true;
        return false;
      }
      used_ = static_cast<std::size_t>(n);
      offset_ = 0;
    }
    auto* d = reinterpret_cast<const LinuxDirent64*>(buffer_.data() + offset_);
    offset_ += d->d_reclen;
    if (IsDotOrDotDot(d->d_name)) continue;
    item->name = std::string_view(d->d_name);
    item->ino = static_cast<ino_t>(d->d_ino);
    item->type = d->d_type;
    return true;
  }
#else
  for (;;) {
    errno = 0;
    struct dirent* d = ::readdir(dir_);
    if (d == nullptr) {
      error_ = errno;
      return false;
    }
    if (IsDotOrDotDot(d->d_name)) continue;
    item->name = std::string_view(d->d_name);
    item->ino = d->d_ino;
    item->type = d->d_type;
    return true;
  }
#endif
}

}  // namespace iocscan::platform
