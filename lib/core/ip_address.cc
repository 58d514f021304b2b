#include "core/ip_address.h"

#include "core/hex.h"

#include <algorithm>
#include <vector>

namespace iocscan {
namespace {

// Parses a run of groups "h:h:...:h" (maybe empty) into 16-bit words; `allow_v4_tail` lets the last
// group be a dotted quad (two words).
bool ParseGroups(std::string_view text, bool allow_v4_tail, std::vector<std::uint16_t>* words) {
  if (text.empty()) return true;
  std::size_t pos = 0;
  for (;;) {
    std::size_t end = text.find(':', pos);
    std::string_view group = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    if (end == std::string_view::npos && allow_v4_tail && group.find('.') != std::string_view::npos) {
      std::array<std::uint8_t, 4> v4{};
      if (!ParseIpv4(group, &v4)) return false;
      words->push_back(static_cast<std::uint16_t>(v4[0] << 8 | v4[1]));
      words->push_back(static_cast<std::uint16_t>(v4[2] << 8 | v4[3]));
      return true;
    }
    if (group.empty() || group.size() > 4) return false;
    unsigned value = 0;
    for (char c : group) {
      int d = HexDigitValue(c);
      if (d < 0) return false;
      value = value << 4 | static_cast<unsigned>(d);
    }
    words->push_back(static_cast<std::uint16_t>(value));
    if (end == std::string_view::npos) return true;
    pos = end + 1;
  }
}

}  // namespace

bool ParseIpv4(std::string_view text, std::array<std::uint8_t, 4>* out) {
  std::array<std::uint8_t, 4> parts{};
  std::size_t part = 0, digits = 0;
  unsigned value = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '.') {
      if (digits == 0 || part == 4) return false;
      parts[part++] = static_cast<std::uint8_t>(value);
      digits = value = 0;
      continue;
    }
    char c = text[i];
    if (c < '0' || c > '9') return false;
    if (digits > 0 && value == 0) return false;  // a leading zero
    value = value * 10 + static_cast<unsigned>(c - '0');
    if (++digits > 3 || value > 255) return false;
  }
  if (part != 4) return false;
  *out = parts;
  return true;
}

bool ParseIpv6(std::string_view text, std::array<std::uint8_t, 16>* out) {
  std::vector<std::uint16_t> head, tail;
  std::size_t gap = text.find("::");
  bool ok = false;
  if (gap == std::string_view::npos) {
    ok = ParseGroups(text, true, &head) && head.size() == 8;
  } else {
    std::string_view before = text.substr(0, gap), after = text.substr(gap + 2);
    ok = after.find("::") == std::string_view::npos && ParseGroups(before, false, &head) &&
         ParseGroups(after, true, &tail) && head.size() + tail.size() <= 7;
  }
  if (!ok) return false;
  std::array<std::uint16_t, 8> words{};
  std::copy(head.begin(), head.end(), words.begin());
  std::copy(tail.begin(), tail.end(), words.end() - static_cast<std::ptrdiff_t>(tail.size()));
  for (std::size_t i = 0; i < 8; ++i) {
    (*out)[2 * i] = static_cast<std::uint8_t>(words[i] >> 8);
    (*out)[2 * i + 1] = static_cast<std::uint8_t>(words[i] & 0xff);
  }
  return true;
}

std::string FormatIpv4(const std::array<std::uint8_t, 4>& bytes) {
  return std::to_string(bytes[0]) + "." + std::to_string(bytes[1]) + "." + std::to_string(bytes[2]) + "." +
         std::to_string(bytes[3]);
}

std::string FormatIpv6(const std::array<std::uint8_t, 16>& bytes) {
  std::array<std::uint16_t, 8> words{};
  for (std::size_t i = 0; i < 8; ++i) words[i] = static_cast<std::uint16_t>(bytes[2 * i] << 8 | bytes[2 * i + 1]);
  // The longest run of zero groups; only a run of two or more is compressed.
  std::size_t best = 8, best_len = 0;
  for (std::size_t i = 0; i < 8;) {
    std::size_t j = i;
    while (j < 8 && words[j] == 0) ++j;
    if (j - i > best_len) best = i, best_len = j - i;
    i = j == i ? i + 1 : j;
  }
  if (best_len < 2) best = 8;
  std::string out;
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < 8; ++i) {
    if (i == best) {
      out += i == 0 ? "::" : ":";
      i += best_len - 1;
      continue;
    }
    if (i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && words[5] == 0xffff))) {
      return out + FormatIpv4({bytes[12], bytes[13], bytes[14], bytes[15]});
    }
    char group[5];
    int n = 0;
    bool started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
      unsigned digit = (words[i] >> shift) & 15;
      if (digit != 0 || started || shift == 0) group[n++] = kHex[digit], started = true;
    }
    out.append(group, static_cast<std::size_t>(n));
    if (i < 7) out += ':';
  }
  return out;
}

}  // namespace iocscan
