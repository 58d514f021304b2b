// Opening a file found by a directory walk, for reading its content, without being tricked.
//
// The walker lists `name` in the open directory `dir_fd` and sees its (dev, ino). Between that
// listing and the open, the entry may vanish, or be swapped for a symlink, a FIFO (a read would
// block forever), a device (a read may have side effects or never end) or another file. SafeOpen
// ("paranoid open", style.md):
//   openat(dir_fd, name, O_RDONLY|O_NOFOLLOW|O_NONBLOCK|O_NOATIME|O_CLOEXEC)
//     (retried without O_NOATIME on EPERM: only the owner may ask for it)
//   fstat: must be S_ISREG and the same (dev, ino) as the listing, else refused
//   O_NONBLOCK cleared, then reads stop at the size seen by that fstat (a growing log is read
//   up to its size at open, never chased).
// Windows (platform/windows/safe_open.cc): CreateFileW on the full path (dir_fd must be
// kCurrentDir) with FILE_FLAG_OPEN_REPARSE_POINT, sharing read/write/delete so the scan never
// blocks the host's own writers; the handle must be a disk file, not a folder nor a reparse
// point, with the listed (volume serial, file index).
// Failures are values (OpenFailure), so the scan can count unreadable files by reason.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "platform/file_stat.h"

namespace iocscan::platform {

enum class OpenFailure : std::uint8_t {
  kNone = 0,
  kVanished,    // ENOENT/ENOTDIR: the entry is gone
  kNotRegular,  // a symlink (O_NOFOLLOW), FIFO, socket, device or directory
  kChanged,     // another file than the one listed (dev/ino differ)
  kPermission,  // EACCES/EPERM
  kOther,       // any other errno (EIO, EMFILE, ...)
};
inline constexpr int kOpenFailureCount = 6;

std::string_view OpenFailureName(OpenFailure f);  // "vanished", "not-regular", ...

// What the listing saw; dev == 0 && ino == 0 means "not known, do not compare".
struct ListedIdentity {
  std::uint64_t dev = 0;
  std::uint64_t ino = 0;
};

// An open file of the OS: a descriptor, or a Windows HANDLE.
#ifdef _WIN32
using NativeFile = void*;
#else
using NativeFile = int;
#endif

// An open regular file; owns its descriptor. Movable, not copyable.
class OpenedFile {
 public:
  OpenedFile() = default;
  OpenedFile(NativeFile file, const FileStat& st);
  ~OpenedFile();
  OpenedFile(OpenedFile&& other) noexcept;
  OpenedFile& operator=(OpenedFile&& other) noexcept;
  OpenedFile(const OpenedFile&) = delete;
  OpenedFile& operator=(const OpenedFile&) = delete;

  bool is_open() const { return file_ != kNoFile; }
  const FileStat& stat() const { return stat_; }
  // The size seen at open: reads never go past it.
  std::uint64_t size() const { return stat_.size; }
  std::uint64_t position() const { return position_; }

  // Reads up to `capacity` bytes (and never past size()). Returns the count, 0 at the end, or -1
  // on an error (errno kept in error()). EINTR is retried.
  std::int64_t Read(void* buffer, std::size_t capacity);
  // Reads up to `capacity` bytes at `offset` (pread: the position is unchanged), never past
  // size(), for files read by record (a sparse lastlog indexed by uid). Same returns as Read.
  std::int64_t ReadAt(std::uint64_t offset, void* buffer, std::size_t capacity);
  int error() const { return error_; }
  // Up to `max` bytes from the current position (fewer at the end or on a read error), for the
  // small files read whole (a hosts file, a task file).
  std::string ReadUpTo(std::uint64_t max);

 private:
  void Close();

#ifdef _WIN32
  static inline const NativeFile kNoFile = reinterpret_cast<NativeFile>(-1);  // INVALID_HANDLE_VALUE
#else
  static constexpr NativeFile kNoFile = -1;
#endif
  NativeFile file_ = kNoFile;
  FileStat stat_;
  std::uint64_t position_ = 0;
  int error_ = 0;
};

struct OpenResult {
  OpenedFile file;                        // open when failure == kNone
  OpenFailure failure = OpenFailure::kNone;
  int error = 0;                          // errno behind the failure, 0 when none
  bool ok() const { return failure == OpenFailure::kNone; }
};

// Opens `name` (a single path component, or a path relative to dir_fd; kCurrentDir allowed) for
// reading. `follow_symlink` drops O_NOFOLLOW (the walker's --follow-symlinks for files; the
// listed identity is then the target's).
OpenResult SafeOpen(int dir_fd, const char* name, ListedIdentity expected, bool follow_symlink = false);

}  // namespace iocscan::platform
