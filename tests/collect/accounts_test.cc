// The account databases parsed from literal text: passwd with odd lines, group member lists,
// shadow lock states (and the wiped buffer), lastlog records built byte by byte.
#include <catch2/catch.hpp>

#include <cstring>

#include "collect/user/accounts.h"
#include "collect/user/lastlog.h"

namespace iocscan::collect {
namespace {

TEST_CASE("passwd entries: GECOS full name, empty shell, odd lines skipped", "[collect][user]") {
  std::vector<PasswdEntry> users = ParsePasswdEntries(
      "root:x:0:0:root:/root:/bin/bash\n"
      "# a comment\n"
      "\n"
      "+nisuser::::::\n"
      "-@netgroup\n"
      "alice:x:1000:1001:Alice Liddell,Room 7,555-1234,,:/home/alice:/bin/zsh\r\n"
      "broken:x:notanumber:0::/:/bin/sh\n"
      "short:x:5\n"
      ":x:6:6::/:/bin/sh\n"
      "noshell:x:1002:1002::/home/noshell:\n"
      "sixfields:x:1003:1003:Six:/srv/six\n"
      "colons:x:1004:1004:C:/home/c:/bin/sh:extra\n"
      "alice:x:1000:1001:duplicate:/x:/bin/sh");
  REQUIRE(users.size() == 6);
  CHECK(users[0].name == "root");
  CHECK(users[0].uid == 0);
  CHECK(users[0].shell == "/bin/bash");
  CHECK(users[1].name == "alice");
  CHECK(users[1].uid == 1000);
  CHECK(users[1].gid == 1001);
  CHECK(users[1].full_name == "Alice Liddell");
  CHECK(users[1].home == "/home/alice");
  CHECK(users[1].shell == "/bin/zsh");  // the CR is not part of it
  CHECK(users[2].name == "noshell");
  CHECK(users[2].shell.empty());
  CHECK(users[2].full_name.empty());
  CHECK(users[3].name == "sixfields");
  CHECK(users[3].home == "/srv/six");
  CHECK(users[3].shell.empty());
  CHECK(users[4].shell == "/bin/sh:extra");  // the last field keeps what follows
  CHECK(users[5].full_name == "duplicate");  // duplicates are reported as on disk
}

TEST_CASE("group entries: member lists with empty names and no members", "[collect][user]") {
  std::vector<GroupEntry> groups = ParseGroupEntries(
      "root:x:0:\n"
      "sudo:x:27:alice,,bob,\n"
      "#wheel:x:10:root\n"
      "bad:x::alice\n"
      "nomembers:x:1001\n");
  REQUIRE(groups.size() == 3);
  CHECK(groups[0].name == "root");
  CHECK(groups[0].members.empty());
  CHECK(groups[1].gid == 27);
  CHECK(groups[1].members == std::vector<std::string>{"alice", "bob"});
  CHECK(groups[2].name == "nomembers");
  CHECK(groups[2].gid == 1001);
}

TEST_CASE("shadow: locked and passwordless accounts and the buffer wiped", "[collect][user]") {
  std::string shadow =
      "root:$y$j9T$abc$def:19000:0:99999:7:::\n"
      "daemon:*:19000:0:99999:7:::\n"
      "locked:!$6$salt$hash:19000:0:99999:7:::\n"
      "never:!:19000::::::\n"
      "doublebang:!!:19000::::::\n"
      "nopass::19000::::::\n"
      "# comment:!:\n";
  std::unordered_set<std::string> locked = ParseShadowLocked(&shadow);
  CHECK(locked == std::unordered_set<std::string>{"daemon", "locked", "never", "doublebang"});
  CHECK(shadow.empty());
}

std::string LastlogRecordBytes(std::int32_t time, std::string_view line, std::string_view host) {
  std::string r(kLastlogRecordSize, '\0');
  auto t = static_cast<std::uint32_t>(time);
  for (int i = 0; i < 4; ++i) r[static_cast<std::size_t>(i)] = static_cast<char>((t >> (8 * i)) & 0xff);
  std::memcpy(&r[4], line.data(), line.size());
  std::memcpy(&r[36], host.data(), host.size());
  return r;
}

TEST_CASE("lastlog records: time, line and host; never and short records", "[collect][user]") {
  CHECK(kLastlogRecordSize == 292);
  CHECK(LastlogOffset(1000) == 292000);
  CHECK(LastlogOffset(4294967294u) == 4294967294ull * 292);  // no 32-bit overflow
  std::optional<LastlogRecord> r = ParseLastlogRecord(LastlogRecordBytes(1764380000, "pts/3", "10.0.0.66"));
  REQUIRE(r);
  CHECK(r->time == 1764380000);
  CHECK(r->line == "pts/3");
  CHECK(r->host == "10.0.0.66");
  // A full 32-byte line without a NUL is taken whole.
  r = ParseLastlogRecord(LastlogRecordBytes(1, std::string(32, 'x'), ""));
  REQUIRE(r);
  CHECK(r->line == std::string(32, 'x'));
  CHECK(r->host.empty());
  CHECK_FALSE(ParseLastlogRecord(LastlogRecordBytes(0, "tty1", "")));             // never logged in
  CHECK_FALSE(ParseLastlogRecord(std::string(kLastlogRecordSize, '\0')));          // a hole
  CHECK_FALSE(ParseLastlogRecord(LastlogRecordBytes(5, "tty1", "").substr(0, 100)));  // short
}

}  // namespace
}  // namespace iocscan::collect
