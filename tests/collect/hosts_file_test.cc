// /etc/hosts parsed from literal text: comments, aliases, IPv6 with zones, malformed lines.
#include <catch2/catch.hpp>

#include "collect/dns/hosts_file.h"

namespace iocscan::collect {
namespace {

TEST_CASE("hosts file: one record per name with aliases, comments and IPv6", "[collect][dns]") {
  std::vector<HostsRecord> r = ParseHostsFile(
      "# The following lines are desirable for IPv4 capable hosts\n"
      "127.0.0.1\tlocalhost\n"
      "127.0.1.1  vm.example.org vm   # the host itself\n"
      "\n"
      "::1     localhost ip6-localhost ip6-loopback\r\n"
      "fe80::1%eth0 router-ll\n"
      "   10.0.0.66 update.evil.example\n"
      "#10.0.0.1 commented.example\n"
      "999.1.1.1 bad-address.example\n"
      "10.0.0.2\n"
      "not-an-address name\n"
      "1.2.3.4%eth0 zone-on-ipv4\n"
      "2001:db8::5 last-line-without-newline");
  REQUIRE(r.size() == 9);
  CHECK(r[0].name == "localhost");
  CHECK(r[0].address == "127.0.0.1");
  CHECK_FALSE(r[0].ipv6);
  CHECK_FALSE(r[0].alias);
  CHECK(r[0].line == 2);
  CHECK(r[1].name == "vm.example.org");
  CHECK(r[2].name == "vm");
  CHECK(r[2].alias);
  CHECK(r[2].line == 3);
  CHECK(r[3].name == "localhost");
  CHECK(r[3].address == "::1");
  CHECK(r[3].ipv6);
  CHECK(r[5].name == "ip6-loopback");  // the CR is not part of the name
  CHECK(r[6].name == "router-ll");
  CHECK(r[6].address == "fe80::1");
  CHECK(r[6].zone == "eth0");
  CHECK(r[7].name == "update.evil.example");
  CHECK(r[7].address == "10.0.0.66");
  CHECK(r[7].line == 7);
  CHECK(r[8].name == "last-line-without-newline");
  CHECK(r[8].address == "2001:db8::5");
  CHECK(r[8].ipv6);
  CHECK(r[8].line == 13);
}

TEST_CASE("hosts file: empty and comment-only text", "[collect][dns]") {
  CHECK(ParseHostsFile("").empty());
  CHECK(ParseHostsFile("# nothing\n\n   \n").empty());
}

}  // namespace
}  // namespace iocscan::collect
