// ServiceItem and TaskItem scanned for real: a fake offline root (a unit with a wants link and a
// drop-in, /etc/crontab, /etc/cron.d, a user crontab, anacrontab, a run-parts script, an at job,
// a timer)
// scanned with ScanOptions.root gives the expected cards; and the live system's own units.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <ctime>
#include <filesystem>

#include "compile/support.h"
#include "core/time.h"
#include "hash/digest.h"
#include "platform/posix/root_fs.h"
#include "scan/prepare.h"
#include "scan/scan.h"
#include "support/scratch_dir.h"

namespace iocscan::scan {
namespace {

using compile::testing::And;
using compile::testing::Or;
using compile::testing::T;
using iocscan::testing::ScratchDir;

std::string IocXml(const std::string& id, const std::string& criteria) {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<OpenIOC xmlns=\"http://openioc.org/schemas/OpenIOC_1.1\" "
         "id=\"" + id + "\"><metadata><short_description>" + id +
         "</short_description></metadata><criteria>" + criteria + "</criteria></OpenIOC>";
}

void Put(const ScratchDir& root, const std::string& path, std::string_view content, mode_t mode = 0644) {
  std::filesystem::create_directories(std::filesystem::path(root.Join(path)).parent_path());
  root.Write(path, content, mode);
}

void Link(const ScratchDir& root, const std::string& target, const std::string& path) {
  std::filesystem::create_directories(std::filesystem::path(root.Join(path)).parent_path());
  REQUIRE(::symlink(target.c_str(), root.Join(path).c_str()) == 0);
}

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

// The item of `card` whose card field `name` is `value`.
const report::CardItem* ItemWith(const report::Card& card, std::string_view name, std::string_view value) {
  for (const report::CardItem& item : card.items) {
    if (Text(item, name) == value) return &item;
  }
  return nullptr;
}

const report::Card* CardOf(const ScanOutcome& out, std::string_view id) {
  for (const report::Card& c : out.cards) {
    if (c.ioc.id == id) return &c;
  }
  return nullptr;
}

ScanOutcome Scan(const ScratchDir& iocs, const std::string& root, const std::vector<std::string>& documents) {
  Result<PreparedIocs> prepared = PrepareIocs({iocs.path()}, documents);
  REQUIRE(prepared.ok());
  ScanOptions options;
  options.root = root;
  options.threads = 1;
  return RunScan(prepared.value().set, options, {});
}

constexpr std::string_view kImplant = "evil binary\n";

// The disk of a compromised host.
struct Image {
  ScratchDir root;
  Image() {
    Put(root, "etc/passwd",
        "root:x:0:0:root:/root:/bin/bash\nwww-data:x:33:33::/var/www:/usr/sbin/nologin\n"
        "alice:x:1000:1000:Alice:/home/alice:/bin/bash\n");
    Put(root, "etc/systemd/system/evil.service",
        "[Unit]\nDescription=Evil updater\n\n[Service]\nType=simple\n"
        "ExecStart=/opt/evil/bin/updater --beacon 10.0.0.66\nUser=nobody\n\n"
        "[Install]\nWantedBy=multi-user.target\n");
    Link(root, "/etc/systemd/system/evil.service", "etc/systemd/system/multi-user.target.wants/evil.service");
    Put(root, "etc/systemd/system/evil.service.d/override.conf",
        "[Service]\nExecStart=\nExecStart=-/opt/evil/bin/updater2 --stealth \\\n  --port 4444\nUser=daemon\n");
    Put(root, "opt/evil/bin/updater2", kImplant, 0755);
    Put(root, "lib/systemd/system/quiet.service", "[Service]\nExecStart=/usr/bin/quiet\n");
    Put(root, "etc/crontab",
        "SHELL=/bin/sh\nPATH=/usr/bin:/bin:/opt/evil/bin\n# m h dom mon dow user command\n"
        "*/5 * * * * root updater2 --cron\n");
    Put(root, "etc/cron.d/x", "@reboot www-data /tmp/.x/beacon -q\n");
    Put(root, "etc/anacrontab", "SHELL=/bin/sh\n1\t5\tcron.daily\trun-parts --report /etc/cron.daily\n");
    Put(root, "var/spool/cron/crontabs/alice", "0 3 * * 1 /home/alice/.local/bin/sync %secret input\n");
    Put(root, "etc/cron.daily/logrotate", "#!/bin/sh\n", 0755);
    Put(root, "var/spool/cron/atjobs/a0000101c2a3f0",
        "#!/bin/sh\n# atrun uid=1000 gid=1000\ncd /home/alice || {\n exit 1\n}\n"
        "${SHELL:-/bin/sh} << 'marcinDELIMITER01'\n/opt/evil/bin/updater2 --once\nmarcinDELIMITER01\n");
    Put(root, "lib/systemd/system/evil-sync.timer", "[Timer]\nOnCalendar=daily\n[Install]\nWantedBy=timers.target\n");
    Put(root, "lib/systemd/system/evil-sync.service", "[Service]\nUser=alice\nExecStart=/opt/evil/bin/updater2 --sync\n");
  }
};

TEST_CASE("ServiceItem from an offline root: the drop-in's command, the wants link, the binary's hash",
          "[scan][service][root]") {
  Image image;
  std::string md5 = hash::DigestBytes(hash::kMd5, kImplant).md5;
  ScratchDir iocs;
  iocs.Write("svc.ioc", IocXml("svc", Or(And(T("is", "ServiceItem/name", "evil.service") +
                                             T("is", "ServiceItem/mode", "enabled") +
                                             T("is", "ServiceItem/path", "/opt/evil/bin/updater2") +
                                             T("contains", "ServiceItem/arguments", "--port 4444") +
                                             T("is", "ServiceItem/startedAs", "daemon") +
                                             T("is", "ServiceItem/descriptiveName", "Evil updater") +
                                             T("is", "ServiceItem/type", "simple") +
                                             T("is", "ServiceItem/pathmd5sum", md5)))));
  // Under an offline root the running state is unknown: status is absent, even negated.
  iocs.Write("status.ioc", IocXml("status", Or(T("is", "ServiceItem/status", "active", true))));
  iocs.Write("static.ioc", IocXml("static", Or(And(T("is", "ServiceItem/name", "quiet.service") +
                                                   T("is", "ServiceItem/mode", "static") +
                                                   T("is", "ServiceItem/startedAs", "root")))));
  iocs.Write("none.ioc", IocXml("none", Or(T("is", "ServiceItem/name", "absent.service"))));

  ScanOutcome out = Scan(iocs, image.root.path(), {});
  CHECK(out.summary.items_per_document["ServiceItem"] == 3);  // evil, quiet, evil-sync
  CHECK(out.cards.size() == 2);
  const report::Card* svc = CardOf(out, "svc");
  REQUIRE(svc);
  REQUIRE(svc->items.size() == 1);
  const report::CardItem& item = svc->items[0];
  CHECK(item.document == "ServiceItem");
  CHECK(Text(item, "name") == "evil.service");
  CHECK(Text(item, "path") == "/opt/evil/bin/updater2");
  CHECK(Text(item, "arguments") == "--stealth  --port 4444");
  CHECK(Text(item, "mode") == "enabled");
  CHECK(Text(item, "startedAs") == "daemon");
  CHECK(Text(item, "scope") == "system");
  CHECK(Text(item, "unitFile") == "/etc/systemd/system/evil.service");
  CHECK(Text(item, "dropIns") == "/etc/systemd/system/evil.service.d/override.conf");
  CHECK(item.terms.size() == 8);
  CHECK(CardOf(out, "static"));
  CHECK_FALSE(CardOf(out, "status"));
}

TEST_CASE("TaskItem from an offline root: cron lines, run-parts, at jobs and timers",
          "[scan][task][root]") {
  Image image;
  std::string md5 = hash::DigestBytes(hash::kMd5, kImplant).md5;
  ScratchDir iocs;
  iocs.Write("cron.ioc",
             IocXml("cron", Or(And(T("is", "TaskItem/Creator", "root") +
                                   T("is", "TaskItem/ActionList/Action/ExecProgramPath", "/opt/evil/bin/updater2") +
                                   T("is", "TaskItem/schedule", "*/5 * * * *") +
                                   T("is", "TaskItem/md5sum", md5)) +
                               And(T("is", "TaskItem/crontabEvent", "@reboot") +
                                   T("is", "TaskItem/userName", "www-data") +
                                   T("is", "TaskItem/ActionList/Action/ExecProgramPath", "/tmp/.x/beacon")) +
                               And(T("is", "TaskItem/Name", "/var/spool/cron/crontabs/alice:1") +
                                   T("is", "TaskItem/Creator", "alice") +
                                   T("is", "TaskItem/crontabDayOfWeek", "1") +
                                   T("contains", "TaskItem/crontabCommand", "%secret")))));
  iocs.Write("daily.ioc", IocXml("daily", Or(And(T("is", "TaskItem/Name", "logrotate") +
                                                 T("is", "TaskItem/schedule", "daily")))));
  iocs.Write("anacron.ioc", IocXml("anacron", Or(And(T("is", "TaskItem/Name", "cron.daily") +
                                                     T("is", "TaskItem/crontabDelay", "5") +
                                                     T("is", "TaskItem/crontabPeriod", "1") +
                                                     T("is", "TaskItem/Creator", "root")))));
  iocs.Write("at.ioc", IocXml("at", Or(And(T("is", "TaskItem/Creator", "alice") +
                                           T("starts-with", "TaskItem/schedule", "at ") +
                                           T("is", "TaskItem/ActionList/Action/ExecArguments", "--once")))));
  iocs.Write("timer.ioc", IocXml("timer", Or(And(T("is", "TaskItem/Name", "evil-sync.timer") +
                                                 T("is", "TaskItem/schedule", "OnCalendar=daily") +
                                                 T("is", "TaskItem/Creator", "alice") +
                                                 T("is", "TaskItem/ActionList/Action/ExecProgramMd5sum", md5)))));
  std::int64_t before = std::time(nullptr);
  ScanOutcome out = Scan(iocs, image.root.path(), {"TaskItem"});
  CHECK(out.summary.items_per_document["TaskItem"] == 7);
  CHECK(out.cards.size() == 5);

  const report::Card* cron = CardOf(out, "cron");
  REQUIRE(cron);
  REQUIRE(cron->items.size() == 3);  // one OR of three ANDs on TaskItem: every satisfying line
  const report::CardItem* root_line = ItemWith(*cron, "Name", "/etc/crontab:4");
  REQUIRE(root_line);
  CHECK(Text(*root_line, "ExecArguments") == "--cron");
  CHECK(Text(*root_line, "path") == "/etc/crontab");
  const report::CardField* next = FieldNamed(*root_line, "NextRunTime");
  REQUIRE(next);
  CHECK(next->values.at(0).integer > before);
  CHECK(next->values.at(0).integer <= std::time(nullptr) + 300);
  CHECK(next->values.at(0).integer % 300 == 0);
  const report::CardItem* reboot = ItemWith(*cron, "Name", "/etc/cron.d/x:1");
  REQUIRE(reboot);
  CHECK_FALSE(FieldNamed(*reboot, "NextRunTime"));  // @reboot has no calendar time
  CHECK(ItemWith(*cron, "Creator", "alice"));

  REQUIRE(CardOf(out, "at"));
  const report::CardItem& at = CardOf(out, "at")->items.at(0);
  CHECK(Text(at, "Name") == "a0000101c2a3f0");
  CHECK(Text(at, "schedule") == "at " + FormatIsoTime(0x01c2a3f0LL * 60));
  CHECK(FieldNamed(at, "NextRunTime")->values.at(0).integer == 0x01c2a3f0LL * 60);
  REQUIRE(CardOf(out, "daily"));
  REQUIRE(CardOf(out, "anacron"));
  CHECK(Text(CardOf(out, "anacron")->items.at(0), "schedule") == "1 5");
  REQUIRE(CardOf(out, "timer"));
  CHECK(Text(CardOf(out, "timer")->items.at(0), "ExecProgramPath") == "/opt/evil/bin/updater2");
}

TEST_CASE("ServiceItem on the live system finds a unit that exists", "[scan][service][live]") {
  Result<platform::RootFs> fs = platform::RootFs::Open("");
  REQUIRE(fs.ok());
  std::string unit;
  Result<std::vector<platform::RootFs::Entry>> entries = fs->List("/lib/systemd/system");
  if (entries.ok()) {
    for (const platform::RootFs::Entry& e : entries.value()) {
      bool service = e.name.size() > 8 && e.name.ends_with(".service") && e.name.find('@') == std::string::npos;
      if (service && e.type == platform::RootFs::Type::kFile) {
        unit = e.name;
        break;
      }
    }
  }
  if (unit.empty()) {
    WARN("skipped: no unit file in /lib/systemd/system on this machine");
    return;
  }
  ScratchDir iocs;
  iocs.Write("live.ioc", IocXml("live", Or(T("is", "ServiceItem/name", unit))));
  ScanOutcome out = Scan(iocs, "", {});
  REQUIRE(out.cards.size() == 1);
  REQUIRE(!out.cards[0].items.empty());
  CHECK(Text(out.cards[0].items[0], "name") == unit);
  CHECK(Text(out.cards[0].items[0], "unitFile").ends_with("/systemd/system/" + unit));
  CHECK(out.summary.items_per_document["ServiceItem"] >= 1);
}

TEST_CASE("TaskItem on the live system finds a run-parts script that exists", "[scan][task][live]") {
  Result<platform::RootFs> fs = platform::RootFs::Open("");
  REQUIRE(fs.ok());
  std::string script;
  Result<std::vector<platform::RootFs::Entry>> entries = fs->List("/etc/cron.daily");
  if (entries.ok()) {
    for (const platform::RootFs::Entry& e : entries.value()) {
      if (e.type == platform::RootFs::Type::kFile && e.name[0] != '.') {
        script = e.name;
        break;
      }
    }
  }
  if (script.empty()) {
    WARN("skipped: no script in /etc/cron.daily on this machine");
    return;
  }
  ScratchDir iocs;
  iocs.Write("live.ioc", IocXml("live", Or(And(T("is", "TaskItem/Name", script) +
                                               T("is", "TaskItem/path", "/etc/cron.daily/" + script)))));
  ScanOutcome out = Scan(iocs, "", {});
  REQUIRE(out.cards.size() == 1);
  REQUIRE(out.cards[0].items.size() == 1);
  CHECK(Text(out.cards[0].items[0], "schedule") == "daily");
  CHECK(Text(out.cards[0].items[0], "Creator") == "root");
}

}  // namespace
}  // namespace iocscan::scan
