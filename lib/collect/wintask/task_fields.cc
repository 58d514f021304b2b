#include "collect/wintask/task_fields.h"

#include "core/time.h"

namespace iocscan::collect {
namespace {

using report::CardValue;

void AddText(RecordItem& item, std::string_view search, const std::string& value) {
  if (!value.empty()) item.Add(search, RecordItem::Text(value));
}

// Task times are ISO 8601 ("2024-01-01T08:00:00", with or without a zone); others are skipped.
void AddTime(RecordItem& item, std::string_view search, const std::string& value) {
  if (value.empty()) return;
  Result<std::int64_t> t = ParseIsoTime(value);
  if (t.ok()) item.Add(search, RecordItem::Date(t.value()));
}

std::string Joined(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : std::string(separator)) + p;
  return out;
}

void AddAction(const TaskAction& a, const std::string& expanded, RecordItem& item) {
  item.Add("TaskItem/ActionList/Action/ActionType", RecordItem::Text(a.type));
  AddText(item, "TaskItem/ActionList/Action/ExecProgramPath", a.command);
  if (expanded != a.command) AddText(item, "TaskItem/ActionList/Action/ExecProgramPath", expanded);
  AddText(item, "TaskItem/ActionList/Action/ExecArguments", a.arguments);
  AddText(item, "TaskItem/ActionList/Action/ExecWorkingDirectory", a.working_directory);
  AddText(item, "TaskItem/ActionList/Action/COMClassId", a.class_id);
  AddText(item, "TaskItem/ActionList/Action/COMData", a.data);
  AddText(item, "TaskItem/ActionList/Action/EmailServer", a.email_server);
  AddText(item, "TaskItem/ActionList/Action/EmailSubject", a.email_subject);
  AddText(item, "TaskItem/ActionList/Action/EmailTo", a.email_to);
  AddText(item, "TaskItem/ActionList/Action/EmailCC", a.email_cc);
  AddText(item, "TaskItem/ActionList/Action/EmailBCC", a.email_bcc);
  AddText(item, "TaskItem/ActionList/Action/EmailReplyTo", a.email_reply_to);
  AddText(item, "TaskItem/ActionList/Action/EmailFrom", a.email_from);
  AddText(item, "TaskItem/ActionList/Action/EmailBody", a.email_body);
  for (const std::string& f : a.email_attachments) AddText(item, "TaskItem/ActionList/Action/EmailAttachments", f);
  AddText(item, "TaskItem/ActionList/Action/ShowMessageTitle", a.message_title);
  AddText(item, "TaskItem/ActionList/Action/ShowMessageBody", a.message_body);
}

void AddTrigger(const TaskTrigger& t, RecordItem& item) {
  item.Add("TaskItem/TriggerList/Trigger/TriggerFrequency", RecordItem::Text(t.frequency))
      .Add("TaskItem/TriggerList/Trigger/TriggerEnabled", RecordItem::Bool(t.enabled));
  AddTime(item, "TaskItem/TriggerList/Trigger/TriggerBegin", t.start_boundary);
  AddTime(item, "TaskItem/TriggerList/Trigger/TriggerEnd", t.end_boundary);
  AddText(item, "TaskItem/TriggerList/Trigger/TriggerDelay", t.delay);
  AddText(item, "TaskItem/TriggerList/Trigger/TriggerMaxRunTime", t.execution_time_limit);
  AddText(item, "TaskItem/TriggerList/Trigger/TriggerUsername", t.user_id);
  AddText(item, "TaskItem/TriggerList/Trigger/TriggerSubscription", t.subscription);
  for (const std::string& q : t.value_queries) AddText(item, "TaskItem/TriggerList/Trigger/TriggerValueQueries", q);
  AddText(item, "TaskItem/TriggerList/Trigger/TriggerSessionChangeType", t.state_change);
}

// What a card shows of the task: who made it, how it runs, what it runs, when.
void ShowTask(const ScheduledTask& task, const std::string& task_path, const std::string& file, RecordItem& item) {
  item.Show("Name", CardValue::Text(task_path));
  if (!task.author.empty()) item.Show("Creator", CardValue::Text(task.author));
  if (!task.user_id.empty()) item.Show("AccountName", CardValue::Text(task.user_id));
  if (!task.run_level.empty()) item.Show("AccountRunLevel", CardValue::Text(task.run_level));
  for (const TaskAction& a : task.actions) {
    if (!a.command.empty()) item.Show("ExecProgramPath", CardValue::Text(a.command));
    if (!a.arguments.empty()) item.Show("ExecArguments", CardValue::Text(a.arguments));
    if (!a.class_id.empty()) item.Show("COMClassId", CardValue::Text(a.class_id));
  }
  std::vector<std::string> when;
  for (const TaskTrigger& t : task.triggers) when.push_back(t.frequency + (t.enabled ? "" : " (disabled)"));
  if (!when.empty()) item.Show("Triggers", CardValue::Text(Joined(when, ", ")));
  if (!task.enabled) item.Show("Status", CardValue::Text("Disabled"));
  if (task.hidden) item.Show("Hidden", CardValue::Text("true"));
  if (task.run && task.run->last_run) {
    item.Show("MostRecentRunTime", CardValue::Date(*task.run->last_run))
        .Show("ExitCode", CardValue::Int(task.run->last_result));
  }
  item.Show("File", CardValue::Text(file));
}

}  // namespace

void AddTaskFields(const ScheduledTask& task, const std::string& task_path, const std::string& file,
                   const std::vector<std::string>& expanded_programs, RecordItem& item) {
  item.Add("TaskItem/Name", RecordItem::Text(task_path)).Add("TaskItem/VirtualPath", RecordItem::Text(task_path));
  AddText(item, "TaskItem/Creator", task.author);
  AddText(item, "TaskItem/Comment", task.description);
  AddTime(item, "TaskItem/CreationDate", task.date);
  if (task.date.empty() && task.run && task.run->registered) {
    item.Add("TaskItem/CreationDate", RecordItem::Date(*task.run->registered));
  }
  AddText(item, "TaskItem/AccountName", task.user_id);
  AddText(item, "TaskItem/AccountLogonType", task.logon_type);
  AddText(item, "TaskItem/AccountRunLevel", task.run_level);
  AddText(item, "TaskItem/MaxRunTime", task.execution_time_limit);
  AddText(item, "TaskItem/Priority", task.priority);
  AddText(item, "TaskItem/Flag", Joined(task.flags, " "));
  item.Add("TaskItem/Status", RecordItem::Text(task.enabled ? "Ready" : "Disabled"));
  for (std::size_t i = 0; i < task.actions.size(); ++i) {
    AddAction(task.actions[i], i < expanded_programs.size() ? expanded_programs[i] : "", item);
  }
  for (const TaskTrigger& t : task.triggers) AddTrigger(t, item);
  if (task.run && task.run->last_run) {  // the result of a task that never ran means nothing
    item.Add("TaskItem/MostRecentRunTime", RecordItem::Date(*task.run->last_run))
        .Add("TaskItem/ExitCode", RecordItem::Int(task.run->last_result));
  }
  ShowTask(task, task_path, file, item);
}

}  // namespace iocscan::collect
