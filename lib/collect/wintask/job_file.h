// The legacy task files of the Task Scheduler 1.0 API: %SystemRoot%\Tasks\<name>.job, written by
// at.exe, the ITask interface and old installers, and still read by the Schedule service. Malware
// that targets old systems or hides from schtasks' XML view plants them. The binary layout is
// [MS-TSCH] 2.4 (little-endian):
//   fixed part (68 bytes)   product and file version, job UUID, offsets, retry and idle settings,
//                           priority class, maximum run time (ms), exit code and status of the
//                           last run, TASK_FLAG_* flags, the last run time (a SYSTEMTIME, local)
//   variable part           running instance count; application name, parameters, working
//                           directory, author, comment (each a uint16 count of UTF-16 units with
//                           the terminating NUL, then the units); user data and reserved data
//                           (uint16 size, bytes); trigger count and 48-byte triggers
// Read into the same ScheduledTask as a task XML file (one Exec action), so AddTaskFields sets the
// same TaskItem fields; the last run and exit code go to `run` (task_run_info.h).
#pragma once

#include <string_view>

#include "collect/wintask/task_xml.h"
#include "core/result.h"

namespace iocscan::collect {

// .job files are a few hundred bytes; a larger file is refused unread.
inline constexpr std::size_t kMaxJobFileBytes = 64u << 10;

// Error: the file is too short for its own counts, or its fixed part is not a .job header.
Result<ScheduledTask> ParseJobFile(std::string_view bytes);

}  // namespace iocscan::collect
