#include "platform/file_stat.h"
#include "platform/posix/stat_convert.h"

#include <fcntl.h>
#if defined(__linux__)
#include <sys/sysmacros.h>
#endif

#include <cerrno>

namespace iocscan::platform {

FileType TypeOfMode(mode_t m) {
  if (S_ISREG(m)) return FileType::kRegular;
  if (S_ISDIR(m)) return FileType::kDirectory;
  if (S_ISLNK(m)) return FileType::kSymlink;
  if (S_ISFIFO(m)) return FileType::kFifo;
  if (S_ISSOCK(m)) return FileType::kSocket;
  if (S_ISCHR(m)) return FileType::kCharDevice;
  if (S_ISBLK(m)) return FileType::kBlockDevice;
  return FileType::kUnknown;
}

FileStat FromStat(const struct stat& st) {
  FileStat f;
  f.type = TypeOfMode(st.st_mode);
  f.dev = st.st_dev;
  f.ino = st.st_ino;
  f.mode = st.st_mode;
  f.uid = st.st_uid;
  f.gid = st.st_gid;
  f.nlink = static_cast<std::uint64_t>(st.st_nlink);
  f.size = st.st_size > 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
#if defined(__APPLE__)
  f.atime = st.st_atimespec.tv_sec;
  f.mtime = st.st_mtimespec.tv_sec;
  f.ctime = st.st_ctimespec.tv_sec;
  f.btime = st.st_birthtimespec.tv_sec;
#else
  f.atime = st.st_atim.tv_sec;
  f.mtime = st.st_mtim.tv_sec;
  f.ctime = st.st_ctim.tv_sec;
#endif
  return f;
}

std::optional<FileStat> StatAt(int dir_fd, const char* name, bool follow, int* error) {
  int at_flags = follow ? 0 : AT_SYMLINK_NOFOLLOW;
#if defined(STATX_BTIME)
  struct statx sx {};
  if (::statx(dir_fd, name, at_flags, STATX_BASIC_STATS | STATX_BTIME, &sx) == 0) {
    FileStat f;
    f.dev = makedev(sx.stx_dev_major, sx.stx_dev_minor);
    f.ino = sx.stx_ino;
    f.mode = sx.stx_mode;
    f.type = TypeOfMode(sx.stx_mode);
    f.uid = sx.stx_uid;
    f.gid = sx.stx_gid;
    f.nlink = sx.stx_nlink;
    f.size = sx.stx_size;
    f.atime = sx.stx_atime.tv_sec;
    f.mtime = sx.stx_mtime.tv_sec;
    f.ctime = sx.stx_ctime.tv_sec;
    // Some filesystems (virtiofs, some FUSE) set STATX_BTIME with a zero birth time: not recorded.
    bool zero_btime = sx.stx_btime.tv_sec == 0 && sx.stx_btime.tv_nsec == 0;
    if ((sx.stx_mask & STATX_BTIME) && !zero_btime) f.btime = sx.stx_btime.tv_sec;
    return f;
  }
  if (errno != ENOSYS) {  // an old kernel without statx falls back to fstatat
    if (error) *error = errno;
    return std::nullopt;
  }
#endif
  struct stat st {};
  if (::fstatat(dir_fd, name, &st, at_flags) != 0) {
    if (error) *error = errno;
    return std::nullopt;
  }
  return FromStat(st);
}

}  // namespace iocscan::platform
