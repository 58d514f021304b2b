// SafeOpen on Windows (platform/safe_open.h): the file is opened by its full path for reading,
// sharing read, write and delete (the host's programs keep working on it), without following a
// reparse point unless asked; then it must be a plain disk file with the listed identity. Reads go
// through an OVERLAPPED offset, so Read and ReadAt never disturb each other.
#include "platform/safe_open.h"

#include <cerrno>

#include "platform/windows/handle_stat.h"
#include "platform/windows/win_text.h"

namespace iocscan::platform {
namespace {

OpenResult Failed(OpenFailure f, int err) {
  OpenResult r;
  r.failure = f;
  r.error = err;
  return r;
}

OpenFailure FailureOf(DWORD error) {
  switch (error) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case ERROR_DELETE_PENDING:
      return OpenFailure::kVanished;
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION:  // opened exclusively by its owner (pagefile, registry hives)
    case ERROR_LOCK_VIOLATION:
      return OpenFailure::kPermission;
    case ERROR_CANT_ACCESS_FILE:
      return OpenFailure::kNotRegular;
    default:
      return OpenFailure::kOther;
  }
}

// Reads at `offset` (at most one DWORD's worth); -1 with *error set on failure.
std::int64_t ReadAtOffset(HANDLE h, std::uint64_t offset, void* buffer, std::size_t want, int* error) {
  OVERLAPPED at{};
  at.Offset = static_cast<DWORD>(offset);
  at.OffsetHigh = static_cast<DWORD>(offset >> 32);
  DWORD chunk = want > (1u << 30) ? (1u << 30) : static_cast<DWORD>(want);
  DWORD got = 0;
  if (!::ReadFile(h, buffer, chunk, &got, &at)) {
    DWORD e = ::GetLastError();
    if (e == ERROR_HANDLE_EOF) return 0;
    *error = win::ErrnoOf(e);
    return -1;
  }
  return got;
}

}  // namespace

void OpenedFile::Close() {
  if (file_ != kNoFile) ::CloseHandle(file_);
  file_ = kNoFile;
}

std::int64_t OpenedFile::Read(void* buffer, std::size_t capacity) {
  std::int64_t n = ReadAt(position_, buffer, capacity);
  if (n > 0) position_ += static_cast<std::uint64_t>(n);
  return n;
}

std::int64_t OpenedFile::ReadAt(std::uint64_t offset, void* buffer, std::size_t capacity) {
  if (file_ == kNoFile) {
    error_ = EBADF;
    return -1;
  }
  if (offset >= size() || capacity == 0) return 0;
  std::uint64_t left = size() - offset;
  std::size_t want = left < capacity ? static_cast<std::size_t>(left) : capacity;
  return ReadAtOffset(file_, offset, buffer, want, &error_);
}

OpenResult SafeOpen(int dir_fd, const char* name, ListedIdentity expected, bool follow_symlink) {
  if (dir_fd != kCurrentDir) return Failed(OpenFailure::kOther, EBADF);
  DWORD flags = FILE_FLAG_SEQUENTIAL_SCAN | (follow_symlink ? 0 : FILE_FLAG_OPEN_REPARSE_POINT);
  HANDLE h = ::CreateFileW(win::ExtendedPath(name).c_str(), GENERIC_READ,
                           FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr, OPEN_EXISTING, flags,
                           nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    DWORD e = ::GetLastError();
    return Failed(FailureOf(e), win::ErrnoOf(e));
  }
  if (::GetFileType(h) != FILE_TYPE_DISK) {  // a pipe, console or device
    ::CloseHandle(h);
    return Failed(OpenFailure::kNotRegular, 0);
  }
  int err = 0;
  std::optional<FileStat> st = win::StatOfHandle(h, &err);
  if (!st) {
    ::CloseHandle(h);
    return Failed(OpenFailure::kOther, err);
  }
  if (st->type != FileType::kRegular) {
    ::CloseHandle(h);
    return Failed(OpenFailure::kNotRegular, 0);
  }
  bool known = expected.dev != 0 || expected.ino != 0;
  if (known && (st->dev != expected.dev || st->ino != expected.ino)) {
    ::CloseHandle(h);
    return Failed(OpenFailure::kChanged, 0);
  }
  OpenResult r;
  r.file = OpenedFile(h, *st);
  return r;
}

}  // namespace iocscan::platform
