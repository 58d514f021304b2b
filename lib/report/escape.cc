#include "report/escape.h"

#include <cstdint>

#include <fmt/format.h>

namespace iocscan::report {
namespace {

bool InRange(std::string_view s, std::size_t pos, unsigned lo, unsigned hi) {
  if (pos >= s.size()) return false;
  const unsigned b = static_cast<unsigned char>(s[pos]);
  return b >= lo && b <= hi;
}

int UpperHexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The byte that "%XX" at `pos` stands for, or -1 when the text there is not an escape.
int EscapeAt(std::string_view s, std::size_t pos) {
  if (pos + 3 > s.size() || s[pos] != '%') return -1;
  const int hi = UpperHexValue(s[pos + 1]);
  const int lo = UpperHexValue(s[pos + 2]);
  if (hi < 0 || lo < 0) return -1;
  const int value = hi * 16 + lo;
  return value == 0x25 || value >= 0x80 ? value : -1;
}

// Decodes the code point of a sequence already known to be valid and `len` bytes long.
std::uint32_t CodePoint(std::string_view s, std::size_t pos, std::size_t len) {
  static constexpr unsigned kLeadMask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
  std::uint32_t cp = static_cast<unsigned char>(s[pos]) & kLeadMask[len];
  for (std::size_t i = 1; i < len; ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[pos + i]) & 0x3F);
  return cp;
}

// Code points that must not reach a terminal raw: they move the cursor, ring, switch modes, or
// reorder/split the line so that what is shown is not what the name is.
bool NeedsTerminalEscape(std::uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

std::size_t Utf8SequenceLength(std::string_view s, std::size_t pos) {
  const unsigned b = static_cast<unsigned char>(s[pos]);
  if (b < 0x80) return 1;
  // RFC 3629 section 4: the second byte's range depends on the lead byte.
  unsigned lo = 0x80, hi = 0xBF;
  std::size_t len = 0;
  if (b >= 0xC2 && b <= 0xDF) {
    len = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    len = 3;
    if (b == 0xE0) lo = 0xA0;  // no overlong forms
    if (b == 0xED) hi = 0x9F;  // no surrogates
  } else if (b >= 0xF0 && b <= 0xF4) {
    len = 4;
    if (b == 0xF0) lo = 0x90;  // no overlong forms
    if (b == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;  // a continuation byte, C0/C1 (always overlong) or F5..FF
  }
  if (!InRange(s, pos + 1, lo, hi)) return 0;
  for (std::size_t i = 2; i < len; ++i) {
    if (!InRange(s, pos + i, 0x80, 0xBF)) return 0;
  }
  return len;
}

std::string JsonSafe(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t pos = 0; pos < bytes.size();) {
    const std::size_t len = Utf8SequenceLength(bytes, pos);
    if (len == 0) {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(bytes[pos]));
      pos += 1;
    } else if (EscapeAt(bytes, pos) >= 0) {
      out += "%25";  // a literal '%' that a decoder would otherwise take for an escape
      pos += 1;
    } else {
      out.append(bytes.substr(pos, len));
      pos += len;
    }
  }
  return out;
}

std::string JsonUnsafe(std::string_view escaped) {
  std::string out;
  out.reserve(escaped.size());
  for (std::size_t pos = 0; pos < escaped.size();) {
    const int byte = EscapeAt(escaped, pos);
    if (byte >= 0) {
      out += static_cast<char>(byte);
      pos += 3;
    } else {
      out += escaped[pos];
      pos += 1;
    }
  }
  return out;
}

std::string TerminalSafe(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t pos = 0; pos < bytes.size();) {
    const std::size_t len = Utf8SequenceLength(bytes, pos);
    if (len == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(bytes[pos]));
      pos += 1;
      continue;
    }
    const std::uint32_t cp = CodePoint(bytes, pos, len);
    if (!NeedsTerminalEscape(cp)) {
      out.append(bytes.substr(pos, len));
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp < 0x80) {
      out += fmt::format("\\x{:02x}", cp);
    } else {
      out += fmt::format("\\u{:04x}", cp);
    }
    pos += len;
  }
  return out;
}

}  // namespace iocscan::report
