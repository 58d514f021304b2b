// Small conversions every Windows source needs: UTF-8 <-> the OS's UTF-16 (lossless, core/wtf8.h),
// extended-length paths, Win32 errors as errno values, FILETIME as epoch seconds.
#pragma once

#include <windows.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace iocscan::platform::win {

std::wstring Wide(std::string_view utf8);
std::string Utf8(std::wstring_view wide);

// An absolute "C:\x" or "\\server\share\x" in its extended-length form ("\\?\C:\x",
// "\\?\UNC\server\share\x"), '/' turned into '\': no MAX_PATH limit, no name rewriting (a
// trailing dot or space stays). Relative paths are only converted.
std::wstring ExtendedPath(std::string_view utf8);

// The errno value closest to a Win32 error (ENOENT, EACCES, EBUSY, ...; EIO otherwise).
int ErrnoOf(DWORD error);

// 100 ns ticks since 1601 (FILETIME, LARGE_INTEGER times) to seconds since 1970.
std::int64_t EpochOfTicks(std::uint64_t ticks);
inline std::int64_t EpochOf(const FILETIME& t) {
  return EpochOfTicks((static_cast<std::uint64_t>(t.dwHighDateTime) << 32) | t.dwLowDateTime);
}

}  // namespace iocscan::platform::win
