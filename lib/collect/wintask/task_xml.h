// A Windows scheduled task as Task Scheduler 2.0 stores it: one XML file per task under
// %SystemRoot%\System32\Tasks (the file's path below that folder is the task's path), UTF-16
// with a BOM as the service writes it, sometimes UTF-8 when a tool dropped the file there. Pure
// code, tested on every OS with literal XML.
//
//   Result<ScheduledTask> t = ParseTaskXml(file_bytes);
//   if (!t.ok()) warn(path, t.error().message);     // malformed, not a task, too big
//
// The file holds the definition only: when the task last ran, its result and its next run are
// kept by the Schedule service (TaskCache in the registry, or the COM API), not here.
//
// Missing elements are empty strings (or the schema's defaults for the flags: a task is enabled
// and visible unless it says otherwise); unknown elements are ignored.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "collect/wintask/task_run_info.h"
#include "core/result.h"

namespace iocscan::collect {

// Real task files are a few KiB; the largest Windows ships (with embedded security descriptors
// and event subscriptions) stay under 64 KiB. Past this the file is refused unread: it is not a
// task the service would load, and tinyxml2 keeps the whole DOM.
inline constexpr std::size_t kMaxTaskXmlBytes = 1u << 20;

// One element of <Actions>: <Exec>, <ComHandler>, <SendEmail> or <ShowMessage>.
struct TaskAction {
  std::string type;               // the element's name: "Exec", "ComHandler", ...
  std::string command;            // Exec: <Command> as written, one pair of quotes removed
  std::string arguments;          // Exec
  std::string working_directory;  // Exec
  std::string class_id;           // ComHandler
  std::string data;               // ComHandler
  std::string email_server, email_subject, email_to, email_cc, email_bcc, email_reply_to, email_from,
      email_body;                 // SendEmail (deprecated by Microsoft, still loaded)
  std::vector<std::string> email_attachments;
  std::string message_title, message_body;  // ShowMessage
};

// One element of <Triggers>.
struct TaskTrigger {
  std::string type;            // the element's name: "TimeTrigger", "LogonTrigger", ...
  std::string frequency;       // "Once", "Daily", "Weekly", "Monthly", "At logon", ... (Frequency())
  bool enabled = true;
  std::string start_boundary;  // as written, e.g. "2024-01-01T08:00:00" (local time when no zone)
  std::string end_boundary;
  std::string delay;           // <Delay> or <RandomDelay>, an ISO 8601 duration ("PT30S")
  std::string execution_time_limit;
  std::string repetition_interval;
  std::string user_id;         // LogonTrigger, SessionStateChangeTrigger
  std::string subscription;    // EventTrigger: the event query
  std::vector<std::string> value_queries;  // EventTrigger: "name=XPath" per <Value>
  std::string state_change;    // SessionStateChangeTrigger: "RemoteConnect", ...
};

struct ScheduledTask {
  // <RegistrationInfo>
  std::string uri;          // the path the task says it has (the file's own path is the truth)
  std::string author;
  std::string description;
  std::string date;         // registration date, as written
  std::string source;
  // <Principals>: the principal the actions run as (the one <Actions Context=...> names, else
  // the first)
  std::string user_id;      // account name or SID; <GroupId> when there is no <UserId>
  std::string logon_type;   // "InteractiveToken", "Password", "S4U", "ServiceAccount", ...
  std::string run_level;    // "LeastPrivilege" (the default) or "HighestAvailable"
  // <Settings>
  bool enabled = true;
  bool hidden = false;
  std::string execution_time_limit;  // "PT72H" (the default when absent)
  std::string priority;              // "7" (the default when absent)
  std::vector<std::string> flags;    // TASK_FLAG_* names of the settings that are set (TaskFlags)

  std::vector<TaskTrigger> triggers;
  std::vector<TaskAction> actions;

  // Not in the file: what the Schedule service recorded of its runs (task_run_info.h), set by a
  // collector that could read it.
  std::optional<TaskRunInfo> run;
};

Result<ScheduledTask> ParseTaskXml(std::string_view bytes);

// "\Microsoft\Windows\Defrag\ScheduledDefrag" from the file's path below the Tasks folder, as
// '\'- or '/'-separated components ("Microsoft/Windows/Defrag/ScheduledDefrag").
std::string TaskPathOf(std::string_view relative_file_path);

}  // namespace iocscan::collect
