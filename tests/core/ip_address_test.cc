// The portable IP parsers accept exactly what inet_pton accepts (checked against the C library
// where there is one) and give the same bytes.
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

#ifndef _WIN32
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
