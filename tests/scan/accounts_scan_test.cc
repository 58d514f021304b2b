// UserItem, GroupItem and DnsEntryItem scanned for real: a fake offline root (passwd, group,
// shadow, a sparse lastlog, wtmp, hosts) scanned with ScanOptions.root gives the expected cards;
// on the live system the current user and the first /etc/hosts name are found.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cstring>

#include "collect/dns/hosts_file.h"
#include "collect/logs/utmp.h"
#include "collect/user/accounts.h"
#include "collect/user/lastlog.h"
#include "compile/support.h"
#include "scan/host_scan_util.h"

namespace iocscan::scan {
namespace {

using compile::testing::And;
using compile::testing::Or;
using compile::testing::T;
using namespace iocscan::scan::testing;

constexpr std::int32_t kAliceLogin = 1764380000;  // 2025-11-29T01:33:20Z

// A sparse lastlog with one record, at alice's uid.
void PutLastlog(const ScratchDir& root) {
  std::filesystem::create_directories(root.Join("var/log"));
  std::string record(collect::kLastlogRecordSize, '\0');
  auto t = static_cast<std::uint32_t>(kAliceLogin);
  for (int i = 0; i < 4; ++i) record[static_cast<std::size_t>(i)] = static_cast<char>((t >> (8 * i)) & 0xff);
  std::memcpy(&record[4], "pts/0", 5);
  std::memcpy(&record[36], "198.51.100.7", 12);
  int fd = ::open(root.Join("var/log/lastlog").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::pwrite(fd, record.data(), record.size(), static_cast<off_t>(collect::LastlogOffset(1000))) ==
          static_cast<ssize_t>(record.size()));
  ::close(fd);
}

constexpr std::int32_t kMalloryLogin = 1764400000;  // 2025-11-29T07:06:40Z

// One wtmp record (struct utmp, 384 bytes): type, user and time.
std::string UtmpRecordBytes(int type, std::string_view user, std::int32_t time) {
  std::string r(collect::kUtmpRecordSize, '\0');
  r[0] = static_cast<char>(type);
  std::memcpy(&r[8], "pts/1", 5);
  std::memcpy(&r[44], user.data(), user.size());
  auto t = static_cast<std::uint32_t>(time);
  for (int i = 0; i < 4; ++i) r[340 + static_cast<std::size_t>(i)] = static_cast<char>((t >> (8 * i)) & 0xff);
  return r;
}

// The disk of a compromised host.
struct Image {
  ScratchDir root;
  Image() {
    Put(root, "etc/passwd",
        "root:x:0:0:root:/root:/bin/bash\n"
        "svc:x:998:998:Service account:/var/lib/svc:/usr/sbin/nologin\n"
        "alice:x:1000:1000:Alice Liddell,Room 7,,:/home/alice:/bin/bash\n"
        "# a comment\n"
        "mallory:x:0:27::/tmp/.m:/bin/sh\n");
    Put(root, "etc/group", "root:x:0:\nsudo:x:27:alice,mallory\nsvc:x:998:\nalice:x:1000:\n");
    Put(root, "etc/shadow",
        "root:$y$j9T$salt$hash:20000:0:99999:7:::\nsvc:!:20000::::::\n"
        "alice:$6$salt$hash:20000:0:99999:7:::\nmallory::20000::::::\n",
        0640);
    Put(root, "etc/hosts",
        "127.0.0.1 localhost\n10.0.0.66 update.microsoft.com windowsupdate # hijacked\n"
        "::1 localhost ip6-localhost\n");
    PutLastlog(root);
    // mallory logged in without pam_lastlog: only wtmp knows. alice's wtmp login is older than
    // her lastlog record; svc's DEAD_PROCESS is no login.
    Put(root, "var/log/wtmp",
        UtmpRecordBytes(collect::kUtUserProcess, "alice", kAliceLogin - 3600) +
            UtmpRecordBytes(collect::kUtUserProcess, "mallory", kMalloryLogin - 60) +
            UtmpRecordBytes(collect::kUtUserProcess, "mallory", kMalloryLogin) +
            UtmpRecordBytes(collect::kUtDeadProcess, "svc", kMalloryLogin));
  }
};

TEST_CASE("UserItem from an offline root: fields, grouplist, lastlog and wtmp, disabled, a uid 0 backdoor",
          "[scan][user][root]") {
  Image image;
  ScratchDir iocs;
  iocs.Write("alice.ioc", Doc11("alice", Or(And(T("is", "UserItem/Username", "alice") +
                                                 T("is", "UserItem/fullname", "Alice Liddell") +
                                                 T("is", "UserItem/userid", "1000") +
                                                 T("is", "UserItem/homedirectory", "/home/alice") +
                                                 T("is", "UserItem/shell", "/bin/bash") +
                                                 T("is", "UserItem/grouplist/groupname", "sudo") +
                                                 T("is", "UserItem/grouplist/groupname", "alice") +
                                                 T("is", "UserItem/disabled", "false") +
                                                 T("is", "UserItem/LastLogin", "2025-11-29T01:33:20Z")))));
  iocs.Write("uid0.ioc", Doc11("uid0", Or(And(T("is", "UserItem/userid", "0") +
                                               T("is", "UserItem/Username", "root", true)))));
  iocs.Write("locked.ioc", Doc11("locked", Or(T("is", "UserItem/disabled", "true"))));
  iocs.Write("wtmp.ioc", Doc11("wtmp", Or(And(T("is", "UserItem/Username", "mallory") +
                                              T("is", "UserItem/LastLogin", "2025-11-29T07:06:40Z")))));
  iocs.Write("seen.ioc", Doc11("seen", Or(T("greater-than", "UserItem/LastLogin", "2000-01-01T00:00:00Z"))));
  // A negated term on a field the account lacks (no login known) does not match it.
  iocs.Write("notseen.ioc", Doc11("notseen", Or(T("is", "UserItem/LastLogin", "2025-11-29T01:33:20Z", true))));

  ScanOutcome out = ScanRoot(iocs, image.root.path());
  CHECK(out.summary.items_per_document["UserItem"] == 4);
  const report::Card* alice = CardOf(out, "alice");
  REQUIRE(alice);
  REQUIRE(alice->items.size() == 1);
  CHECK(alice->items[0].document == "UserItem");
  CHECK(TextOf(alice->items[0], "Username") == "alice");
  CHECK(TextOf(alice->items[0], "fullname") == "Alice Liddell");
  CHECK(TextOf(alice->items[0], "homedirectory") == "/home/alice");
  CHECK(IntOf(alice->items[0], "userid") == 1000);
  CHECK(alice->items[0].terms.size() == 9);
  CHECK(CardOf(out, "wtmp"));
  CHECK(Names(CardOf(out, "uid0"), "Username") == std::vector<std::string>{"mallory"});
  CHECK(Names(CardOf(out, "locked"), "Username") == std::vector<std::string>{"svc"});
  CHECK(Names(CardOf(out, "seen"), "Username") == std::vector<std::string>{"alice", "mallory"});
  CHECK(Names(CardOf(out, "notseen"), "Username") == std::vector<std::string>{"mallory"});
}

TEST_CASE("GroupItem from an offline root: listed and primary members", "[scan][user][root]") {
  Image image;
  ScratchDir iocs;
  iocs.Write("sudo.ioc", Doc11("sudo", Or(And(T("is", "GroupItem/GroupName", "sudo") +
                                               T("is", "GroupItem/gid", "27") +
                                               T("is", "GroupItem/userlist/username", "mallory")))));
  // alice's group lists nobody: alice is in it as her primary group.
  iocs.Write("primary.ioc", Doc11("primary", Or(T("is", "GroupItem/userlist/username", "alice"))));
  iocs.Write("none.ioc", Doc11("none", Or(T("is", "GroupItem/GroupName", "wheel"))));
  ScanOutcome out = ScanRoot(iocs, image.root.path());
  CHECK(out.summary.items_per_document["GroupItem"] == 4);
  const report::Card* sudo = CardOf(out, "sudo");
  REQUIRE(sudo);
  REQUIRE(sudo->items.size() == 1);
  CHECK(TextOf(sudo->items[0], "GroupName") == "sudo");
  CHECK(IntOf(sudo->items[0], "gid") == 27);
  CHECK(Names(CardOf(out, "primary"), "GroupName") == std::vector<std::string>{"alice", "sudo"});  // sorted
  CHECK_FALSE(CardOf(out, "none"));
}

TEST_CASE("DnsEntryItem from an offline root's hosts file: A and AAAA records with aliases",
          "[scan][dns][root]") {
  Image image;
  ScratchDir iocs;
  iocs.Write("hijack.ioc", Doc11("hijack", Or(And(T("is", "DnsEntryItem/Host", "update.microsoft.com") +
                                                   T("is", "DnsEntryItem/RecordType", "A") +
                                                   T("is", "DnsEntryItem/RecordData/IPv4Address", "10.0.0.66")))));
  iocs.Write("alias.ioc", Doc11("alias", Or(T("is", "DnsEntryItem/RecordName", "windowsupdate"))));
  iocs.Write("v6.ioc", Doc11("v6", Or(And(T("is", "DnsEntryItem/RecordName", "ip6-localhost") +
                                           T("is", "DnsEntryItem/RecordType", "AAAA") +
                                           T("is", "DnsEntryItem/RecordData/IPv6Address", "0:0:0:0:0:0:0:1")))));
  ScanOutcome out = ScanRoot(iocs, image.root.path());
  CHECK(out.summary.items_per_document["DnsEntryItem"] == 5);
  const report::Card* hijack = CardOf(out, "hijack");
  REQUIRE(hijack);
  REQUIRE(hijack->items.size() == 1);
  CHECK(TextOf(hijack->items[0], "IPv4Address") == "10.0.0.66");
  CHECK(TextOf(hijack->items[0], "source") == "/etc/hosts:2");
  CHECK(Names(CardOf(out, "alias"), "Host") == std::vector<std::string>{"windowsupdate"});
  CHECK(Names(CardOf(out, "v6"), "IPv6Address") == std::vector<std::string>{"::1"});
}

TEST_CASE("UserItem live: the current user is found by name", "[scan][user][live]") {
  std::string name;
  for (const collect::PasswdEntry& u : collect::ParsePasswdEntries(ReadHostFile("/etc/passwd"))) {
    if (u.uid == ::geteuid()) {
      name = u.name;
      break;
    }
  }
  if (name.empty()) {
    WARN("the effective uid has no /etc/passwd entry on this machine: skipped");
    return;
  }
  ScratchDir iocs;
  iocs.Write("me.ioc", Doc11("me", Or(And(T("is", "UserItem/Username", name) +
                                           T("is", "UserItem/userid", std::to_string(::geteuid()))))));
  ScanOutcome out = ScanRoot(iocs, "");
  CHECK(Names(CardOf(out, "me"), "Username") == std::vector<std::string>{name});
}

TEST_CASE("DnsEntryItem live: the first /etc/hosts name", "[scan][dns][live]") {
  std::vector<collect::HostsRecord> records = collect::ParseHostsFile(ReadHostFile("/etc/hosts"));
  if (records.empty()) {
    WARN("no /etc/hosts entries on this machine: skipped");
    return;
  }
  ScratchDir iocs;
  iocs.Write("h.ioc", Doc11("h", Or(T("is", "DnsEntryItem/Host", records[0].name, false, true))));
  ScanOutcome out = ScanRoot(iocs, "");
  const report::Card* card = CardOf(out, "h");
  REQUIRE(card);
  CHECK_FALSE(card->items.empty());
}

}  // namespace
}  // namespace iocscan::scan
