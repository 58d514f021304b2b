// The name terms of FileItem from a full path, per OS convention (semantics.md "FileItem fields"):
//   POSIX    "/usr/bin/ls"                  folder "/usr/bin", name "ls"
//   Windows  "C:\Windows\System32\cmd.exe"  folder "Windows\System32" (no drive), name "cmd.exe",
//            drive "C:"; "\\server\share\x\y.exe" has folder "x" and drive "\\server\share"
// Pure: the walker's bytes in, views into them out (never assumed UTF-8).
#pragma once

#include <string_view>

namespace iocscan::collect {

struct PathParts {
  std::string_view folder;  // empty when none (a file in a drive's root on Windows)
  std::string_view name;
  std::string_view drive;   // Windows only
};

PathParts SplitPosixPath(std::string_view full);
PathParts SplitWindowsPath(std::string_view full);

// The convention of the OS this binary runs on.
inline PathParts SplitNativePath(std::string_view full) {
#ifdef _WIN32
  return SplitWindowsPath(full);
#else
  return SplitPosixPath(full);
#endif
}

}  // namespace iocscan::collect
