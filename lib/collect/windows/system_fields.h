// The portable halves of the Windows SystemInfoItem and UserItem collectors: how adapter
// addresses, OS names and account flags read from the Win32 API are written as field values
// (the same spellings as the Linux collectors where both have the field). Pure; tested on Linux.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace iocscan::collect {

// "00:1a:2b:3c:4d:5e" (lower case, colons, as Linux's sysfs writes it); "" for an empty address.
std::string FormatMac(std::span<const std::uint8_t> bytes);

// "Windows 10 Pro 22H2 (build 19045)" from the CurrentVersion values (any may be empty).
std::string WindowsOsName(std::string_view product, std::string_view display_version, std::string_view build);

// NetUserEnum's usri_last_logon: seconds since 1970, 0 = never (then no LastLogin).
inline bool IsNeverLoggedOn(std::uint32_t last_logon) { return last_logon == 0; }

}  // namespace iocscan::collect
