#include "collect/windows/system_fields.h"

#include <array>

#include "core/ip_address.h"

namespace iocscan::collect {

std::string FormatMac(std::span<const std::uint8_t> bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : bytes) {
    if (!out.empty()) out += ':';
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
  }
  return out;
}

std::string WindowsOsName(std::string_view product, std::string_view display_version, std::string_view build) {
  std::string out(product.empty() ? "Windows" : product);
  if (!display_version.empty()) out += " " + std::string(display_version);
  if (!build.empty()) out += " (build " + std::string(build) + ")";
  return out;
}

}  // namespace iocscan::collect
