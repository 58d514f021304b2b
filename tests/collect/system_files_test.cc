// SystemInfoItem's text files parsed from literal text: os-release quoting, hostname, resolv.conf
// domain and search, the timezone from /etc/timezone or the /etc/localtime link, uptime text.
#include <catch2/catch.hpp>

#include "collect/system/system_files.h"

namespace iocscan::collect {
namespace {

TEST_CASE("os-release: quotes, escapes, comments, later wins", "[collect][system]") {
  OsRelease os = ParseOsRelease(
      "# comment\n"
      "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
      "NAME='Debian GNU/Linux'\n"
      "VERSION_ID=\"12\"\r\n"
      "ID=debian\n"
      "BAD KEY=x\n"
      "=novalue\n"
      "HOME_URL=\"https://www.debian.org/\"\n"
      "VARIANT=\"Say \\\"hi\\\"\"\n"
      "ID=debian2\n");
  CHECK(os.Get("PRETTY_NAME") == "Debian GNU/Linux 12 (bookworm)");
  CHECK(os.Get("NAME") == "Debian GNU/Linux");
  CHECK(os.Get("VERSION_ID") == "12");
  CHECK(os.Get("VARIANT") == "Say \"hi\"");
  CHECK(os.Get("ID") == "debian2");
  CHECK(os.Get("BAD KEY").empty());
  CHECK(os.Get("MISSING").empty());
  CHECK(os.values.size() == 6);
}

TEST_CASE("hostname file: first word of the first non-comment line", "[collect][system]") {
  CHECK(HostnameFromFile("web01\n") == "web01");
  CHECK(HostnameFromFile("# set by installer\n\n  db1.corp.example  \n other\n") == "db1.corp.example");
  CHECK(HostnameFromFile("").empty());
}

TEST_CASE("domain: resolv.conf domain or search, else the host name", "[collect][system]") {
  CHECK(ResolvConfDomain("nameserver 10.0.0.1\nsearch corp.example lan\n") == "corp.example");
  CHECK(ResolvConfDomain("domain a.example\nsearch b.example\n") == "b.example");  // the last wins
  CHECK(ResolvConfDomain("search .\n").empty());
  CHECK(ResolvConfDomain("domain corp.example.\n") == "corp.example");
  CHECK(ResolvConfDomain("nameserver 1.1.1.1\n").empty());
  CHECK(DomainOfHostname("db1.corp.example") == "corp.example");
  CHECK(DomainOfHostname("vm").empty());
}

TEST_CASE("timezone: /etc/timezone and the localtime link", "[collect][system]") {
  CHECK(ZoneFromTimezoneFile("Europe/Paris\n") == "Europe/Paris");
  CHECK(ZoneFromTimezoneFile("  Etc/UTC \r\n") == "Etc/UTC");
  CHECK(ZoneFromTimezoneFile("").empty());
  CHECK(ZoneFromLocaltimeLink("/usr/share/zoneinfo/Europe/Paris") == "Europe/Paris");
  CHECK(ZoneFromLocaltimeLink("../usr/share/zoneinfo/America/New_York") == "America/New_York");
  CHECK(ZoneFromLocaltimeLink("/usr/share/zoneinfo/posix/Asia/Tokyo") == "posix/Asia/Tokyo");
  CHECK(ZoneFromLocaltimeLink("/etc/somewhere-else").empty());
}

TEST_CASE("uptime text", "[collect][system]") {
  CHECK(FormatUptime(0) == "0d 0h 0m 0s");
  CHECK(FormatUptime(93784) == "1d 2h 3m 4s");
  CHECK(FormatUptime(-5) == "0d 0h 0m 0s");
}

}  // namespace
}  // namespace iocscan::collect
