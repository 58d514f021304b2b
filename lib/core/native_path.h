// File names as UTF-8 text on every OS. iocscan keeps every path it prints or matches as UTF-8
// bytes; std::filesystem::path::string() would use the ANSI code page on Windows and mangle any
// name outside it. On POSIX a path is its bytes, unchanged.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace iocscan {

// The OS's own folder separator: what paths iocscan builds are joined with.
#ifdef _WIN32
inline constexpr char kPathSeparator = '\\';
#else
inline constexpr char kPathSeparator = '/';
#endif

inline std::filesystem::path PathFromUtf8(std::string_view text) {
#ifdef _WIN32
  return std::filesystem::path(std::u8string(text.begin(), text.end()));
#else
  return std::filesystem::path(std::string(text));
#endif
}

inline std::string Utf8FromPath(const std::filesystem::path& path) {
#ifdef _WIN32
  std::u8string u8 = path.u8string();
  return std::string(u8.begin(), u8.end());
#else
  return path.string();
#endif
}

// `path` with the OS's own separators ('/' become '\' on Windows; unchanged elsewhere).
inline std::string NativeSeparators(std::string_view path) {
  return Utf8FromPath(PathFromUtf8(path).make_preferred());
}

}  // namespace iocscan
