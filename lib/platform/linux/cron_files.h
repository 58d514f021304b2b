// The files cron, run-parts and atd act on, read under a RootFs (live system or offline root):
//   /etc/crontab, /etc/cron.d/*                    system crontabs (with a user field)
//   /etc/anacrontab                                anacron's jobs (run as root)
//   /var/spool/cron/crontabs/* (Debian), /var/spool/cron/* (Red Hat)   user crontabs, named by user
//   /etc/cron.{hourly,daily,weekly,monthly}/*      scripts run by run-parts (not read: only listed)
//   /var/spool/cron/atjobs/* (Debian), /var/spool/at/* (Red Hat)       pending at jobs
// Hidden files (".placeholder", ".SEQ") are skipped. A folder or file that cannot be read is one
// warning and one error; a missing one is simply absent.
//
//   CronLoad load = LoadCronSources(fs);
//   for (const CronSource& s : load.sources) { s.kind; s.path; s.text; }
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/warning.h"
#include "platform/posix/root_fs.h"

namespace iocscan::platform {

struct CronSource {
  enum class Kind { kSystemCrontab, kUserCrontab, kAnacrontab, kPeriodicScript, kAtJob };
  Kind kind = Kind::kSystemCrontab;
  std::string path;                  // on the scanned system
  std::string name;                  // file name: the user of a user crontab, the at job
  std::string text;                  // content (empty for periodic scripts)
  std::string period;                // "hourly", "daily", ... for periodic scripts
  std::optional<std::uint32_t> uid;  // owner of the file
};

struct CronLoad {
  std::vector<CronSource> sources;
  Warnings warnings;
  std::uint64_t errors = 0;
};

CronLoad LoadCronSources(const RootFs& fs);

}  // namespace iocscan::platform
