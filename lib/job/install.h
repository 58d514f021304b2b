// What makes the operating system trigger a job: text generation (pure) and the apply step.
//
// Every trigger calls `iocscan job run --if-due -q JOB`, and iocscan decides from the schedule and
// the state file (schedule.h), so `every`, `days`, `start`, `end`, `run_missed`, `randomize` and
// DST behave the same under every scheduler. The triggers only have to call at least at every
// occurrence:
//   cron     hourly, daily, weekly: "M * * * *" (minute M of `at`, every hour: an occurrence that
//            a DST change moves to another hour is still met); once: the same on its day only;
//            on-launch: "@reboot"; run_missed adds "@reboot" (a run missed while the host was off)
//   systemd  the same calendar (OnCalendar=*-*-* *:MM:00), Persistent=true for run_missed;
//            on-launch: OnBootSec=1min; a oneshot .service runs iocscan
//   Windows  Task Scheduler's own triggers (ScheduleByDay/ScheduleByWeek/TimeTrigger/BootTrigger)
//            with StartWhenAvailable for run_missed, for `schtasks /create /xml FILE /tn NAME`
// Every crontab line ends with the marker "# iocscan-job <job file>", which is how --apply finds
// and replaces them and --remove deletes them.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "job/job_file.h"

namespace iocscan::job {

// "iocscan-job-weekly-apt-sweep-1a2b3c4d": a slug of the name and a hash of the job file's path.
std::string UnitBaseName(const JobFile& job);

std::string CronMarker(const JobFile& job);

// The crontab lines (each with its marker), newline-terminated.
Result<std::string> CrontabLines(const JobFile& job, const std::string& binary);

// `existing` without the lines of this job, plus `lines` (which may be empty: removal).
std::string MergeCrontab(const std::string& existing, const JobFile& job, const std::string& lines);

struct SystemdUnits {
  std::string base;     // file names: base + ".service", base + ".timer"
  std::string service;
  std::string timer;
};

Result<SystemdUnits> MakeSystemdUnits(const JobFile& job, const std::string& binary);

// Task Scheduler XML (schema version 1.2). `binary` and the job path are written as given.
Result<std::string> MakeTaskXml(const JobFile& job, const std::string& binary, const std::string& job_path);

// ---- apply ---------------------------------------------------------------------------------------

enum class InstallKind { kCron, kSystemd, kWindows };

struct ApplyOptions {
  InstallKind kind = InstallKind::kCron;
  bool remove = false;
  bool user = false;         // systemd: user units (~/.config/systemd/user) even as root
  std::string binary;
};

// Installs (or removes) the trigger: the user's crontab through `crontab -l` / `crontab -`, or the
// unit files plus `systemctl [--user] daemon-reload` and `enable --now` / `disable --now` of the
// timer. Returns one line per change made, for the user to read.
Result<std::vector<std::string>> ApplyInstall(const JobFile& job, const ApplyOptions& options);

}  // namespace iocscan::job
