// Trimming a view of text by a set of characters; each parser names the set its format treats as
// blank (" \t" for a sudo log field, " \t\r\n" for XML text).
//
//   TrimAny("  KEY=value\r\n", " \t\r\n") -> "KEY=value"
#pragma once

#include <string_view>

namespace iocscan {

inline std::string_view TrimAny(std::string_view s, std::string_view chars) {
  std::size_t begin = s.find_first_not_of(chars);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(chars) - begin + 1);
}

}  // namespace iocscan
