// Installation text: crontab lines parsed back field by field, systemd units checked by
// `systemd-analyze verify` when it is there, Task Scheduler XML parsed as XML.
#include <catch2/catch.hpp>

#include <algorithm>

#include <tinyxml2.h>

#include <filesystem>
#include <sstream>

#include "job/install.h"
#include "platform/job_os.h"
#include "support/scratch_dir.h"

namespace iocscan::job {
namespace {

using testing::ScratchDir;

JobFile ParseOrDie(const std::string& schedule, const std::string& name = "Weekly APT sweep",
                   const std::string& path = "/etc/iocscan/weekly.toml") {
  Result<JobFile> r = ParseJobFile("name = \"" + name + "\"\niocs = [\"/i\"]\nresults = \"/r\"\ntime_limit = \"2h\"\n[schedule]\n" + schedule, path);
  if (!r.ok()) FAIL(r.error().Text());
  return r.value();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

// Splits a crontab line into its five time fields (or "@reboot") and the command, as cron does.
struct CronLine {
  std::vector<std::string> when;
  std::string command;
};

CronLine ParseCron(const std::string& line) {
  CronLine c;
  std::istringstream in(line);
  std::string field;
  const int fields = line.rfind("@", 0) == 0 ? 1 : 5;
  for (int i = 0; i < fields && in >> field; ++i) c.when.push_back(field);
  std::getline(in, c.command);
  c.command.erase(0, c.command.find_first_not_of(' '));
  return c;
}

// The words /bin/sh makes of a command (single quotes only, which is all we write), up to a '#'.
std::vector<std::string> ShellWords(const std::string& command) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false, quoted = false;
  for (std::size_t i = 0; i < command.size(); ++i) {
    char ch = command[i];
    if (quoted) {
      if (ch == '\'') {
        quoted = false;
      } else {
        word += ch;
      }
    } else if (ch == '\'') {
      quoted = in_word = true;
    } else if (ch == '\\' && i + 1 < command.size()) {
      word += command[++i];
      in_word = true;
    } else if (ch == ' ') {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else if (ch == '#' && !in_word) {
      break;
    } else {
      word += ch;
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

TEST_CASE("crontab lines parse back into the schedule's trigger and iocscan's argv", "[job][install]") {
  JobFile weekly = ParseOrDie("frequency = \"weekly\"\ndays = [\"tue\", \"thu\"]\nat = \"02:30\"\nrun_missed = true\n");
  Result<std::string> text = CrontabLines(weekly, "/usr/local/bin/iocscan");
  REQUIRE(text.ok());
  std::vector<std::string> lines = Lines(text.value());
  REQUIRE(lines.size() == 2);
  CronLine first = ParseCron(lines[0]);
  CHECK(first.when == std::vector<std::string>{"30", "*", "*", "*", "*"});
  CHECK(ShellWords(first.command) ==
        std::vector<std::string>{"/usr/local/bin/iocscan", "job", "run", "--if-due", "-q", "/etc/iocscan/weekly.toml"});
  CHECK_THAT(first.command, Catch::EndsWith("# iocscan-job /etc/iocscan/weekly.toml"));
  CronLine second = ParseCron(lines[1]);
  CHECK(second.when == std::vector<std::string>{"@reboot"});
  CHECK(ShellWords(second.command) == ShellWords(first.command));

  JobFile boot = ParseOrDie("frequency = \"on-launch\"\n");
  lines = Lines(CrontabLines(boot, "/usr/local/bin/iocscan").value());
  REQUIRE(lines.size() == 1);
  CHECK(ParseCron(lines[0]).when == std::vector<std::string>{"@reboot"});

  JobFile once = ParseOrDie("frequency = \"once\"\nat = \"2027-02-28T23:59\"\n");
  lines = Lines(CrontabLines(once, "/usr/local/bin/iocscan").value());
  REQUIRE(lines.size() == 1);
  CHECK(ParseCron(lines[0]).when == std::vector<std::string>{"59", "*", "28", "2", "*"});
}

TEST_CASE("crontab: quotes and percent signs in paths survive cron and sh", "[job][install]") {
  JobFile job = ParseOrDie("frequency = \"daily\"\n", "x", "/srv/it's 100% jobs/a b.toml");
  std::vector<std::string> lines = Lines(CrontabLines(job, "/opt/ioc scan/bin/iocscan").value());
  REQUIRE(lines.size() == 1);
  CronLine c = ParseCron(lines[0]);
  // cron turns an unescaped % into a newline: every % must be escaped.
  for (std::size_t p = c.command.find('%'); p != std::string::npos; p = c.command.find('%', p + 1)) CHECK(c.command[p - 1] == '\\');
  std::string unescaped = c.command;
  for (std::size_t p; (p = unescaped.find("\\%")) != std::string::npos;) unescaped.replace(p, 2, "%");
  std::vector<std::string> words = ShellWords(unescaped);
  REQUIRE(words.size() >= 6);
  CHECK(words[0] == "/opt/ioc scan/bin/iocscan");
  CHECK(words[5] == "/srv/it's 100% jobs/a b.toml");
}

TEST_CASE("crontab merge replaces this job's lines and keeps everyone else's", "[job][install]") {
  JobFile job = ParseOrDie("frequency = \"daily\"\nat = \"01:05\"\n");
  JobFile other = ParseOrDie("frequency = \"daily\"\n", "other", "/etc/iocscan/other.toml");
  const std::string mine = CrontabLines(job, "/bin/iocscan").value();
  const std::string theirs = CrontabLines(other, "/bin/iocscan").value();
  const std::string existing = "MAILTO=root\n0 4 * * * /usr/bin/backup\n" + theirs;
  const std::string installed = MergeCrontab(existing, job, mine);
  CHECK(installed == existing + mine);
  CHECK(MergeCrontab(installed, job, mine) == installed);  // idempotent
  CHECK(MergeCrontab(installed, job, "") == existing);     // removal
}

#ifndef _WIN32  // systemd-analyze is a Linux program
TEST_CASE("systemd units: content, and systemd-analyze verify accepts them", "[job][install]") {
  const std::string binary = platform::ExecutablePath();  // must exist for verify
  for (const std::string& schedule :
       {std::string("frequency = \"weekly\"\ndays = [\"mon\"]\nat = \"02:30\"\nrun_missed = true\n"),
        std::string("frequency = \"hourly\"\nevery = 3\nat = \"00:10\"\n"),
        std::string("frequency = \"once\"\nat = \"2027-02-28T23:59\"\n"), std::string("frequency = \"on-launch\"\n")}) {
    INFO(schedule);
    JobFile job = ParseOrDie(schedule, "Weekly 100% APT $weep");
    Result<SystemdUnits> u = MakeSystemdUnits(job, binary);
    REQUIRE(u.ok());
    CHECK_THAT(u->base, Catch::StartsWith("iocscan-job-weekly-100-apt-weep-"));
    CHECK_THAT(u->service, Catch::Contains("Type=oneshot\n"));
    CHECK_THAT(u->service, Catch::Contains("job run --if-due -q \"/etc/iocscan/weekly.toml\"\n"));
    CHECK_THAT(u->service, Catch::Contains("Description=iocscan job: Weekly 100%% APT $weep\n"));
    CHECK_THAT(u->timer, Catch::Contains("Unit=" + u->base + ".service\n"));
    CHECK_THAT(u->timer, Catch::Contains("WantedBy=timers.target\n"));
    if (job.schedule.frequency == Frequency::kOnLaunch) CHECK_THAT(u->timer, Catch::Contains("OnBootSec="));
    if (job.schedule.frequency == Frequency::kWeekly) {
      CHECK_THAT(u->timer, Catch::Contains("OnCalendar=*-*-* *:30:00\n"));
      CHECK_THAT(u->timer, Catch::Contains("Persistent=true\n"));
    }

    if (!std::filesystem::exists("/usr/bin/systemd-analyze") && !std::filesystem::exists("/bin/systemd-analyze")) {
      WARN("systemd-analyze not installed: units not verified");
      continue;
    }
    ScratchDir dir;
    const std::string service = dir.Write(u->base + ".service", u->service);
    const std::string timer = dir.Write(u->base + ".timer", u->timer);
    Result<platform::ProgramRun> verify = platform::RunProgram({"systemd-analyze", "verify", service, timer}, std::nullopt, true);
    REQUIRE(verify.ok());
    CHECK(verify->exit_code == 0);
  }
}

#endif

// Task Scheduler validates a trigger's children against the schema's sequence (triggerBaseType,
// then the trigger's own elements): each child must come after the ones before it in this list.
void CheckTriggerOrder(const tinyxml2::XMLElement* trigger) {
  static const std::vector<std::string> kSequence = {"Enabled", "StartBoundary", "EndBoundary", "Repetition",
                                                     "ExecutionTimeLimit", "Delay", "RandomDelay", "ScheduleByDay",
                                                     "ScheduleByWeek"};
  std::size_t last = 0;
  for (const tinyxml2::XMLElement* c = trigger->FirstChildElement(); c != nullptr; c = c->NextSiblingElement()) {
    auto at = std::find(kSequence.begin(), kSequence.end(), c->Name());
    INFO(trigger->Name() << " child " << c->Name());
    REQUIRE(at != kSequence.end());
    std::size_t index = static_cast<std::size_t>(at - kSequence.begin());
    CHECK(index >= last);
    last = index;
  }
}

TEST_CASE("Task Scheduler XML is well-formed and says the schedule", "[job][install]") {
  using tinyxml2::XMLDocument;
  using tinyxml2::XMLElement;
  JobFile weekly = ParseOrDie(
      "frequency = \"weekly\"\nevery = 2\ndays = [\"tue\", \"sun\"]\nat = \"02:30\"\nstart = \"2026-12-01\"\n"
      "end = \"2027-06-01\"\nrun_missed = true\n", "A & B's");
  Result<std::string> xml = MakeTaskXml(weekly, "C:\\Program Files\\iocscan\\iocscan.exe", "C:\\jobs\\weekly \"1\".toml");
  REQUIRE(xml.ok());
  XMLDocument doc;
  REQUIRE(doc.Parse(xml->c_str()) == tinyxml2::XML_SUCCESS);
  XMLElement* task = doc.FirstChildElement("Task");
  REQUIRE(task != nullptr);
  CHECK(std::string(task->Attribute("xmlns")) == "http://schemas.microsoft.com/windows/2004/02/mit/task");
  CHECK(std::string(task->FirstChildElement("RegistrationInfo")->FirstChildElement("Description")->GetText()) == "iocscan job: A & B's");
  XMLElement* trigger = task->FirstChildElement("Triggers")->FirstChildElement("CalendarTrigger");
  REQUIRE(trigger != nullptr);
  CheckTriggerOrder(trigger);
  CHECK(std::string(trigger->FirstChildElement("StartBoundary")->GetText()) == "2026-12-01T02:30:00");
  CHECK(std::string(trigger->FirstChildElement("EndBoundary")->GetText()) == "2027-06-01T00:00:00");
  XMLElement* week = trigger->FirstChildElement("ScheduleByWeek");
  REQUIRE(week != nullptr);
  CHECK(std::string(week->FirstChildElement("WeeksInterval")->GetText()) == "2");
  CHECK(week->FirstChildElement("DaysOfWeek")->FirstChildElement("Tuesday") != nullptr);
  CHECK(week->FirstChildElement("DaysOfWeek")->FirstChildElement("Sunday") != nullptr);
  CHECK(week->FirstChildElement("DaysOfWeek")->FirstChildElement("Monday") == nullptr);
  XMLElement* settings = task->FirstChildElement("Settings");
  CHECK(std::string(settings->FirstChildElement("StartWhenAvailable")->GetText()) == "true");
  CHECK(std::string(settings->FirstChildElement("MultipleInstancesPolicy")->GetText()) == "IgnoreNew");
  XMLElement* exec = task->FirstChildElement("Actions")->FirstChildElement("Exec");
  CHECK(std::string(exec->FirstChildElement("Command")->GetText()) == "C:\\Program Files\\iocscan\\iocscan.exe");
  CHECK(std::string(exec->FirstChildElement("Arguments")->GetText()) == "job run --if-due -q \"C:\\jobs\\weekly \"1\".toml\"");

  for (const char* schedule : {"frequency = \"on-launch\"\n", "frequency = \"hourly\"\nevery = 4\n", "frequency = \"daily\"\nevery = 3\n",
                               "frequency = \"once\"\nat = \"2027-01-01T00:00\"\n"}) {
    INFO(schedule);
    Result<std::string> other = MakeTaskXml(ParseOrDie(schedule), "C:\\iocscan.exe", "C:\\j.toml");
    REQUIRE(other.ok());
    XMLDocument d;
    REQUIRE(d.Parse(other->c_str()) == tinyxml2::XML_SUCCESS);
    XMLElement* t = d.FirstChildElement("Task")->FirstChildElement("Triggers")->FirstChildElement();
    REQUIRE(t != nullptr);
    CheckTriggerOrder(t);
    const std::string kind = t->Name();
    if (std::string(schedule).find("on-launch") != std::string::npos) CHECK(kind == "BootTrigger");
    if (std::string(schedule).find("hourly") != std::string::npos) {
      CHECK(kind == "TimeTrigger");
      CHECK(std::string(t->FirstChildElement("Repetition")->FirstChildElement("Interval")->GetText()) == "PT4H");
    }
    if (std::string(schedule).find("daily") != std::string::npos) {
      CHECK(std::string(t->FirstChildElement("ScheduleByDay")->FirstChildElement("DaysInterval")->GetText()) == "3");
    }
  }
}

TEST_CASE("install refuses paths with control characters", "[job][install]") {
  JobFile job = ParseOrDie("frequency = \"daily\"\n", "x", "/etc/iocscan/a\nb.toml");
  CHECK_FALSE(CrontabLines(job, "/bin/iocscan").ok());
  CHECK_FALSE(MakeSystemdUnits(job, "/bin/iocscan").ok());
  JobFile fine = ParseOrDie("frequency = \"daily\"\n");
  CHECK_FALSE(CrontabLines(fine, "").ok());
}

}  // namespace
}  // namespace iocscan::job
