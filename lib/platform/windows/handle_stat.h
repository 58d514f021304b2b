// The FileStat of an open Windows handle: BY_HANDLE_FILE_INFORMATION (volume serial, file index,
// attributes, times, size, links) plus FILE_BASIC_INFO's change time.
#pragma once

#include <windows.h>

#include <optional>

#include "platform/file_stat.h"

namespace iocscan::platform::win {

FileType TypeOfAttributes(DWORD attributes);

// nullopt with *error set (errno value) when the handle cannot be queried.
std::optional<FileStat> StatOfHandle(HANDLE handle, int* error);

}  // namespace iocscan::platform::win
