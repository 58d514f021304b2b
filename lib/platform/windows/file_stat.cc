// StatAt on Windows (platform/file_stat.h): the entry is opened for its attributes only
// (FILE_READ_ATTRIBUTES never changes the access time, and sharing everything never blocks the
// host), without following a reparse point unless asked, and queried by handle.
#include "platform/file_stat.h"

#include <cerrno>

#include "platform/windows/handle_stat.h"
#include "platform/windows/win_text.h"

namespace iocscan::platform {
namespace win {

FileType TypeOfAttributes(DWORD attributes) {
  if (attributes & FILE_ATTRIBUTE_REPARSE_POINT) return FileType::kSymlink;
  if (attributes & FILE_ATTRIBUTE_DIRECTORY) return FileType::kDirectory;
  if (attributes & FILE_ATTRIBUTE_DEVICE) return FileType::kCharDevice;
  return FileType::kRegular;
}

std::optional<FileStat> StatOfHandle(HANDLE handle, int* error) {
  BY_HANDLE_FILE_INFORMATION info{};
  if (!::GetFileInformationByHandle(handle, &info)) {
    if (error) *error = ErrnoOf(::GetLastError());
    return std::nullopt;
  }
  FileStat f;
  f.dev = info.dwVolumeSerialNumber;
  f.ino = (static_cast<std::uint64_t>(info.nFileIndexHigh) << 32) | info.nFileIndexLow;
  f.attributes = info.dwFileAttributes;
  f.type = TypeOfAttributes(info.dwFileAttributes);
  f.mode = (info.dwFileAttributes & FILE_ATTRIBUTE_READONLY) ? 0444 : 0666;
  f.has_owner_ids = false;
  f.nlink = info.nNumberOfLinks;
  f.size = (static_cast<std::uint64_t>(info.nFileSizeHigh) << 32) | info.nFileSizeLow;
  f.atime = EpochOf(info.ftLastAccessTime);
  f.mtime = EpochOf(info.ftLastWriteTime);
  f.btime = EpochOf(info.ftCreationTime);
  f.ctime = f.mtime;
  FILE_BASIC_INFO basic{};
  if (::GetFileInformationByHandleEx(handle, FileBasicInfo, &basic, sizeof basic) && basic.ChangeTime.QuadPart > 0) {
    f.ctime = EpochOfTicks(static_cast<std::uint64_t>(basic.ChangeTime.QuadPart));
  }
  return f;
}

}  // namespace win

std::optional<FileStat> StatAt(int dir_fd, const char* name, bool follow, int* error) {
  if (dir_fd != kCurrentDir) {
    if (error) *error = EBADF;
    return std::nullopt;
  }
  DWORD flags = FILE_FLAG_BACKUP_SEMANTICS | (follow ? 0 : FILE_FLAG_OPEN_REPARSE_POINT);
  HANDLE h = ::CreateFileW(win::ExtendedPath(name).c_str(), FILE_READ_ATTRIBUTES,
                           FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr, OPEN_EXISTING, flags,
                           nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    if (error) *error = win::ErrnoOf(::GetLastError());
    return std::nullopt;
  }
  std::optional<FileStat> st = win::StatOfHandle(h, error);
  ::CloseHandle(h);
  return st;
}

}  // namespace iocscan::platform
