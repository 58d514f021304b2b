// ASCII case folding for search paths, documents and type names. OpenIOC names are ASCII; the
// vendor lists spell them inconsistently (ProcessItem/name, PortItem/remoteIP), so every lookup
// in lib/terms folds case. Internal to lib/terms.
#pragma once

#include <cstddef>
#include <string_view>

namespace iocscan::terms {

constexpr char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

constexpr bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

}  // namespace iocscan::terms
