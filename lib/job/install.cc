#include "job/install.h"


#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/atomic_file.h"
#include "platform/job_os.h"

namespace iocscan::job {
namespace {

bool HasControl(const std::string& s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  }
  return false;
}

Status CheckPrintable(const JobFile& job, const std::string& binary) {
  if (binary.empty()) return Error{"--binary", "the path of iocscan is unknown"};
  if (HasControl(binary)) return Error{binary, "the path of iocscan contains a control character"};
  if (HasControl(job.path)) return Error{job.path, "the job file's path contains a control character"};
  return Ok{};
}

// For /bin/sh (cron runs the command with it): single quotes; cron also needs '%' escaped.
std::string CronQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else if (c == '%') {
      out += "\\%";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// systemd command lines: double quotes with C escapes; '%' starts a specifier, '$' a variable.
std::string SystemdQuote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '%') {
      out += "%%";
    } else if (c == '$') {
      out += "$$";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string SystemdText(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '%' ? std::string("%%") : std::string(1, c);
  return out;
}

std::string XmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Two(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

std::string XmlDateTime(const LocalDateTime& t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", t.year, t.month, t.day, t.hour, t.minute, t.second);
  return buf;
}

std::uint32_t Fnv1a(const std::string& s) {
  std::uint32_t h = 2166136261u;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

std::string Command(const std::string& binary, const std::string& job_path, bool systemd) {
  auto q = systemd ? SystemdQuote : CronQuote;
  return q(binary) + " job run --if-due -q " + q(job_path);
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path, "cannot read"};
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::string UnitBaseName(const JobFile& job) {
  std::string slug;
  for (char c : job.name) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) && u < 0x80) {
      slug += static_cast<char>(std::tolower(u));
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
    if (slug.size() >= 40) break;
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  char hash[16];
  std::snprintf(hash, sizeof hash, "%08x", Fnv1a(job.path));
  return "iocscan-job-" + (slug.empty() ? std::string() : slug + "-") + hash;
}

// '%' is escaped here too: cron turns an unescaped one into a newline anywhere in the command.
std::string CronMarker(const JobFile& job) {
  std::string out = "# iocscan-job ";
  for (char c : job.path) out += c == '%' ? std::string("\\%") : std::string(1, c);
  return out;
}

Result<std::string> CrontabLines(const JobFile& job, const std::string& binary) {
  if (Status ok = CheckPrintable(job, binary); !ok.ok()) return ok.error();
  const Schedule& s = job.schedule;
  const std::string command = Command(binary, job.path, false);
  const std::string marker = " " + CronMarker(job);
  std::string out;
  switch (s.frequency) {
    case Frequency::kOnLaunch:
      return "@reboot " + command + marker + "\n";
    case Frequency::kOnce:
      out = std::to_string(s.once_at.minute) + " * " + std::to_string(s.once_at.day) + " " +
            std::to_string(s.once_at.month) + " * " + command + marker + "\n";
      break;
    case Frequency::kHourly:
    case Frequency::kDaily:
    case Frequency::kWeekly:
      out = std::to_string(s.at.minute) + " * * * * " + command + marker + "\n";
      break;
  }
  if (s.run_missed) out += "@reboot " + command + marker + "\n";
  return out;
}

std::string MergeCrontab(const std::string& existing, const JobFile& job, const std::string& lines) {
  const std::string marker = " " + CronMarker(job);
  std::string out;
  std::istringstream in(existing);
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() >= marker.size() && line.compare(line.size() - marker.size(), marker.size(), marker) == 0) continue;
    out += line + "\n";
  }
  return out + lines;
}

Result<SystemdUnits> MakeSystemdUnits(const JobFile& job, const std::string& binary) {
  if (Status ok = CheckPrintable(job, binary); !ok.ok()) return ok.error();
  const Schedule& s = job.schedule;
  SystemdUnits u;
  u.base = UnitBaseName(job);
  u.service = "# Generated by `iocscan job install --systemd " + SystemdText(job.path) + "`.\n"
              "[Unit]\n"
              "Description=iocscan job: " + SystemdText(job.name) + "\n"
              "After=local-fs.target\n"
              "\n"
              "[Service]\n"
              "Type=oneshot\n"
              "ExecStart=" + Command(binary, job.path, true) + "\n"
              // exit 1 means "IOCs matched": a successful run that found something.
              "SuccessExitStatus=1\n";
  std::string timer = "# Generated by `iocscan job install --systemd " + SystemdText(job.path) + "`.\n"
                      "[Unit]\n"
                      "Description=iocscan job timer: " + SystemdText(job.name) + "\n"
                      "\n"
                      "[Timer]\n";
  switch (s.frequency) {
    case Frequency::kOnLaunch:
      timer += "OnBootSec=1min\n";
      break;
    case Frequency::kOnce:
      timer += "OnCalendar=" + std::to_string(s.once_at.year) + "-" + Two(s.once_at.month) + "-" + Two(s.once_at.day) +
               " *:" + Two(s.once_at.minute) + ":00\n";
      break;
    default:
      timer += "OnCalendar=*-*-* *:" + Two(s.at.minute) + ":00\n";
      break;
  }
  if (s.run_missed && s.frequency != Frequency::kOnLaunch) timer += "Persistent=true\n";
  timer += "Unit=" + u.base + ".service\n"
           "\n"
           "[Install]\n"
           "WantedBy=timers.target\n";
  u.timer = timer;
  return u;
}

Result<std::string> MakeTaskXml(const JobFile& job, const std::string& binary, const std::string& job_path) {
  if (binary.empty() || HasControl(binary) || HasControl(job_path)) return Error{job_path, "paths must be printable"};
  const Schedule& s = job.schedule;
  LocalDateTime anchor = s.start.value_or(LocalDateTime{});
  anchor.hour = s.at.hour;
  anchor.minute = s.at.minute;
  anchor.second = 0;
  // The schema's triggerBaseType is a sequence: Enabled, StartBoundary, EndBoundary, Repetition,
  // ExecutionTimeLimit, then the trigger's own elements. Task Scheduler refuses another order.
  std::string bounds = "      <Enabled>true</Enabled>\n      <StartBoundary>" +
                       XmlDateTime(s.frequency == Frequency::kOnce ? s.once_at : anchor) + "</StartBoundary>\n";
  if (s.end) bounds += "      <EndBoundary>" + XmlDateTime(*s.end) + "</EndBoundary>\n";
  std::string trigger;
  switch (s.frequency) {
    case Frequency::kOnLaunch:
      trigger = "    <BootTrigger>\n      <Enabled>true</Enabled>\n      <Delay>PT1M</Delay>\n    </BootTrigger>\n";
      break;
    case Frequency::kOnce:
      trigger = "    <TimeTrigger>\n" + bounds + "    </TimeTrigger>\n";
      break;
    case Frequency::kHourly:
      trigger = "    <TimeTrigger>\n" + bounds + "      <Repetition>\n        <Interval>PT" + std::to_string(s.every) +
                "H</Interval>\n        <StopAtDurationEnd>false</StopAtDurationEnd>\n      </Repetition>\n" +
                "    </TimeTrigger>\n";
      break;
    case Frequency::kDaily:
      trigger = "    <CalendarTrigger>\n" + bounds + "      <ScheduleByDay>\n        <DaysInterval>" +
                std::to_string(s.every) + "</DaysInterval>\n      </ScheduleByDay>\n    </CalendarTrigger>\n";
      break;
    case Frequency::kWeekly: {
      static const char* const kDays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
      std::string days;
      for (int d = 0; d < 7; ++d) {
        if (s.days & (1u << d)) days += "          <" + std::string(kDays[d]) + " />\n";
      }
      trigger = "    <CalendarTrigger>\n" + bounds + "      <ScheduleByWeek>\n        <DaysOfWeek>\n" + days +
                "        </DaysOfWeek>\n        <WeeksInterval>" + std::to_string(s.every) +
                "</WeeksInterval>\n      </ScheduleByWeek>\n    </CalendarTrigger>\n";
      break;
    }
  }
  // The scan stops itself at time_limit; Task Scheduler's own limit is a generous backstop.
  const std::string limit = job.time_limit_seconds > 0
                                ? "PT" + std::to_string(job.time_limit_seconds / 3600 + 2) + "H"
                                : std::string("PT0S");
  // No comment node: Wine's Task Scheduler refuses a document whose first node is not <Task>.
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<Task version=\"1.2\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">\n"
         "  <RegistrationInfo>\n"
         "    <Description>iocscan job: " + XmlEscape(job.name) + "</Description>\n"
         "    <URI>\\" + XmlEscape(UnitBaseName(job)) + "</URI>\n"
         "  </RegistrationInfo>\n"
         "  <Triggers>\n" + trigger +
         "  </Triggers>\n"
         "  <Principals>\n"
         "    <Principal id=\"Author\">\n"
         "      <UserId>S-1-5-18</UserId>\n"
         "      <RunLevel>HighestAvailable</RunLevel>\n"
         "    </Principal>\n"
         "  </Principals>\n"
         "  <Settings>\n"
         "    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>\n"
         "    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>\n"
         "    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>\n"
         "    <StartWhenAvailable>" + std::string(s.run_missed ? "true" : "false") + "</StartWhenAvailable>\n"
         "    <ExecutionTimeLimit>" + limit + "</ExecutionTimeLimit>\n"
         "    <Enabled>true</Enabled>\n"
         "  </Settings>\n"
         "  <Actions Context=\"Author\">\n"
         "    <Exec>\n"
         "      <Command>" + XmlEscape(binary) + "</Command>\n"
         "      <Arguments>job run --if-due -q \"" + XmlEscape(job_path) + "\"</Arguments>\n"
         "    </Exec>\n"
         "  </Actions>\n"
         "</Task>\n";
}

Result<std::vector<std::string>> ApplyInstall(const JobFile& job, const ApplyOptions& o) {
  std::vector<std::string> changes;
  if (o.kind == InstallKind::kWindows) {
    return Error{"--apply", "Task Scheduler is on Windows: copy the XML there and run schtasks /create /tn NAME /xml FILE"};
  }
  if (o.kind == InstallKind::kCron) {
    std::string lines;
    if (!o.remove) {
      Result<std::string> made = CrontabLines(job, o.binary);
      if (!made.ok()) return made.error();
      lines = made.value();
    }
    Result<platform::ProgramRun> listed = platform::RunProgram({"crontab", "-l"}, std::nullopt, true);
    if (!listed.ok()) return Error{"crontab", listed.error().message};
    // `crontab -l` exits 1 when the user has no crontab yet.
    const std::string existing = listed->exit_code == 0 ? listed->out : std::string();
    const std::string merged = MergeCrontab(existing, job, lines);

    {
      std::istringstream in(existing);
      std::string line;
      const std::string marker = " " + CronMarker(job);
      while (std::getline(in, line)) {
        if (line.size() >= marker.size() && line.compare(line.size() - marker.size(), marker.size(), marker) == 0) {

          changes.push_back("crontab: removed: " + line);
        }
      }
    }
    if (merged == existing) {
      changes.push_back("crontab: unchanged");
      return changes;
    }
    Result<platform::ProgramRun> written = platform::RunProgram({"crontab", "-"}, merged, false);
    if (!written.ok()) return Error{"crontab", written.error().message};
    if (written->exit_code != 0) return Error{"crontab -", "exited with status " + std::to_string(written->exit_code) + "; nothing changed"};
    std::istringstream in(lines);
    std::string line;
    while (std::getline(in, line)) changes.push_back("crontab: added: " + line);
    return changes;
  }

  // systemd
  const bool user = o.user || !platform::RunsPrivileged();
  std::string dir;
  if (user) {
    const char* home = std::getenv("HOME");
    if (home == nullptr || *home == '\0') return Error{"HOME", "is not set: cannot find ~/.config/systemd/user"};
    dir = std::string(home) + "/.config/systemd/user";
  } else {
    dir = "/etc/systemd/system";
  }
  const std::string base = UnitBaseName(job);
  auto systemctl = [&](std::vector<std::string> args) -> Status {
    std::vector<std::string> argv{"systemctl"};
    if (user) argv.push_back("--user");
    argv.insert(argv.end(), args.begin(), args.end());
    Result<platform::ProgramRun> run = platform::RunProgram(argv, std::nullopt, false);
    std::string text;
    for (const std::string& a : argv) text += (text.empty() ? "" : " ") + a;
    if (!run.ok()) return Error{text, run.error().message};
    if (run->exit_code != 0) return Error{text, "exited with status " + std::to_string(run->exit_code)};
    changes.push_back("ran: " + text);
    return Ok{};
  };
  namespace fs = std::filesystem;
  std::error_code ec;
  if (o.remove) {
    const bool present = fs::exists(dir + "/" + base + ".timer", ec) || fs::exists(dir + "/" + base + ".service", ec);
    if (!present) {
      changes.push_back("systemd: no units of this job in " + dir);
      return changes;
    }
    if (Status s = systemctl({"disable", "--now", base + ".timer"}); !s.ok()) return s.error();
    for (const char* ext : {".timer", ".service"}) {
      const std::string path = dir + "/" + base + ext;
      if (fs::remove(path, ec)) changes.push_back("removed: " + path);
    }
    if (Status s = systemctl({"daemon-reload"}); !s.ok()) return s.error();
    return changes;
  }
  Result<SystemdUnits> units = MakeSystemdUnits(job, o.binary);
  if (!units.ok()) return units.error();
  fs::create_directories(dir, ec);
  if (ec) return Error{dir, "cannot create: " + ec.message()};
  for (auto [ext, text] : {std::pair{".service", &units->service}, std::pair{".timer", &units->timer}}) {
    const std::string path = dir + "/" + base + ext;
    Result<std::string> old = ReadFile(path);
    if (old.ok() && old.value() == *text) {
      changes.push_back("unchanged: " + path);
      continue;
    }
    if (Status w = WriteFileAtomically(path, *text, Overwrite::kReplace); !w.ok()) return w.error();
    changes.push_back((old.ok() ? "replaced: " : "wrote: ") + path);
  }
  if (Status s = systemctl({"daemon-reload"}); !s.ok()) return s.error();
  if (Status s = systemctl({"enable", "--now", base + ".timer"}); !s.ok()) return s.error();
  return changes;
}

}  // namespace iocscan::job
