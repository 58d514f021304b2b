#include "collect/registry/registry_value.h"

#include <array>
#include <cstddef>

#include "core/wtf8.h"

namespace iocscan::collect {
namespace {

constexpr std::array<std::string_view, 12> kTypeNames = {
    "REG_NONE",  "REG_SZ",       "REG_EXPAND_SZ",     "REG_BINARY",
    "REG_DWORD", "REG_DWORD_BIG_ENDIAN", "REG_LINK",  "REG_MULTI_SZ",
    "REG_RESOURCE_LIST", "REG_FULL_RESOURCE_DESCRIPTOR", "REG_RESOURCE_REQUIREMENTS_LIST", "REG_QWORD"};

std::string Hex(std::string_view data) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(data.size() * 2);
  for (char c : data) {
    auto b = static_cast<unsigned char>(c);
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

// The UTF-16LE code units of `data`; a trailing odd byte cannot be a unit and is dropped.
std::u16string Units(std::string_view data) {
  std::u16string units(data.size() / 2, u'\0');
  for (std::size_t i = 0; i < units.size(); ++i) {
    units[i] = static_cast<char16_t>(static_cast<unsigned char>(data[2 * i]) |
                                     (static_cast<unsigned char>(data[2 * i + 1]) << 8));
  }
  return units;
}

std::string String(std::string_view data) {
  std::u16string units = Units(data);
  std::u16string_view s(units);
  return Utf8FromUtf16(s.substr(0, s.find(u'\0')));
}

std::string MultiString(std::string_view data) {
  std::u16string units = Units(data);
  std::u16string_view rest(units);
  std::string out;
  while (!rest.empty()) {
    std::size_t end = rest.find(u'\0');
    std::u16string_view one = rest.substr(0, end);
    if (!one.empty()) {
      if (!out.empty()) out += '\n';
      out += Utf8FromUtf16(one);
    }
    if (end == std::u16string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return out;
}

// An unsigned number of `size` bytes, little- or big-endian; hex when the size is not `size`.
std::string Number(std::string_view data, std::size_t size, bool big_endian) {
  if (data.size() != size) return Hex(data);
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < size; ++i) {
    std::size_t at = big_endian ? i : size - 1 - i;
    v = (v << 8) | static_cast<unsigned char>(data[at]);
  }
  return std::to_string(v);
}

}  // namespace

std::string RegTypeName(std::uint32_t type) {
  if (type < kTypeNames.size()) return std::string(kTypeNames[type]);
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  do {
    hex.insert(hex.begin(), kDigits[type & 15]);
    type >>= 4;
  } while (type != 0);
  return "REG_0x" + hex;
}

std::string RegValueText(std::uint32_t type, std::string_view data) {
  switch (type) {
    case kRegSz:
    case kRegExpandSz:
    case kRegLink:
      return String(data);
    case kRegMultiSz:
      return MultiString(data);
    case kRegDword:
      return Number(data, 4, false);
    case kRegDwordBigEndian:
      return Number(data, 4, true);
    case kRegQword:
      return Number(data, 8, false);
    default:
      return Hex(data);
  }
}

}  // namespace iocscan::collect
