#include "compile/text_fold.h"

#include <cstdint>

namespace iocscan::compile {
namespace {

char32_t LowerCodePoint(char32_t c) {
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 0x20;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  return c;
}

void AppendUtf8Two(char32_t c, std::string* out) {
  out->push_back(static_cast<char>(0xC0 | (c >> 6)));
  out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
}

}  // namespace

void FoldCase(std::string_view text, bool unicode, std::string* out) {
  out->clear();
  out->reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      out->push_back(b >= 'A' && b <= 'Z' ? static_cast<char>(b + 32) : static_cast<char>(b));
      continue;
    }
    // Every mapped code point is a two-byte sequence (U+0080..U+07FF) and maps to one.
    if (unicode && (b & 0xE0) == 0xC0 && i + 1 < text.size() &&
        (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
      char32_t c = (static_cast<char32_t>(b & 0x1F) << 6) |
                   (static_cast<unsigned char>(text[i + 1]) & 0x3F);
      if (c >= 0x80) {
        AppendUtf8Two(LowerCodePoint(c), out);
        ++i;
        continue;
      }
    }
    out->push_back(static_cast<char>(b));
  }
}

}  // namespace iocscan::compile
