// The pure parsers of the log documents on literal text: syslog lines (RFC 3164 with the year
// taken from the file's mtime, rollover included; ISO; RFC 5424), sudo/su records, journal JSON
// lines and utmp records built here byte by byte.
#include <catch2/catch.hpp>

#include <arpa/inet.h>

#include <cstring>

#include "collect/logs/journal_entry.h"
#include "collect/logs/sudo_line.h"
#include "collect/logs/syslog_line.h"
#include "collect/logs/utmp.h"
#include "core/time.h"

namespace iocscan::collect {
namespace {

std::int64_t T(const char* iso) { return ParseIsoTime(iso).value(); }

TEST_CASE("an RFC 3164 line takes its year from the file's mtime", "[collect][logs]") {
  SyslogLine l = ParseSyslogLine("Nov 28 12:00:01 web1 sshd[812]: Accepted publickey for alice",
                                 T("2026-11-29T02:00:00Z"));
  REQUIRE(l.time);
  CHECK(*l.time == T("2026-11-28T12:00:01Z"));
  CHECK(l.host == "web1");
  CHECK(l.sender == "sshd");
  CHECK(l.pid == 812);
  CHECK(l.message == "Accepted publickey for alice");
  CHECK_FALSE(l.facility);
}

TEST_CASE("a December line in a file last written in January is from the year before", "[collect][logs]") {
  std::int64_t mtime = T("2027-01-02T08:00:00Z");
  CHECK(*ParseSyslogLine("Dec 31 23:59:59 h cron: x", mtime).time == T("2026-12-31T23:59:59Z"));
  CHECK(*ParseSyslogLine("Jan  2 07:00:00 h cron: x", mtime).time == T("2027-01-02T07:00:00Z"));
}

TEST_CASE("a space-padded day and a tag without a pid", "[collect][logs]") {
  SyslogLine l = ParseSyslogLine("Mar  5 01:02:03 host kernel: [  1.0] Linux version", T("2026-06-01T00:00:00Z"));
  CHECK(*l.time == T("2026-03-05T01:02:03Z"));
  CHECK(l.sender == "kernel");
  CHECK_FALSE(l.pid);
  CHECK(l.message == "[  1.0] Linux version");
}

TEST_CASE("ISO timestamps (rsyslog high precision) with an offset and a <pri>", "[collect][logs]") {
  SyslogLine l = ParseSyslogLine("<38>2026-11-28T13:00:01.123456+01:00 web1 sudo[42]: alice : TTY=pts/0", 0);
  CHECK(*l.time == T("2026-11-28T12:00:01Z"));
  CHECK(l.host == "web1");
  CHECK(l.sender == "sudo");
  CHECK(l.pid == 42);
  CHECK(l.facility == 4);
  CHECK(l.severity == 6);
  CHECK(FacilityName(4) == "auth");
  CHECK(SeverityName(6) == "info");
}

TEST_CASE("RFC 5424 lines with and without structured data", "[collect][logs]") {
  SyslogLine l = ParseSyslogLine(
      "<165>1 2026-11-28T12:00:01Z mymachine evntslog 99 ID47 [exampleSDID@32473 iut=\"3\" x=\"a\\]b\"] An event", 0);
  CHECK(*l.time == T("2026-11-28T12:00:01Z"));
  CHECK(l.host == "mymachine");
  CHECK(l.sender == "evntslog");
  CHECK(l.pid == 99);
  CHECK(l.message == "An event");
  CHECK(FacilityName(*l.facility) == "local4");
  SyslogLine dash = ParseSyslogLine("<13>1 2026-11-28T12:00:01Z h app - - - hello world", 0);
  CHECK_FALSE(dash.pid);
  CHECK(dash.message == "hello world");
}

TEST_CASE("a line in no known form keeps its text and has no time", "[collect][logs]") {
  SyslogLine l = ParseSyslogLine("  continuation of something", 0);
  CHECK_FALSE(l.time);
  CHECK(l.message == "  continuation of something");
}

TEST_CASE("sudo commands, refused attempts and su records", "[collect][logs]") {
  std::optional<SudoRecord> ok =
      ParseSudoMessage("sudo", "   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id -u ; echo");
  REQUIRE(ok);
  CHECK(ok->kind == "sudo");
  CHECK(ok->user == "alice");
  CHECK(ok->tty == "pts/0");
  CHECK(ok->pwd == "/home/alice");
  CHECK(ok->target == "root");
  CHECK(ok->command == "/usr/bin/id -u ; echo");
  CHECK(ok->success);

  std::optional<SudoRecord> bad = ParseSudoMessage(
      "sudo", "mallory : 3 incorrect password attempts ; TTY=pts/1 ; PWD=/tmp ; USER=root ; COMMAND=/bin/bash");
  REQUIRE(bad);
  CHECK_FALSE(bad->success);
  CHECK(bad->command == "/bin/bash");
  CHECK(ParseSudoMessage("sudo", "bob : user NOT in sudoers ; TTY=pts/2 ; PWD=/ ; USER=root ; COMMAND=/bin/ls")
            ->success == false);
  CHECK_FALSE(ParseSudoMessage("sudo", "pam_unix(sudo:session): session opened for user root(uid=0) by alice(uid=1000)"));
  CHECK_FALSE(ParseSudoMessage("sshd", "alice : TTY=pts/0 ; COMMAND=/bin/ls"));

  std::optional<SudoRecord> su = ParseSudoMessage("su", "(to root) alice on pts/3");
  REQUIRE(su);
  CHECK(su->kind == "su");
  CHECK(su->user == "alice");
  CHECK(su->target == "root");
  CHECK(su->tty == "pts/3");
  CHECK(su->success);
  CHECK_FALSE(ParseSudoMessage("su", "FAILED SU (to root) bob on pts/4")->success);
  std::optional<SudoRecord> shadow = ParseSudoMessage("su", "FAILED su for root by bob");
  REQUIRE(shadow);
  CHECK(shadow->user == "bob");
  CHECK_FALSE(shadow->success);
}

TEST_CASE("journal JSON lines: strings, byte arrays, repeated fields", "[collect][logs]") {
  std::optional<JournalEntry> e = ParseJournalJson(
      R"({"__REALTIME_TIMESTAMP":"1795867201999999","_HOSTNAME":"web1","SYSLOG_IDENTIFIER":"sudo",)"
      R"("_PID":"912","_UID":"0","_GID":"0","PRIORITY":"5","SYSLOG_FACILITY":"10","_COMM":"sudo",)"
      R"("MESSAGE":"alice : TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/bin/id"})");
  REQUIRE(e);
  CHECK(e->time == T("2026-11-28T12:00:01Z"));  // microseconds cut, not rounded
  CHECK(e->host == "web1");
  CHECK(e->sender == "sudo");
  CHECK(e->pid == 912);
  CHECK(e->uid == 0);
  CHECK(e->severity == 5);
  CHECK(e->facility == 10);
  CHECK(e->message.starts_with("alice : "));

  std::optional<JournalEntry> bytes = ParseJournalJson(
      R"({"__REALTIME_TIMESTAMP":"1000000","_COMM":"evil","MESSAGE":[104,105,255],"SYSLOG_PID":["7","8"]})");
  REQUIRE(bytes);
  CHECK(bytes->time == 1);
  CHECK(bytes->sender == "evil");  // no SYSLOG_IDENTIFIER: the command name
  CHECK(bytes->message == std::string("hi\xFF"));
  CHECK(bytes->pid == 7);
  CHECK_FALSE(ParseJournalJson(R"({"MESSAGE":"no time"})"));
  CHECK_FALSE(ParseJournalJson("not json"));
  CHECK_FALSE(ParseJournalJson("[1,2]"));
}

// One struct utmp record as glibc writes it on x86_64.
std::string Utmp(int type, int pid, const char* line, const char* user, const char* host, std::int32_t sec,
                 const char* ip = nullptr) {
  std::string r(kUtmpRecordSize, '\0');
  std::int16_t t = static_cast<std::int16_t>(type);
  std::memcpy(r.data(), &t, 2);
  std::memcpy(r.data() + 4, &pid, 4);
  std::memcpy(r.data() + 8, line, std::strlen(line));
  std::memcpy(r.data() + 44, user, std::strlen(user));
  std::memcpy(r.data() + 76, host, std::strlen(host));
  std::memcpy(r.data() + 340, &sec, 4);
  if (ip) {
    if (std::strchr(ip, ':')) inet_pton(AF_INET6, ip, r.data() + 348);
    else inet_pton(AF_INET, ip, r.data() + 348);
  }
  return r;
}

TEST_CASE("utmp records: fields, addresses, a trailing partial record", "[collect][logs]") {
  std::string bytes = Utmp(kUtUserProcess, 4242, "pts/0", "alice", "10.1.2.3", 1795867200, "10.1.2.3") +
                      Utmp(kUtUserProcess, 4343, "pts/1", "bob", "2001:db8::7", 1795867300, "2001:db8::7") +
                      std::string(100, 'x');
  std::vector<UtmpRecord> r = ParseUtmp(bytes);
  REQUIRE(r.size() == 2);
  CHECK(r[0].type == kUtUserProcess);
  CHECK(r[0].pid == 4242);
  CHECK(r[0].line == "pts/0");
  CHECK(r[0].user == "alice");
  CHECK(r[0].host == "10.1.2.3");
  CHECK(r[0].time == 1795867200);
  CHECK(r[0].address == "10.1.2.3");
  CHECK(r[1].address == "2001:db8::7");
  CHECK(UtmpTypeName(r[0].type) == "USER_PROCESS");
}

TEST_CASE("logins pair with their logout, or end at the next boot", "[collect][logs]") {
  std::string bytes = Utmp(kUtBootTime, 0, "~", "reboot", "6.1.0", 100) +
                      Utmp(kUtUserProcess, 10, "pts/0", "alice", "", 200) +
                      Utmp(kUtUserProcess, 11, "pts/1", "bob", "", 250) +
                      Utmp(kUtDeadProcess, 10, "pts/0", "", "", 300) +
                      Utmp(kUtBootTime, 0, "~", "reboot", "6.1.0", 400) +
                      Utmp(kUtUserProcess, 12, "tty1", "carol", "", 500);
  std::vector<LoginSession> s = PairSessions(ParseUtmp(bytes));
  REQUIRE(s.size() == 5);
  CHECK(s[0].start.type == kUtBootTime);
  CHECK_FALSE(s[0].end);  // a boot record has no end
  CHECK(s[1].start.user == "alice");
  CHECK(s[1].end == 300);
  CHECK(s[2].start.user == "bob");
  CHECK(s[2].end == 400);  // never logged out: the reboot ended it
  CHECK(s[3].start.type == kUtBootTime);
  CHECK(s[4].start.user == "carol");
  CHECK_FALSE(s[4].end);   // still logged in
}

}  // namespace
}  // namespace iocscan::collect
