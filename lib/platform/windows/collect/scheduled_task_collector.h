// TaskItem on Windows: one item per Task Scheduler 2.0 task, read from its definition file under
// %SystemRoot%\System32\Tasks (recursively; the file's path below it is the task's path), or under
// <root>\Windows\System32\Tasks for an offline root. The fields are those of
// collect/wintask/task_fields.h, plus, computed only when an IOC asks:
//   md5sum, sha1sum, sha256sum, ActionList/Action/ExecProgram{Md5,Sha1,Sha256}sum
//     the digests of each Exec action's program: <Command> with its %variables% expanded
//     (ExpandEnvironmentStringsW, live system only) and, when it is a bare name, searched as
//     CreateProcess would (SearchPathW); one read per program, capped at --max-size's default.
// Not collected: NextRunTime, MostRecentRunTime, ExitCode (the Schedule service keeps them in its
// own store, not in the file; the COM API would need the service, which Wine does not run), the
// legacy .job files of %SystemRoot%\Tasks.
// A folder or file that cannot be read (the Tasks folder needs administrator rights) is a warning.
#pragma once

#include <memory>

#include "collect/collector.h"

namespace iocscan::collect {

std::unique_ptr<Collector> MakeScheduledTaskCollector();

}  // namespace iocscan::collect
