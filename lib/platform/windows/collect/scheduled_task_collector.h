// TaskItem on Windows: one item per Task Scheduler 2.0 task, read from its definition file under
// %SystemRoot%\System32\Tasks (recursively; the file's path below it is the task's path), and one
// per legacy Task Scheduler 1.0 file %SystemRoot%\Tasks\<name>.job (collect/wintask/job_file.h,
// named "\<name>"); under <root>\Windows\... for an offline root. The fields are those of
// collect/wintask/task_fields.h; MostRecentRunTime and ExitCode come from the .job file itself, or
// for an XML task from the service's TaskCache record in the registry (live only). Computed only
// when an IOC asks:
//   md5sum, sha1sum, sha256sum, ActionList/Action/ExecProgram{Md5,Sha1,Sha256}sum
//     the digests of each Exec action's program: <Command> with its %variables% expanded
//     (ExpandEnvironmentStringsW, live system only) and, when it is a bare name, searched as
//     CreateProcess would (SearchPathW); one read per program, capped at --max-size's default.
// Not collected: NextRunTime (only the Schedule service computes it; its COM API needs the
// service, which Wine does not run).
// A folder or file that cannot be read (the Tasks folder needs administrator rights) is a warning.
#pragma once

#include <memory>

#include "collect/collector.h"

namespace iocscan::collect {

std::unique_ptr<Collector> MakeScheduledTaskCollector();

}  // namespace iocscan::collect
