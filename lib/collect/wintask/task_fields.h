// The TaskItem fields of a Windows scheduled task (task_xml.h), set on a RecordItem: what the
// definition file says, nothing the Schedule service keeps elsewhere. Portable, so the mapping
// is tested on Linux; the Windows collector (platform/windows/collect/task_collector.cc) adds the
// digests of the programs, which need the live file system.
//
// Fields (under TaskItem/):
//   Name, VirtualPath        the task's path, "\Microsoft\Windows\Defrag\ScheduledDefrag"
//   Creator                  <Author>;  Comment: <Description>;  CreationDate: <Date>
//   AccountName              <UserId> of the principal the actions run as (else its <GroupId>)
//   AccountLogonType, AccountRunLevel   <LogonType>, <RunLevel>
//   MaxRunTime, Priority     <ExecutionTimeLimit>, <Priority> of the settings (defaults PT72H, 7)
//   Flag                     the TASK_FLAG_* names the settings imply, space-separated
//   Status                   "Disabled" when <Enabled>false</Enabled>, else "Ready" (a running
//                            instance is only known to the service)
//   ActionList/Action/...    per action: ActionType (Exec, ComHandler, SendEmail, ShowMessage),
//                            ExecProgramPath (the <Command> unquoted; plus its expanded form when
//                            the collector gives one), ExecArguments, ExecWorkingDirectory,
//                            COMClassId, COMData, Email*, ShowMessageTitle/Body
//   TriggerList/Trigger/...  per trigger: TriggerFrequency (Once, Daily, Weekly, Monthly, At
//                            logon, At startup, On idle, On event, ...), TriggerEnabled,
//                            TriggerBegin/TriggerEnd (StartBoundary/EndBoundary; a time without a
//                            zone is local time to the scheduler and is read as UTC here),
//                            TriggerDelay, TriggerMaxRunTime, TriggerUsername,
//                            TriggerSubscription, TriggerValueQueries ("name=XPath"),
//                            TriggerSessionChangeType
//   MostRecentRunTime, ExitCode   when the collector found the service's record of the task
//                            (task.run) and it ran: the last start, the last result
//   CreationDate             also the record's registration time when the file has no <Date>
// Not set: NextRunTime (only the service computes it), signatures.
#pragma once

#include <string>
#include <string_view>

#include "collect/record_item.h"
#include "collect/wintask/task_xml.h"

namespace iocscan::collect {

// `task_path` is TaskPathOf(...) of the file; `file` its full path, shown on the card.
// `expanded_programs` holds, per action, the program with environment variables expanded ("" when
// it has none or is the same).
void AddTaskFields(const ScheduledTask& task, const std::string& task_path, const std::string& file,
                   const std::vector<std::string>& expanded_programs, RecordItem& item);

}  // namespace iocscan::collect
