#include "ioc/text_util.h"

namespace iocscan::ioc {

std::string OneLine(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = '?';
  }
  return out;
}

bool HasExtension(std::string_view name, std::string_view ext) {
  return name.size() > ext.size() && EqualsIgnoreCase(name.substr(name.size() - ext.size()), ext);
}

std::optional<bool> ParseXsBoolean(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  std::size_t b = s.find_first_not_of(kSpace);
  if (b == std::string_view::npos) return std::nullopt;
  s = s.substr(b, s.find_last_not_of(kSpace) - b + 1);
  if (s == "1" || EqualsIgnoreCase(s, "true")) return true;
  if (s == "0" || EqualsIgnoreCase(s, "false")) return false;
  return std::nullopt;
}

}  // namespace iocscan::ioc
