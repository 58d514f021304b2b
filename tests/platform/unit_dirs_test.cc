// systemd unit files found in a fake root as systemd finds them: folder precedence, drop-ins in
// order (a higher folder hides a same-named drop-in), masks, *.wants links, aliases, templates;
// and the cron, run-parts and at files.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>

#include "platform/linux/cron_files.h"
#include "platform/linux/unit_dirs.h"
#include "support/scratch_dir.h"

namespace iocscan::platform {
namespace {

using iocscan::testing::ScratchDir;

void Put(const ScratchDir& root, const std::string& path, std::string_view content) {
  std::filesystem::create_directories(std::filesystem::path(root.Join(path)).parent_path());
  root.Write(path, content);
}

void Link(const ScratchDir& root, const std::string& target, const std::string& path) {
  std::filesystem::create_directories(std::filesystem::path(root.Join(path)).parent_path());
  REQUIRE(::symlink(target.c_str(), root.Join(path).c_str()) == 0);
}

struct SystemdImage {
  ScratchDir root;
  SystemdImage() {
    Put(root, "etc/systemd/system/evil.service", "[Service]\nExecStart=/opt/evil\n");
    Put(root, "lib/systemd/system/evil.service", "[Service]\nExecStart=/usr/bin/vendor\n");
    Link(root, "/etc/systemd/system/evil.service", "etc/systemd/system/multi-user.target.wants/evil.service");
    Put(root, "lib/systemd/system/evil.service.d/10-a.conf", "vendor drop-in\n");
    Put(root, "etc/systemd/system/evil.service.d/10-a.conf", "admin drop-in\n");
    Put(root, "run/systemd/system/evil.service.d/20-b.conf", "runtime drop-in\n");
    Put(root, "run/systemd/system/evil.service.d/notes.txt", "not a drop-in\n");
    Link(root, "/dev/null", "etc/systemd/system/masked.service");
    Put(root, "lib/systemd/system/masked.service", "[Service]\nExecStart=/usr/bin/masked\n");
    Put(root, "lib/systemd/system/ssh.service", "[Service]\nExecStart=/usr/sbin/sshd -D\n");
    Link(root, "/lib/systemd/system/ssh.service", "etc/systemd/system/sshd.service");
    Put(root, "lib/systemd/system/getty@.service", "[Service]\nExecStart=-/sbin/agetty %I\n");
    Link(root, "/lib/systemd/system/getty@.service", "etc/systemd/system/getty.target.wants/getty@tty1.service");
    Put(root, "opt/units/linked.service", "[Service]\nExecStart=/opt/linked\n");
    Link(root, "/opt/units/linked.service", "etc/systemd/system/linked.service");
    Put(root, "usr/lib/systemd/system/apt.timer", "[Timer]\nOnCalendar=daily\n");
    Put(root, "usr/lib/systemd/system/empty.service", "");
  }
};

TEST_CASE("units: precedence, drop-ins in order, wants links", "[platform][units]") {
  SystemdImage image;
  Result<RootFs> fs = RootFs::Open(image.root.path());
  REQUIRE(fs.ok());
  UnitDirs dirs(fs.value(), SystemUnitDirs());
  CHECK(dirs.Names(".service") == std::vector<std::string>{"empty.service", "evil.service", "getty@.service",
                                                          "linked.service", "masked.service", "ssh.service",
                                                          "sshd.service"});
  CHECK(dirs.Names(".timer") == std::vector<std::string>{"apt.timer"});

  std::optional<UnitSource> evil = dirs.Load("evil.service");
  REQUIRE(evil);
  CHECK(evil->path == "/etc/systemd/system/evil.service");
  CHECK(evil->text == "[Service]\nExecStart=/opt/evil\n");
  CHECK(evil->enabled);
  CHECK_FALSE(evil->masked);
  CHECK(evil->dropin_paths == std::vector<std::string>{"/etc/systemd/system/evil.service.d/10-a.conf",
                                                       "/run/systemd/system/evil.service.d/20-b.conf"});
  CHECK(evil->dropin_texts == std::vector<std::string>{"admin drop-in\n", "runtime drop-in\n"});

  std::optional<UnitSource> ssh = dirs.Load("ssh.service");
  REQUIRE(ssh);
  CHECK_FALSE(ssh->enabled);
  CHECK(ssh->dropin_paths.empty());
  CHECK_FALSE(dirs.Load("sshd.service").has_value());  // an alias of ssh.service
  CHECK_FALSE(dirs.Load("nothing.service").has_value());

  std::optional<UnitSource> getty = dirs.Load("getty@.service");
  REQUIRE(getty);
  CHECK(getty->enabled);  // through its instance getty@tty1.service

  std::optional<UnitSource> linked = dirs.Load("linked.service");
  REQUIRE(linked);
  CHECK(linked->text == "[Service]\nExecStart=/opt/linked\n");  // the image's /opt, not the host's
  CHECK(dirs.warnings().empty());
  CHECK(dirs.errors() == 0);
}

TEST_CASE("units: a link to /dev/null or an empty file masks", "[platform][units]") {
  SystemdImage image;
  Result<RootFs> fs = RootFs::Open(image.root.path());
  REQUIRE(fs.ok());
  UnitDirs dirs(fs.value(), SystemUnitDirs());
  std::optional<UnitSource> masked = dirs.Load("masked.service");
  REQUIRE(masked);
  CHECK(masked->masked);
  CHECK(masked->masked_by == "/etc/systemd/system/masked.service");
  CHECK(masked->path == "/lib/systemd/system/masked.service");  // what it would run
  CHECK(masked->text == "[Service]\nExecStart=/usr/bin/masked\n");
  std::optional<UnitSource> empty = dirs.Load("empty.service");
  REQUIRE(empty);
  CHECK(empty->masked);
  CHECK(empty->text.empty());
}

TEST_CASE("cron, run-parts and at files", "[platform][cron]") {
  ScratchDir root;
  Put(root, "etc/crontab", "17 * * * * root run-parts /etc/cron.hourly\n");
  Put(root, "etc/cron.d/x", "* * * * * root /tmp/x\n");
  Put(root, "etc/cron.d/.placeholder", "");
  Put(root, "var/spool/cron/crontabs/alice", "@reboot /home/alice/a\n");
  Put(root, "etc/anacrontab", "1 5 cron.daily run-parts /etc/cron.daily\n");
  Put(root, "etc/cron.daily/logrotate", "#!/bin/sh\n");
  std::filesystem::create_directories(root.Join("etc/cron.daily/subdir"));
  Put(root, "var/spool/cron/atjobs/a0000101c2a3f0", "#!/bin/sh\n# atrun uid=0 gid=0\n");
  Put(root, "var/spool/cron/atjobs/.SEQ", "1\n");
  Result<RootFs> fs = RootFs::Open(root.path());
  REQUIRE(fs.ok());
  CronLoad load = LoadCronSources(fs.value());
  CHECK(load.warnings.empty());
  using Kind = CronSource::Kind;
  std::vector<std::pair<Kind, std::string>> got;
  for (const CronSource& s : load.sources) got.emplace_back(s.kind, s.path);
  CHECK(got == std::vector<std::pair<Kind, std::string>>{
                   {Kind::kSystemCrontab, "/etc/crontab"},
                   {Kind::kSystemCrontab, "/etc/cron.d/x"},
                   {Kind::kAnacrontab, "/etc/anacrontab"},
                   {Kind::kUserCrontab, "/var/spool/cron/crontabs/alice"},
                   {Kind::kPeriodicScript, "/etc/cron.daily/logrotate"},
                   {Kind::kAtJob, "/var/spool/cron/atjobs/a0000101c2a3f0"}});
  REQUIRE(load.sources.size() == 6);
  CHECK(load.sources[3].name == "alice");
  CHECK(load.sources[3].text == "@reboot /home/alice/a\n");
  CHECK(load.sources[4].period == "daily");
  CHECK(load.sources[4].text.empty());  // scripts are not read
  CHECK(load.sources[0].uid == ::geteuid());
}

TEST_CASE("an unreadable crontab folder is one warning and one error", "[platform][cron]") {
  if (::geteuid() == 0) {
    WARN("skipped: root reads every folder");
    return;
  }
  ScratchDir root;
  Put(root, "var/spool/cron/crontabs/alice", "@reboot /x\n");
  ::chmod(root.Join("var/spool/cron/crontabs").c_str(), 0);
  Result<RootFs> fs = RootFs::Open(root.path());
  REQUIRE(fs.ok());
  CronLoad load = LoadCronSources(fs.value());
  ::chmod(root.Join("var/spool/cron/crontabs").c_str(), 0755);
  CHECK(load.sources.empty());
  CHECK(load.errors == 1);
  REQUIRE(load.warnings.size() == 1);
  CHECK(load.warnings[0].source == root.path() + "/var/spool/cron/crontabs");
}

}  // namespace
}  // namespace iocscan::platform
