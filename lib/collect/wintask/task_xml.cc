#include "collect/wintask/task_xml.h"

#include <tinyxml2.h>

#include "collect/xml_reading.h"

namespace iocscan::collect {
namespace {

using tinyxml2::XMLElement;

// xs:boolean: "true"/"1" and "false"/"0"; anything else leaves the schema's default.
bool BoolOr(const XMLElement* e, bool fallback) {
  std::string text = TextOf(e);
  std::string_view v = TrimXmlSpace(text);
  if (v == "true" || v == "1") return true;
  if (v == "false" || v == "0") return false;
  return fallback;
}

// Task Scheduler accepts a quoted <Command> (a path with spaces): the program is what is inside.
std::string Unquoted(std::string_view command) {
  std::string_view c = TrimXmlSpace(command);
  if (c.size() >= 2 && c.front() == '"' && c.back() == '"') c = c.substr(1, c.size() - 2);
  return std::string(c);
}

std::string_view Frequency(std::string_view type, const XMLElement* trigger) {
  if (type == "TimeTrigger") return "Once";
  if (type == "CalendarTrigger") {
    if (ChildNamed(trigger, "ScheduleByDay")) return "Daily";
    if (ChildNamed(trigger, "ScheduleByWeek")) return "Weekly";
    if (ChildNamed(trigger, "ScheduleByMonth") || ChildNamed(trigger, "ScheduleByMonthDayOfWeek")) return "Monthly";
    return "Calendar";
  }
  if (type == "BootTrigger") return "At startup";
  if (type == "LogonTrigger") return "At logon";
  if (type == "IdleTrigger") return "On idle";
  if (type == "EventTrigger") return "On event";
  if (type == "RegistrationTrigger") return "At registration";
  if (type == "SessionStateChangeTrigger") return "On session state change";
  return type;
}

TaskTrigger ReadTrigger(const XMLElement* e) {
  TaskTrigger t;
  t.type = std::string(LocalName(e->Name()));
  t.frequency = std::string(Frequency(t.type, e));
  t.enabled = BoolOr(ChildNamed(e, "Enabled"), true);
  t.start_boundary = std::string(TrimXmlSpace(ChildText(e, "StartBoundary")));
  t.end_boundary = std::string(TrimXmlSpace(ChildText(e, "EndBoundary")));
  t.delay = ChildText(e, "Delay");
  if (t.delay.empty()) t.delay = ChildText(e, "RandomDelay");
  t.execution_time_limit = ChildText(e, "ExecutionTimeLimit");
  t.repetition_interval = ChildText(ChildNamed(e, "Repetition"), "Interval");
  t.user_id = ChildText(e, "UserId");
  t.subscription = ChildText(e, "Subscription");
  t.state_change = ChildText(e, "StateChange");
  for (const XMLElement* v = ChildNamed(ChildNamed(e, "ValueQueries"), "Value"); v; v = NextNamed(v)) {
    const char* name = v->Attribute("name");
    t.value_queries.push_back(std::string(name ? name : "") + "=" + TextOf(v));
  }
  return t;
}

TaskAction ReadAction(const XMLElement* e) {
  TaskAction a;
  a.type = std::string(LocalName(e->Name()));
  a.command = Unquoted(ChildText(e, "Command"));
  a.arguments = ChildText(e, "Arguments");
  a.working_directory = ChildText(e, "WorkingDirectory");
  a.class_id = std::string(TrimXmlSpace(ChildText(e, "ClassId")));
  a.data = ChildText(e, "Data");
  a.email_server = ChildText(e, "Server");
  a.email_subject = ChildText(e, "Subject");
  a.email_to = ChildText(e, "To");
  a.email_cc = ChildText(e, "Cc");
  a.email_bcc = ChildText(e, "Bcc");
  a.email_reply_to = ChildText(e, "ReplyTo");
  a.email_from = ChildText(e, "From");
  a.email_body = ChildText(e, "Body");
  for (const XMLElement* f = ChildNamed(ChildNamed(e, "Attachments"), "File"); f; f = NextNamed(f)) {
    a.email_attachments.push_back(TextOf(f));
  }
  a.message_title = ChildText(e, "Title");
  a.message_body = a.type == "ShowMessage" ? a.email_body : "";
  if (a.type == "ShowMessage") a.email_body.clear();
  return a;
}

// The principal named by <Actions Context="...">, else the first one.
void ReadPrincipal(const XMLElement* task, ScheduledTask* out) {
  const XMLElement* principals = ChildNamed(task, "Principals");
  const char* context = ChildNamed(task, "Actions") ? ChildNamed(task, "Actions")->Attribute("Context") : nullptr;
  const XMLElement* chosen = ChildNamed(principals, "Principal");
  for (const XMLElement* p = chosen; p && context; p = NextNamed(p)) {
    const char* id = p->Attribute("id");
    if (id && std::string_view(id) == context) chosen = p;
  }
  out->user_id = ChildText(chosen, "UserId");
  if (out->user_id.empty()) out->user_id = ChildText(chosen, "GroupId");
  out->logon_type = ChildText(chosen, "LogonType");
  out->run_level = ChildText(chosen, "RunLevel");
  if (chosen && out->run_level.empty()) out->run_level = "LeastPrivilege";
}

// The TASK_FLAG_* names (mstask.h) of what the settings ask, as the Task Scheduler 1.0 API
// reported them for the same definition.
void ReadSettings(const XMLElement* settings, ScheduledTask* out) {
  out->enabled = BoolOr(ChildNamed(settings, "Enabled"), true);
  out->hidden = BoolOr(ChildNamed(settings, "Hidden"), false);
  out->execution_time_limit = ChildText(settings, "ExecutionTimeLimit");
  if (out->execution_time_limit.empty()) out->execution_time_limit = "PT72H";
  out->priority = std::string(TrimXmlSpace(ChildText(settings, "Priority")));
  if (out->priority.empty()) out->priority = "7";
  auto flag = [&](bool set, const char* name) {
    if (set) out->flags.emplace_back(name);
  };
  flag(!out->enabled, "TASK_FLAG_DISABLED");
  flag(out->hidden, "TASK_FLAG_HIDDEN");
  flag(BoolOr(ChildNamed(settings, "RunOnlyIfIdle"), false), "TASK_FLAG_START_ONLY_IF_IDLE");
  flag(BoolOr(ChildNamed(settings, "DisallowStartIfOnBatteries"), true), "TASK_FLAG_DONT_START_IF_ON_BATTERIES");
  flag(BoolOr(ChildNamed(settings, "StopIfGoingOnBatteries"), true), "TASK_FLAG_KILL_IF_GOING_ON_BATTERIES");
  flag(BoolOr(ChildNamed(settings, "RunOnlyIfNetworkAvailable"), false), "TASK_FLAG_RUN_IF_CONNECTED_TO_INTERNET");
  flag(BoolOr(ChildNamed(settings, "WakeToRun"), false), "TASK_FLAG_SYSTEM_REQUIRED");
  flag(ChildNamed(settings, "DeleteExpiredTaskAfter") != nullptr, "TASK_FLAG_DELETE_WHEN_DONE");
}

}  // namespace

Result<ScheduledTask> ParseTaskXml(std::string_view bytes) {
  if (bytes.size() > kMaxTaskXmlBytes) {
    return Error{"", "refused: a task file of " + std::to_string(bytes.size()) + " bytes (the cap is 1 MiB)"};
  }
  std::string text = XmlTextAsUtf8(bytes);
  tinyxml2::XMLDocument doc;
  if (doc.Parse(text.data(), text.size()) != tinyxml2::XML_SUCCESS) return Error{"", XmlErrorText(doc)};
  const XMLElement* task = doc.RootElement();
  if (task == nullptr || LocalName(task->Name()) != "Task") {
    return Error{"", "not a Task Scheduler task (the root element is not <Task>)"};
  }
  ScheduledTask out;
  const XMLElement* info = ChildNamed(task, "RegistrationInfo");
  out.uri = ChildText(info, "URI");
  out.author = ChildText(info, "Author");
  out.description = ChildText(info, "Description");
  out.date = std::string(TrimXmlSpace(ChildText(info, "Date")));
  out.source = ChildText(info, "Source");
  ReadPrincipal(task, &out);
  ReadSettings(ChildNamed(task, "Settings"), &out);
  for (const XMLElement* t = ChildNamed(task, "Triggers") ? ChildNamed(task, "Triggers")->FirstChildElement() : nullptr;
       t; t = t->NextSiblingElement()) {
    out.triggers.push_back(ReadTrigger(t));
  }
  for (const XMLElement* a = ChildNamed(task, "Actions") ? ChildNamed(task, "Actions")->FirstChildElement() : nullptr;
       a; a = a->NextSiblingElement()) {
    out.actions.push_back(ReadAction(a));
  }
  return out;
}

std::string TaskPathOf(std::string_view relative_file_path) {
  std::string out;
  std::size_t start = 0;
  while (start <= relative_file_path.size()) {
    std::size_t end = relative_file_path.find_first_of("\\/", start);
    if (end == std::string_view::npos) end = relative_file_path.size();
    if (end > start) out += "\\" + std::string(relative_file_path.substr(start, end - start));
    start = end + 1;
  }
  return out.empty() ? "\\" : out;
}

}  // namespace iocscan::collect
