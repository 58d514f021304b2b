// The open handles of every process, for ProcessItem/HandleList/Handle/Type and Name: one
// NtQuerySystemInformation(SystemExtendedHandleInformation) snapshot per scan, taken on first use;
// a process's handles are then duplicated into this process (PROCESS_DUP_HANDLE) one at a time
// to ask NtQueryObject their type (cached by type index) and name (collect/windows/
// handle_names.h), and closed at once.
//
// Querying a name can block forever on a synchronous named pipe with a read pending, so a File
// handle is named only when GetFileType says it is a disk file and its access mask is not one of
// the masks such pipes are opened with; other File handles keep their type only.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "collect/windows/handle_names.h"

namespace iocscan::platform::win {

class SystemHandles {
 public:
  // Empty (nothing listed) when the snapshot cannot be taken.
  std::vector<collect::WinHandle> Of(std::int64_t pid);

 private:
  struct Entry {
    std::uint64_t value;   // the handle's value in its process
    std::uint32_t access;  // granted access mask
    std::uint16_t type;    // object type index
  };
  void Take();

  bool taken_ = false;
  std::multimap<std::int64_t, Entry> by_pid_;
  std::map<std::uint16_t, std::string> type_names_;
};

}  // namespace iocscan::platform::win
