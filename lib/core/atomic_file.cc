#include "core/atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#ifdef _WIN32
#include <io.h>
#endif

namespace iocscan {
namespace {

Error ErrnoError(const std::string& path, const char* what) {
  return Error{path, std::string(what) + ": " + std::strerror(errno)};
}

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

Status WriteFileAtomically(const std::string& path, std::string_view contents, Overwrite overwrite) {
  std::error_code ec;
  if (overwrite == Overwrite::kRefuse && std::filesystem::exists(std::filesystem::u8path(path), ec)) {
    return Error{path, "already exists (use --force to replace it)"};
  }
  // A rename would replace a device, FIFO or folder with a plain file: as root, `-o /dev/null`
  // would destroy the device. Only regular files (or nothing) are replaced.
  auto status = std::filesystem::symlink_status(std::filesystem::u8path(path), ec);
  if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    return Error{path, "is not a regular file: iocscan replaces only regular files"};
  }
  std::string temp = path + ".tmp-" + std::to_string(::getpid());
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string candidate = temp + "-" + std::to_string(attempt);
#ifdef _WIN32
    int fd = ::_open(candidate.c_str(), _O_WRONLY | _O_CREAT | _O_EXCL | _O_BINARY, _S_IREAD | _S_IWRITE);
#else
    int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
#endif
    if (fd < 0) {
      if (errno == EEXIST) continue;
      return ErrnoError(path, "cannot create a temporary file next to it");
    }
    bool written = WriteAll(fd, contents);
#ifndef _WIN32
    written = written && ::fsync(fd) == 0;
#endif
    int saved = errno;
    ::close(fd);
    if (!written) {
      std::remove(candidate.c_str());
      errno = saved;
      return ErrnoError(path, "cannot write");
    }
    if (overwrite == Overwrite::kRefuse && std::filesystem::exists(std::filesystem::u8path(path), ec)) {
      std::remove(candidate.c_str());
      return Error{path, "already exists (use --force to replace it)"};
    }
    std::filesystem::rename(candidate, path, ec);
    if (ec) {
      std::remove(candidate.c_str());
      return Error{path, "cannot rename the temporary file into place: " + ec.message()};
    }
    return Ok{};
  }
  return Error{path, "cannot create a temporary file next to it"};
}

}  // namespace iocscan
