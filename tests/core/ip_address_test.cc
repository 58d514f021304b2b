// The portable IP parsers accept exactly what inet_pton accepts (checked against the C library
// where there is one) and give the same bytes; the formatters write what inet_ntop writes.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "core/ip_address.h"

#ifndef _WIN32
#include <arpa/inet.h>
#endif

namespace iocscan {
namespace {

std::string V6Hex(const std::array<std::uint8_t, 16>& a) {
  static const char* kHex = "0123456789abcdef";
  std::string s;
  for (std::uint8_t b : a) s += {kHex[b >> 4], kHex[b & 15]};
  return s;
}

TEST_CASE("ip: IPv4 and IPv6 text forms", "[core][ip]") {
  std::array<std::uint8_t, 4> v4{};
  CHECK(ParseIpv4("192.168.0.255", &v4));
  CHECK(v4 == std::array<std::uint8_t, 4>{192, 168, 0, 255});
  for (const char* bad : {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "1.2.3.4 ", " 1.2.3.4",
                          "1.2.3.-4", "0x1.2.3.4", "1.2.3.4."}) {
    INFO(bad);
    CHECK_FALSE(ParseIpv4(bad, &v4));
  }
  std::array<std::uint8_t, 16> v6{};
  REQUIRE(ParseIpv6("::1", &v6));
  CHECK(V6Hex(v6) == "00000000000000000000000000000001");
  REQUIRE(ParseIpv6("2001:DB8::ff00:42:8329", &v6));
  CHECK(V6Hex(v6) == "20010db8000000000000ff0000428329");
  REQUIRE(ParseIpv6("::ffff:10.0.0.1", &v6));
  CHECK(V6Hex(v6) == "00000000000000000000ffff0a000001");
  REQUIRE(ParseIpv6("::", &v6));
  CHECK(V6Hex(v6) == std::string(32, '0'));
  for (const char* bad : {"", ":", ":::", "1::2::3", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "12345::", "1.2.3.4",
                          "::1.2.3", "1.2.3.4::", "fe80::1%eth0", "[::1]", "1:2:3:4:5:6:7::8", "g::"}) {
    INFO(bad);
    CHECK_FALSE(ParseIpv6(bad, &v6));
  }
}

TEST_CASE("ip: addresses are written as glibc writes them", "[core][ip]") {
  CHECK(FormatIpv4({127, 0, 0, 1}) == "127.0.0.1");
  CHECK(FormatIpv4({0, 0, 0, 0}) == "0.0.0.0");
  auto v6 = [](const char* text) {
    std::array<std::uint8_t, 16> a{};
    REQUIRE(ParseIpv6(text, &a));
    return FormatIpv6(a);
  };
  CHECK(v6("0:0:0:0:0:0:0:0") == "::");
  CHECK(v6("0:0:0:0:0:0:0:1") == "::1");
  CHECK(v6("2001:0DB8:0:0:1:0:0:1") == "2001:db8::1:0:0:1");  // the first of two equal runs
  CHECK(v6("2001:db8:0:1:1:1:1:1") == "2001:db8:0:1:1:1:1:1");  // one zero group stays
  CHECK(v6("fe80::") == "fe80::");
  CHECK(v6("::ffff:10.0.0.1") == "::ffff:10.0.0.1");
  CHECK(v6("::10.0.0.1") == "::10.0.0.1");
  CHECK(v6("::0.0.1.0") == "::100");
}

#ifndef _WIN32
TEST_CASE("ip: the formatters agree with inet_ntop on 200,000 random addresses", "[core][ip]") {
  std::mt19937 rng(99);
  for (int n = 0; n < 200000; ++n) {
    std::array<std::uint8_t, 16> a{};
    // Mostly zero bytes, so that runs, ties and the IPv4 forms come up often.
    for (std::uint8_t& b : a) b = rng() % 3 == 0 ? static_cast<std::uint8_t>(rng()) : 0;
    if (n % 5 == 0) a[10] = a[11] = 0xff;
    char libc[64] = {};
    REQUIRE(inet_ntop(AF_INET6, a.data(), libc, sizeof libc));
    REQUIRE(FormatIpv6(a) == libc);
    std::array<std::uint8_t, 4> b{a[12], a[13], a[14], a[15]};
    REQUIRE(inet_ntop(AF_INET, b.data(), libc, sizeof libc));
    REQUIRE(FormatIpv4(b) == libc);
  }
}

TEST_CASE("ip: the parsers agree with inet_pton on 300,000 random strings", "[core][ip]") {
  std::mt19937 rng(1234);
  const std::string alphabet = "0123456789abcdefABCDEF:.:.:0";
  std::size_t accepted4 = 0, accepted6 = 0;
  for (int n = 0; n < 300000; ++n) {
    std::string s;
    std::size_t len = rng() % 24;
    if (n % 3 == 0) {  // mostly well-formed dotted quads, sometimes broken
      s = std::to_string(rng() % 300) + "." + std::to_string(rng() % 300) + "." + std::to_string(rng() % 300) +
          "." + std::to_string(rng() % 300);
      if (rng() % 4 == 0) s.insert(rng() % (s.size() + 1), 1, alphabet[rng() % alphabet.size()]);
      if (n % 6 == 0) s = "::ffff:" + s;
    } else {
      for (std::size_t i = 0; i < len; ++i) s += alphabet[rng() % alphabet.size()];
    }
    INFO(s);
    std::array<std::uint8_t, 4> mine4{}, libc4{};
    bool ok4 = ParseIpv4(s, &mine4);
    REQUIRE(ok4 == (inet_pton(AF_INET, s.c_str(), libc4.data()) == 1));
    if (ok4) REQUIRE(mine4 == libc4);
    std::array<std::uint8_t, 16> mine6{}, libc6{};
    bool ok6 = ParseIpv6(s, &mine6);
    REQUIRE(ok6 == (inet_pton(AF_INET6, s.c_str(), libc6.data()) == 1));
    if (ok6) REQUIRE(mine6 == libc6);
    accepted4 += ok4;
    accepted6 += ok6;
  }
  CHECK(accepted4 > 1000);
  CHECK(accepted6 > 1000);
}
#endif

}  // namespace
}  // namespace iocscan
