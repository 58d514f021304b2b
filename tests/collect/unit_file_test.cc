// systemd unit files parsed from literal text (sections, continuations, comments, repeated keys,
// resets, drop-ins), ExecStart= command lines, service defaults, timers; LSB headers of init
// scripts; the accounts of passwd with their homes.
#include <catch2/catch.hpp>

#include "collect/service/init_script.h"
#include "collect/service/passwd_homes.h"
#include "collect/service/unit_file.h"

namespace iocscan::collect {
namespace {

UnitFile Parse(std::string_view text) {
  UnitFile unit;
  ParseUnitText(text, &unit);
  return unit;
}

TEST_CASE("unit files: sections, keys, blanks and comments", "[collect][service]") {
  UnitFile u = Parse(
      "# a comment\n"
      "; another comment\n"
      "[Unit]\n"
      "Description = Evil updater  \n"
      "  After=network.target\r\n"
      "\n"
      "[Service]\n"
      "Type=forking\n"
      "User=nobody\n"
      "Ignored line without equals\n"
      "[Install]\n"
      "WantedBy=multi-user.target\n");
  CHECK(u.Last("Unit", "Description") == "Evil updater");
  CHECK(u.Last("Unit", "After") == "network.target");
  CHECK(u.Last("Service", "Type") == "forking");
  CHECK(u.Last("Service", "User") == "nobody");
  CHECK(u.HasSection("Install"));
  CHECK_FALSE(u.Last("Service", "Description").has_value());  // keys belong to their section
  CHECK_FALSE(u.HasSection("Timer"));
  CHECK(Parse("Key=before any section\n").Values("", "Key").empty());
}

TEST_CASE("unit files: a trailing backslash continues the line", "[collect][service]") {
  UnitFile u = Parse(
      "[Service]\n"
      "ExecStart=/usr/bin/evil \\\n"
      "  --mode=quiet \\\n"
      "# a comment inside the continuation is dropped\n"
      "  --port 4444\n"
      "User=alice\n");
  REQUIRE(u.Values("Service", "ExecStart").size() == 1);
  CHECK(u.Last("Service", "ExecStart") == "/usr/bin/evil  --mode=quiet  --port 4444");
  CHECK(u.Last("Service", "User") == "alice");
  CHECK(Parse("[Service]\nExecStart=/bin/true \\").Last("Service", "ExecStart") == "/bin/true");
}

TEST_CASE("unit files: repeated keys add values, an empty assignment resets them", "[collect][service]") {
  UnitFile u = Parse(
      "[Service]\n"
      "ExecStart=/bin/first\n"
      "ExecStart=/bin/second\n");
  CHECK(u.Values("Service", "ExecStart") == std::vector<std::string>{"/bin/first", "/bin/second"});
  CHECK(u.Last("Service", "ExecStart") == "/bin/second");

  // A drop-in read after the unit: "ExecStart=" clears, the next line sets the new command.
  ParseUnitText("[Service]\nExecStart=\nExecStart=/opt/evil/run --now\nUser=\n", &u);
  CHECK(u.Values("Service", "ExecStart") == std::vector<std::string>{"/opt/evil/run --now"});
  CHECK_FALSE(u.Last("Service", "User").has_value());
  REQUIRE(FirstExec(u).has_value());
  CHECK(FirstExec(u)->path == "/opt/evil/run");
}

TEST_CASE("ExecStart= lines: prefixes, quotes, argv[0]", "[collect][service]") {
  auto exec = ParseExecLine("/usr/sbin/sshd -D $SSHD_OPTS");
  REQUIRE(exec);
  CHECK(exec->path == "/usr/sbin/sshd");
  CHECK(exec->arguments == "-D $SSHD_OPTS");
  exec = ParseExecLine("-!!/usr/bin/tool --flag");
  REQUIRE(exec);
  CHECK(exec->path == "/usr/bin/tool");
  CHECK(exec->arguments == "--flag");
  exec = ParseExecLine("+:/bin/sh -c 'echo hi'");
  CHECK(exec->path == "/bin/sh");
  CHECK(exec->arguments == "-c 'echo hi'");
  exec = ParseExecLine("@/usr/bin/daemon fake-name --real-arg");
  CHECK(exec->path == "/usr/bin/daemon");
  CHECK(exec->arguments == "--real-arg");
  exec = ParseExecLine("\"/opt/my app/bin\" x y");
  CHECK(exec->path == "/opt/my app/bin");
  CHECK(exec->arguments == "x y");
  exec = ParseExecLine("sleep 10");
  CHECK(exec->path == "sleep");
  CHECK_FALSE(ParseExecLine("   ").has_value());
  CHECK_FALSE(ParseExecLine("-").has_value());
}

TEST_CASE("service defaults: type and user", "[collect][service]") {
  CHECK(ServiceType(Parse("[Service]\nExecStart=/bin/x\n")) == "simple");
  CHECK(ServiceType(Parse("[Service]\nType=notify\nExecStart=/bin/x\n")) == "notify");
  CHECK(ServiceType(Parse("[Service]\nBusName=org.x\n")) == "dbus");
  CHECK(ServiceType(Parse("[Unit]\nDescription=x\n")) == "oneshot");
  CHECK(ServiceUser(Parse("[Service]\nUser=www-data\n"), "web.service") == "www-data");
  CHECK(ServiceUser(Parse("[Service]\nDynamicUser=yes\n"), "web.service") == "web");
  CHECK(ServiceUser(Parse("[Service]\nDynamicUser=no\n"), "web.service") == "root");
  CHECK(ServiceUser(Parse(""), "web.service") == "root");
}

TEST_CASE("timers: their target and triggers", "[collect][task]") {
  UnitFile t = Parse("[Timer]\nOnCalendar=daily\nOnCalendar=Mon 03:00\nOnBootSec=15min\n");
  CHECK(TimerTarget(t, "backup.timer") == "backup.service");
  CHECK(TimerTriggers(t) == std::vector<std::string>{"OnCalendar=daily", "OnCalendar=Mon 03:00", "OnBootSec=15min"});
  CHECK(TimerTarget(Parse("[Timer]\nUnit=other.service\n"), "backup.timer") == "other.service");
}

TEST_CASE("LSB headers of init scripts", "[collect][service]") {
  LsbHeader h = ParseLsbHeader(
      "#!/bin/sh\n"
      "### BEGIN INIT INFO\n"
      "# Provides:          evild\n"
      "# Required-Start:    $remote_fs\n"
      "# Short-Description: Evil daemon\n"
      "# Description:       Starts the evil daemon\n"
      "#                    at boot time.\n"
      "### END INIT INFO\n"
      "# Short-Description: not in the header\n");
  CHECK(h.short_description == "Evil daemon");
  CHECK(h.description == "Starts the evil daemon at boot time.");
  CHECK(ParseLsbHeader("#!/bin/sh\necho hi\n").short_description.empty());
  CHECK(RcLinkService("S01evild") == "evild");
  CHECK_FALSE(RcLinkService("K01evild").has_value());
  CHECK_FALSE(RcLinkService("README").has_value());
  CHECK_FALSE(RcLinkService("Sx1evild").has_value());
}

TEST_CASE("passwd accounts with their homes", "[collect][service]") {
  std::vector<Account> a = ParseAccounts(
      "root:x:0:0:root:/root:/bin/bash\n"
      "# comment\n"
      "+nisuser::::::\n"
      "broken:x:notanumber:0::/home/broken:/bin/sh\n"
      "nohome:x:5:5:::/bin/sh\n"
      "alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash\r\n");
  REQUIRE(a.size() == 2);
  CHECK(a[0].name == "root");
  CHECK(a[0].home == "/root");
  CHECK(a[1].name == "alice");
  CHECK(a[1].uid == 1000);
  CHECK(a[1].home == "/home/alice");
}

}  // namespace
}  // namespace iocscan::collect
