// TaskItem on Linux: one item per scheduled job, read from the live system or an offline root
// (env.root):
//   cron lines     /etc/crontab, /etc/cron.d/* (with a user field), /var/spool/cron/crontabs/*
//                  and Red Hat's /var/spool/cron/* (the file name is the user), /etc/anacrontab
//   run-parts      each script of /etc/cron.{hourly,daily,weekly,monthly}
//   systemd timers every *.timer (system, every user manager, ~/.config/systemd/user) with the
//                  first ExecStart= of the service it triggers
//   at jobs        /var/spool/cron/atjobs/*, /var/spool/at/*
//
// Fields (search paths under TaskItem/):
//   Name                  cron line: "<crontab path>:<line>" (a cron line has no name); anacron:
//                         the job identifier; script: its file name; timer: the timer unit; at
//                         job: the spool file name
//   Creator, userName     the user the job runs as (cron user field, the user crontab's owner,
//                         root for run-parts, User= of the timer's service, the at job's uid)
//   path                  the file that defines the job (crontab, script, timer unit, at job)
//   schedule              the five cron fields or the @keyword (anacron: "period delay"); the
//                         timer's triggers ("OnCalendar=daily"); the run-parts period ("daily");
//                         "at <ISO time>"
//   NextRunTime           five cron fields and @hourly..@yearly: the next matching minute after
//                         the scan, computed in UTC (task/cron_schedule.h); timers whose
//                         OnCalendar= is a shorthand (daily, weekly...): likewise; at jobs: the
//                         time in the job's name. Absent for @reboot, monotonic timers, run-parts.
//   crontabPath, crontabMinute, crontabHour, crontabDayOfMonth, crontabMonth, crontabDayOfWeek,
//   crontabEvent (the @keyword), crontabCommand (the command as written): cron lines only;
//   crontabPeriod, crontabDelay (minutes), crontabJobIdentifier: anacrontab lines
//   ActionList/Action/ExecProgramPath, ExecArguments: the program (the first word of the command
//                         after NAME=value words, searched in the crontab's PATH) and the rest
//   md5sum, sha1sum, sha256sum and ActionList/Action/ExecProgram{Md5,Sha1,Sha256}sum: digests of
//                         the program, read once when some IOC asks
#pragma once

#include <memory>

#include "collect/collector.h"

namespace iocscan::collect {

std::unique_ptr<Collector> MakeTaskCollector();

}  // namespace iocscan::collect
