// The stat facts of one directory entry, without following a symlink unless asked, including
// the birth time where the kernel and filesystem record it (Linux statx STATX_BTIME, macOS
// st_birthtimespec). FileItem needs it for Created; plain fstatat has no birth time.
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <cstdint>
#include <optional>

namespace iocscan::platform {

struct FileStat {
  dev_t dev = 0;
  ino_t ino = 0;
  mode_t mode = 0;
  uid_t uid = 0;
  gid_t gid = 0;
  std::uint64_t nlink = 0;
  std::uint64_t size = 0;
  std::int64_t atime = 0;  // seconds since the epoch
  std::int64_t mtime = 0;
  std::int64_t ctime = 0;
  std::optional<std::int64_t> btime;  // absent when not recorded
};

// From a struct stat (no birth time on Linux).
FileStat FromStat(const struct stat& st);

// fstatat/statx of `name` relative to dir_fd (AT_SYMLINK_NOFOLLOW unless follow). On failure
// returns nullopt and sets *error to errno when error is given.
std::optional<FileStat> StatAt(int dir_fd, const char* name, bool follow, int* error = nullptr);

}  // namespace iocscan::platform
