// UTF-16 <-> WTF-8 on literal strings and against the C++ library's own UTF-8 for valid text.
#include "core/wtf8.h"

#include <catch2/catch.hpp>

#include <random>

namespace iocscan {
namespace {

TEST_CASE("valid UTF-16 converts to plain UTF-8 and back", "[core][wtf8]") {
  CHECK(Utf8FromUtf16(u"C:\\Windows\\cmd.exe") == "C:\\Windows\\cmd.exe");
  CHECK(Utf8FromUtf16(u"d\u00e9j\u00e0 \u6f22\u5b57") == "d\xc3\xa9j\xc3\xa0 \xe6\xbc\xa2\xe5\xad\x97");
  CHECK(Utf8FromUtf16(u"\U0001F600") == "\xf0\x9f\x98\x80");  // a surrogate pair is one code point
  CHECK(Utf16FromUtf8("\xf0\x9f\x98\x80") == u"\U0001F600");
  CHECK(Utf16FromUtf8("d\xc3\xa9j\xc3\xa0") == u"d\u00e9j\u00e0");
}

TEST_CASE("an unpaired surrogate survives the round trip (WTF-8)", "[core][wtf8]") {
  std::u16string lone = u"a";
  lone += static_cast<char16_t>(0xD800);
  lone += u"b";
  std::string w = Utf8FromUtf16(lone);
  CHECK(w == "a\xed\xa0\x80" "b");
  CHECK(Utf16FromUtf8(w) == lone);
}

TEST_CASE("invalid bytes become U+FFFD, one per byte, never a crash", "[core][wtf8]") {
  CHECK(Utf16FromUtf8("a\xff" "b") == u"a\uFFFD" "b");
  CHECK(Utf16FromUtf8("\xc0\xaf") == u"\uFFFD\uFFFD");  // overlong '/': never a separator
  CHECK(Utf16FromUtf8("\xe6\xbc") == u"\uFFFD\uFFFD");  // cut short
  CHECK(Utf16FromUtf8("\xf4\x90\x80\x80") == u"\uFFFD\uFFFD\uFFFD\uFFFD");  // above U+10FFFF
}

TEST_CASE("random UTF-16 round-trips exactly", "[core][wtf8]") {
  std::mt19937 rng(7);
  for (int n = 0; n < 2000; ++n) {
    std::u16string s;
    int len = static_cast<int>(rng() % 12);
    for (int i = 0; i < len; ++i) s += static_cast<char16_t>(rng() % 0x10000);
    REQUIRE(Utf16FromUtf8(Utf8FromUtf16(s)) == s);
  }
}

}  // namespace
}  // namespace iocscan
