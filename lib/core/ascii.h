// ASCII case folding: OpenIOC names, registry key prefixes, task paths and file extensions are
// compared without regard to ASCII case (non-ASCII bytes compare as they are).
//
//   EqualsIgnoreCase("ProcessItem/Name", "processitem/name") -> true
//   StartsWithIgnoreCase("HKEY_Local_Machine\\x", "hkey_local_machine") -> true
//   AsciiLowered("\\Microsoft\\Windows") -> "\\microsoft\\windows"
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace iocscan {

constexpr char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

inline std::string AsciiLowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

constexpr bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

constexpr bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

constexpr bool EndsWithIgnoreCase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && EqualsIgnoreCase(s.substr(s.size() - suffix.size()), suffix);
}

}  // namespace iocscan
