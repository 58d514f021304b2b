// JSON and terminal escaping of names that may hold any bytes.
#include "report/escape.h"

#include <random>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace iocscan::report {
namespace {

std::string Bytes(std::initializer_list<unsigned> bytes) {
  std::string out;
  for (unsigned b : bytes) out += static_cast<char>(b);
  return out;
}

bool IsValidUtf8(std::string_view s) {
  for (std::size_t pos = 0; pos < s.size();) {
    const std::size_t len = Utf8SequenceLength(s, pos);
    if (len == 0) return false;
    pos += len;
  }
  return true;
}

TEST_CASE("JsonSafe leaves valid UTF-8 untouched", "[report][escape]") {
  for (const std::string& s : {std::string(""), std::string("/usr/bin/ls"), std::string("C:\\Windows\\x.exe"),
                               std::string("caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80"),
                               std::string("100% sure, %41 %2F %e9 %7F %"), std::string("\xEF\xBF\xBF\xF4\x8F\xBF\xBF"),
                               std::string("tab\there\nnewline\x1b[31m"), std::string("nul\0inside", 10)}) {
    INFO(s);
    CHECK(JsonSafe(s) == s);
  }
}

TEST_CASE("JsonSafe escapes each invalid byte as %XX", "[report][escape]") {
  CHECK(JsonSafe(Bytes({'a', 0x80, 'b'})) == "a%80b");                   // lone continuation byte
  CHECK(JsonSafe(Bytes({0xFF})) == "%FF");
  CHECK(JsonSafe(Bytes({0xFE, 0xFF})) == "%FE%FF");
  CHECK(JsonSafe(Bytes({0xC0, 0xAF})) == "%C0%AF");                      // overlong '/'
  CHECK(JsonSafe(Bytes({0xE0, 0x80, 0xAF})) == "%E0%80%AF");             // overlong 3-byte
  CHECK(JsonSafe(Bytes({0xF0, 0x80, 0x80, 0xAF})) == "%F0%80%80%AF");    // overlong 4-byte
  CHECK(JsonSafe(Bytes({0xED, 0xA0, 0x80})) == "%ED%A0%80");             // surrogate U+D800
  CHECK(JsonSafe(Bytes({0xED, 0xBF, 0xBF})) == "%ED%BF%BF");             // surrogate U+DFFF
  CHECK(JsonSafe(Bytes({0xF4, 0x90, 0x80, 0x80})) == "%F4%90%80%80");    // above U+10FFFF
  CHECK(JsonSafe(Bytes({0xC3})) == "%C3");                               // truncated at the end
  CHECK(JsonSafe(Bytes({0xE6, 0x97, 'x'})) == "%E6%97x");                // truncated in the middle
  CHECK(JsonSafe(Bytes({0xE9, 'c', 'o', 'l', 'e'})) == "%E9cole");       // Latin-1 "école"
  CHECK(JsonSafe(Bytes({0xED, 0x9F, 0xBF})) == Bytes({0xED, 0x9F, 0xBF})); // U+D7FF is fine
}

TEST_CASE("JsonSafe escapes a literal % only where a decoder would misread it", "[report][escape]") {
  CHECK(JsonSafe("%FF") == "%25FF");
  CHECK(JsonSafe("%25") == "%2525");
  CHECK(JsonSafe("%80x") == "%2580x");
  CHECK(JsonSafe("%7F") == "%7F");   // below 0x80 and not 25: never an escape
  CHECK(JsonSafe("%ff") == "%ff");   // lower case: never an escape
  CHECK(JsonSafe("%F") == "%F");
  CHECK(JsonSafe(Bytes({'%', 0xFF})) == "%%FF");
  CHECK(JsonUnsafe("%%FF") == Bytes({'%', 0xFF}));
  CHECK(JsonUnsafe("%2525") == "%25");
  CHECK(JsonUnsafe("%41%7F%ff") == "%41%7F%ff");
}

TEST_CASE("JsonSafe round-trips random byte strings and always yields valid UTF-8", "[report][escape]") {
  std::mt19937 rng(20261128);
  // An alphabet that makes '%', hex digits, lead and continuation bytes frequent, so look-alike
  // escapes, truncated sequences and valid multi-byte characters all occur often.
  const std::string interesting = "%%%%25FFAE80x\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80\xED\xA0\xC0\xF4\x90\x80\xBF";
  std::uniform_int_distribution<int> length(0, 24);
  std::uniform_int_distribution<int> any_byte(0, 255);
  std::uniform_int_distribution<std::size_t> pick(0, interesting.size() - 1);
  std::bernoulli_distribution from_alphabet(0.6);
  for (int i = 0; i < 10000; ++i) {
    std::string bytes;
    const int n = length(rng);
    for (int j = 0; j < n; ++j) {
      bytes += from_alphabet(rng) ? interesting[pick(rng)] : static_cast<char>(any_byte(rng));
    }
    const std::string safe = JsonSafe(bytes);
    REQUIRE(IsValidUtf8(safe));
    REQUIRE(JsonUnsafe(safe) == bytes);
    if (IsValidUtf8(bytes) && bytes.find('%') == std::string::npos) REQUIRE(safe == bytes);
    // A strict JSON library accepts it and gives the same string back.
    const std::string text = nlohmann::json(safe).dump();
    REQUIRE(nlohmann::json::parse(text).get<std::string>() == safe);
  }
}

TEST_CASE("TerminalSafe never lets a control character through", "[report][escape]") {
  CHECK(TerminalSafe("plain /usr/bin") == "plain /usr/bin");
  CHECK(TerminalSafe("a\nb") == "a\\nb");
  CHECK(TerminalSafe("a\tb\rc") == "a\\tb\\rc");
  CHECK(TerminalSafe("\x1b[2J") == "\\x1b[2J");
  CHECK(TerminalSafe("bell\a") == "bell\\x07");
  CHECK(TerminalSafe(std::string("nul\0x", 5)) == "nul\\x00x");
  CHECK(TerminalSafe("del\x7f") == "del\\x7f");
  CHECK(TerminalSafe("c1 \xC2\x9B" "31m") == "c1 \\u009b31m");            // CSI as a C1 code point
  CHECK(TerminalSafe(Bytes({'x', 0x9B, 'y'})) == "x\\x9by");              // a raw C1 byte is invalid UTF-8
  CHECK(TerminalSafe(Bytes({0xFF, 0xC3})) == "\\xff\\xc3");
  CHECK(TerminalSafe("evil\xE2\x80\xAEtxt.exe") == "evil\\u202etxt.exe");  // right-to-left override
  CHECK(TerminalSafe("line\xE2\x80\xA8sep") == "line\\u2028sep");
  CHECK(TerminalSafe("caf\xC3\xA9 \xF0\x9F\x98\x80") == "caf\xC3\xA9 \xF0\x9F\x98\x80");
  CHECK(TerminalSafe("C:\\Temp\\x") == "C:\\Temp\\x");
}

TEST_CASE("TerminalSafe output of any bytes holds no control character", "[report][escape]") {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> any_byte(0, 255);
  for (int i = 0; i < 2000; ++i) {
    std::string bytes;
    for (int j = 0; j < 16; ++j) bytes += static_cast<char>(any_byte(rng));
    const std::string shown = TerminalSafe(bytes);
    REQUIRE(IsValidUtf8(shown));
    for (unsigned char c : shown) REQUIRE((c >= 0x20 && c != 0x7F));
    REQUIRE(shown.find("\xC2\x80") == std::string::npos);  // not even U+0080..U+009F
    for (std::size_t p = 0; p + 1 < shown.size(); ++p) {
      REQUIRE_FALSE((static_cast<unsigned char>(shown[p]) == 0xC2 &&
                     static_cast<unsigned char>(shown[p + 1]) >= 0x80 &&
                     static_cast<unsigned char>(shown[p + 1]) <= 0x9F));
    }
  }
}

}  // namespace
}  // namespace iocscan::report
