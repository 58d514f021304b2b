// The few facts about the operating system that portable code needs.
#pragma once

#include <string_view>

namespace iocscan::platform {

#if defined(_WIN32)
inline constexpr std::string_view kName = "windows";
#elif defined(__APPLE__)
inline constexpr std::string_view kName = "macos";
#else
inline constexpr std::string_view kName = "linux";
#endif

}  // namespace iocscan::platform
