// Crontab files as cron (Vixie/cronie, crontab(5)) reads them. Pure: text in, entries out.
//
//   Crontab tab = ParseCrontab(text, CrontabKind::kSystem);     // /etc/crontab, /etc/cron.d/*
//   Crontab jobs = ParseCrontab(text, CrontabKind::kAnacron);   // /etc/anacrontab
//   for (const CronEntry& e : tab.entries) { e.user; e.schedule; e.run; ... }
//
// Per line: blank lines and '#' comments are skipped; "NAME=value" (blanks around '=' allowed,
// value optionally quoted) sets the environment of the lines below it; "@reboot", "@daily"...
// replace the five time fields; system crontabs have a user field after the time, user crontabs
// (/var/spool/cron/crontabs/<user>) do not. An anacrontab line (anacrontab(5)) is "period delay
// job-identifier command", the period in days or @daily/@weekly/@monthly/@yearly. In the command an unescaped '%' ends the command and
// starts its standard input (further '%' are newlines); "\%" is a literal '%'.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace iocscan::collect {

enum class CrontabKind { kSystem, kUser, kAnacron };

struct CronEntry {
  int line = 0;            // 1-based line number in the file
  std::string minute, hour, day_of_month, month, day_of_week;  // empty for an @keyword
  std::string keyword;     // "@reboot", "@daily", ... (empty for five fields)
  std::string schedule;    // the five fields joined by one space, or the keyword; anacron: "period delay"
  std::string period;      // anacron: days, or the @keyword
  int delay = 0;           // anacron: minutes
  std::string job_id;      // anacron: the job identifier
  std::string user;        // system crontabs only
  std::string command;     // as written after the schedule (and user)
  std::string run;         // what cron hands to the shell: up to the first unescaped '%'
  std::string input;       // the standard input given by '%' (newlines for the further '%')
  std::string path_env;    // PATH in effect for this line (cron's default "/usr/bin:/bin")
};

struct Crontab {
  std::vector<CronEntry> entries;
  std::vector<int> bad_lines;  // lines that are neither comments, assignments nor entries
};

Crontab ParseCrontab(std::string_view text, CrontabKind kind);

// A shell command split into the program it runs and the rest: leading "NAME=value" words are
// skipped, the first word (quotes removed) is the program, the rest is kept as written.
struct ShellCommand {
  std::string program;
  std::string arguments;
};
ShellCommand SplitShellCommand(std::string_view command);

}  // namespace iocscan::collect
