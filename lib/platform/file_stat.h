// The stat facts of one directory entry, without following a symlink unless asked, on every OS:
// POSIX fills it from statx/fstatat (birth time where the kernel and filesystem record it: Linux
// statx STATX_BTIME, macOS st_birthtimespec), Windows from the file's handle information (volume
// serial and file index as dev/ino, creation time as the birth time). FileItem needs it for the
// stat terms and Created.
#pragma once

#ifndef _WIN32
#include <fcntl.h>  // AT_FDCWD
#endif

#include <cerrno>
#include <cstdint>
#include <optional>

// The walkers count "changed during the walk" as ESTALE; Windows' C library has no such errno.
#ifndef ESTALE
#define ESTALE 116
#endif

namespace iocscan::platform {

enum class FileType : std::uint8_t {
  kUnknown,
  kRegular,
  kDirectory,
  kSymlink,  // on Windows: any reparse point (symlink, junction, mount point)
  kFifo,
  kSocket,
  kCharDevice,
  kBlockDevice,
};

struct FileStat {
  std::uint64_t dev = 0;   // device (POSIX st_dev) or volume serial number (Windows)
  std::uint64_t ino = 0;   // inode or NTFS file index: with dev, the file's identity
  FileType type = FileType::kUnknown;
  std::uint32_t mode = 0;  // POSIX st_mode (type and permission bits); Windows: 0444 read-only, else 0666
  bool has_owner_ids = true;  // uid/gid are meaningful (not on Windows, where owners are SIDs)
  std::uint32_t uid = 0;
  std::uint32_t gid = 0;
  std::uint32_t attributes = 0;  // Windows FILE_ATTRIBUTE_* bits; 0 elsewhere
  std::uint64_t nlink = 0;
  std::uint64_t size = 0;
  std::int64_t atime = 0;  // seconds since the epoch
  std::int64_t mtime = 0;
  std::int64_t ctime = 0;  // status change (POSIX); Windows: the NTFS change time
  std::optional<std::int64_t> btime;  // absent when not recorded
};

// The folder that relative names are resolved from: StatAt/SafeOpen with it take a path. On
// Windows it is the only accepted folder: names there are full UTF-8 paths.
#ifdef _WIN32
inline constexpr int kCurrentDir = -100;
#else
inline constexpr int kCurrentDir = AT_FDCWD;
#endif

// The stat of `name` relative to dir_fd (not following a final symlink unless `follow`). On
// failure returns nullopt and sets *error to an errno value when error is given.
std::optional<FileStat> StatAt(int dir_fd, const char* name, bool follow, int* error = nullptr);

}  // namespace iocscan::platform
