// Registry value data as text, from literal bytes: strings with and without their terminator, odd
// lengths, multi-strings, numbers of both byte orders and of the wrong size, binary.
#include <catch2/catch.hpp>

#include <string>

#include "collect/registry/registry_value.h"

namespace iocscan::collect {
namespace {

// UTF-16LE bytes of an ASCII string (no terminator).
std::string Wide(std::string_view ascii) {
  std::string out;
  for (char c : ascii) out += std::string{c, '\0'};
  return out;
}
const std::string kNul("\0\0", 2);

TEST_CASE("registry type names", "[collect][registry]") {
  CHECK(RegTypeName(kRegSz) == "REG_SZ");
  CHECK(RegTypeName(kRegExpandSz) == "REG_EXPAND_SZ");
  CHECK(RegTypeName(kRegMultiSz) == "REG_MULTI_SZ");
  CHECK(RegTypeName(kRegDword) == "REG_DWORD");
  CHECK(RegTypeName(kRegDwordBigEndian) == "REG_DWORD_BIG_ENDIAN");
  CHECK(RegTypeName(kRegQword) == "REG_QWORD");
  CHECK(RegTypeName(kRegBinary) == "REG_BINARY");
  CHECK(RegTypeName(kRegNone) == "REG_NONE");
  CHECK(RegTypeName(kRegResourceRequirementsList) == "REG_RESOURCE_REQUIREMENTS_LIST");
  CHECK(RegTypeName(12) == "REG_0xc");
  CHECK(RegTypeName(0xffff0010u) == "REG_0xffff0010");
}

TEST_CASE("REG_SZ: UTF-16LE up to the first NUL, terminator optional, odd byte dropped", "[collect][registry]") {
  CHECK(RegValueText(kRegSz, Wide("C:\\Users\\Public\\evil.exe") + kNul) == "C:\\Users\\Public\\evil.exe");
  CHECK(RegValueText(kRegSz, Wide("no terminator")) == "no terminator");
  CHECK(RegValueText(kRegSz, Wide("abc") + kNul + Wide("garbage") + kNul) == "abc");
  CHECK(RegValueText(kRegSz, Wide("odd") + "x") == "odd");
  CHECK(RegValueText(kRegSz, Wide("odd") + std::string("\0", 1)) == "odd");
  CHECK(RegValueText(kRegSz, "") == "");
  CHECK(RegValueText(kRegSz, "x") == "");
  CHECK(RegValueText(kRegSz, kNul) == "");
  // Non-ASCII: U+00E9 and U+1F600 (a surrogate pair); an unpaired surrogate survives as WTF-8.
  CHECK(RegValueText(kRegSz, std::string("\xe9\x00\x3d\xd8\x00\xde", 6)) == "\xc3\xa9\xf0\x9f\x98\x80");
  CHECK(RegValueText(kRegSz, std::string("\x3d\xd8", 2)) == "\xed\xa0\xbd");
}

TEST_CASE("REG_EXPAND_SZ and REG_LINK are strings, not expanded", "[collect][registry]") {
  CHECK(RegValueText(kRegExpandSz, Wide("%SystemRoot%\\system32\\evil.dll") + kNul) ==
        "%SystemRoot%\\system32\\evil.dll");
  CHECK(RegValueText(kRegLink, Wide("\\Registry\\Machine\\SYSTEM\\ControlSet001")) ==
        "\\Registry\\Machine\\SYSTEM\\ControlSet001");
}

TEST_CASE("REG_MULTI_SZ: the strings joined by newlines, terminators dropped", "[collect][registry]") {
  CHECK(RegValueText(kRegMultiSz, Wide("autocheck autochk *") + kNul + Wide("evil") + kNul + kNul) ==
        "autocheck autochk *\nevil");
  CHECK(RegValueText(kRegMultiSz, Wide("one") + kNul + Wide("two")) == "one\ntwo");  // no terminators
  CHECK(RegValueText(kRegMultiSz, Wide("a") + kNul + kNul + Wide("b") + kNul + kNul) == "a\nb");
  CHECK(RegValueText(kRegMultiSz, kNul + kNul) == "");
  CHECK(RegValueText(kRegMultiSz, "") == "");
  CHECK(RegValueText(kRegMultiSz, Wide("x") + kNul + "y") == "x");  // odd byte dropped
}

TEST_CASE("numbers: unsigned decimal; the wrong size is hex", "[collect][registry]") {
  CHECK(RegValueText(kRegDword, std::string("\x01\x00\x00\x00", 4)) == "1");
  CHECK(RegValueText(kRegDword, std::string("\xff\xff\xff\xff", 4)) == "4294967295");
  CHECK(RegValueText(kRegDword, std::string("\x00\x01\x00\x00", 4)) == "256");
  CHECK(RegValueText(kRegDwordBigEndian, std::string("\x00\x00\x01\x00", 4)) == "256");
  CHECK(RegValueText(kRegQword, std::string("\x00\x00\x00\x00\x01\x00\x00\x00", 8)) == "4294967296");
  CHECK(RegValueText(kRegQword, std::string(8, '\xff')) == "18446744073709551615");
  CHECK(RegValueText(kRegDword, std::string("\x01\x02\x03", 3)) == "010203");  // truncated
  CHECK(RegValueText(kRegDword, std::string("\x01\x00\x00\x00\x00", 5)) == "0100000000");
  CHECK(RegValueText(kRegQword, std::string("\x01\x00\x00\x00", 4)) == "01000000");
  CHECK(RegValueText(kRegDword, "") == "");
}

TEST_CASE("binary and unknown types: lowercase hex", "[collect][registry]") {
  CHECK(RegValueText(kRegBinary, std::string("\x00\xde\xad\xBE\xef", 5)) == "00deadbeef");
  CHECK(RegValueText(kRegBinary, "") == "");
  CHECK(RegValueText(kRegNone, "A") == "41");
  CHECK(RegValueText(kRegFullResourceDescriptor, std::string("\x10", 1)) == "10");
  CHECK(RegValueText(0x1234, "ab") == "6162");
}

}  // namespace
}  // namespace iocscan::collect
