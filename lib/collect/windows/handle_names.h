// The names ProcessItem/HandleList/Handle/Name gives one open handle of a Windows process, from
// what the object manager says of it (pure, tested on Linux):
//   every named object   its object name: "\Sessions\1\BaseNamedObjects\Updater",
//                        "\REGISTRY\MACHINE\SOFTWARE\X", "\Device\HarddiskVolume3\Windows\x.dll"
//   a named kernel object under a BaseNamedObjects folder (Mutant, Event, Semaphore, Section,
//                        Timer, ...): also the bare name ("Updater"), as IOCs write mutexes
//                        (`is "THIS324NEWGAME"`)
//   a file               also its Win32 path ("C:\Windows\x.dll"), without the "\\?\" or "\??\"
//                        prefix the OS puts on it
//
//   HandleNames("Mutant", "\\Sessions\\1\\BaseNamedObjects\\Updater", "")
//       -> {"\\Sessions\\1\\BaseNamedObjects\\Updater", "Updater"}
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace iocscan::collect {

struct WinHandle {
  std::string type;                // the object type: "Mutant", "File", "Key", "Event", ...
  std::vector<std::string> names;  // HandleNames(); empty for an unnamed object
};

// `object_name`: NtQueryObject's name ("" for none); `win32_path`: a file's path as
// GetFinalPathNameByHandleW gives it ("" when not a file, or not asked).
std::vector<std::string> HandleNames(std::string_view type, std::string_view object_name,
                                     std::string_view win32_path);

}  // namespace iocscan::collect
