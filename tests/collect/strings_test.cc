#include "collect/strings.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

using iocscan::collect::ExtractStrings;
using iocscan::collect::StringExtractor;
using iocscan::collect::StringsOptions;

namespace {

bool Has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

std::string Utf16(const std::string& ascii) {
  std::string out;
  for (char c : ascii) out += c, out += '\0';
  return out;
}

}  // namespace

TEST_CASE("ASCII runs of at least four printable bytes", "[collect][strings]") {
  std::string data = std::string("\x01\x02") + "abc" + '\0' + "abcd" + '\xff' + "tab\there" + '\n' + "x";
  auto found = ExtractStrings(data);
  CHECK(Has(found, "abcd"));
  CHECK(Has(found, "tab\there"));
  CHECK_FALSE(Has(found, "abc"));
  CHECK_FALSE(Has(found, "x"));
  CHECK(found.size() == 2);
}

TEST_CASE("UTF-16LE runs at even and odd offsets", "[collect][strings]") {
  std::string data = "\x90" + Utf16("CreateMutexW") + "\x90\x90" + Utf16("Glob") + "\x01\x02" + Utf16("abc");
  auto found = ExtractStrings(data);
  CHECK(Has(found, "CreateMutexW"));  // starts at an odd offset
  CHECK(Has(found, "Glob"));          // even offset
  CHECK_FALSE(Has(found, "abc"));
  CHECK_FALSE(Has(found, "C"));
}

TEST_CASE("a run split across chunks is found once", "[collect][strings]") {
  std::string data = "\x01" + std::string("http://evil.example/x") + "\x02" + Utf16("Global\\mutex") + "\x03";
  auto whole = ExtractStrings(data);
  std::sort(whole.begin(), whole.end());
  for (std::size_t chunk = 1; chunk <= 7; ++chunk) {
    StringExtractor x;
    for (std::size_t off = 0; off < data.size(); off += chunk) x.Feed(std::string_view(data).substr(off, chunk));
    auto parts = x.Finish();
    std::sort(parts.begin(), parts.end());
    CHECK(parts == whole);
  }
  CHECK(Has(whole, "http://evil.example/x"));
  CHECK(Has(whole, "Global\\mutex"));
}

TEST_CASE("duplicates are kept once; raw bytes are kept", "[collect][strings]") {
  auto found = ExtractStrings(std::string("same\0same\0same", 14));
  CHECK(found == std::vector<std::string>{"same"});
}

TEST_CASE("caps bound memory", "[collect][strings]") {
  StringsOptions o;
  o.max_string_bytes = 8;
  auto found = ExtractStrings(std::string(100, 'A'), o);
  CHECK(found == std::vector<std::string>{"AAAAAAAA"});

  StringsOptions few;
  few.max_count = 3;
  StringExtractor x(few);
  for (int i = 0; i < 100; ++i) x.Feed("item" + std::to_string(1000 + i) + '\0');
  auto capped = x.Finish();
  CHECK(capped.size() == 3);
  CHECK(x.capped());

  StringsOptions bytes;
  bytes.max_total_bytes = 20;
  auto limited = ExtractStrings(std::string("aaaaaaaaaa\0bbbbbbbbbb\0cccccccccc", 32), bytes);
  CHECK(limited.size() == 2);
}

TEST_CASE("min length is configurable", "[collect][strings]") {
  StringsOptions o;
  o.min_length = 6;
  auto found = ExtractStrings(std::string("abcde\0abcdef", 12), o);
  CHECK(found == std::vector<std::string>{"abcdef"});
}

TEST_CASE("random bytes give only printable strings of the minimum length", "[collect][strings]") {
  std::mt19937 rng(7);
  std::string data(1 << 16, '\0');
  for (char& c : data) c = static_cast<char>(rng());
  for (const std::string& s : ExtractStrings(data)) {
    CHECK(s.size() >= 4);
    for (char c : s) CHECK(((c >= 0x20 && c <= 0x7E) || c == '\t'));
  }
}
