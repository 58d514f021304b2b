// TaskItem and EventLogItem: exactly the terms their collectors set are collected, per platform
// (collect/task on Linux; collect/wintask with platform/windows/collect/scheduled_task_collector
// and collect/eventlog with event_log_collector on Windows), with the vendor lists' types and
// platforms kept.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "terms/registry.h"
#include "terms/terms_support.h"

namespace iocscan::terms {
namespace {

using testing::CollectedOn;

const TermInfo& Must(std::string_view search) {
  std::optional<FieldId> id = FindTerm(search);
  REQUIRE(id);
  return Term(*id);
}

const std::set<std::string> kTaskDigests = {"md5sum", "sha1sum", "sha256sum", "ActionList/Action/ExecProgramMd5sum",
                                            "ActionList/Action/ExecProgramSha1sum",
                                            "ActionList/Action/ExecProgramSha256sum"};

TEST_CASE("exactly the TaskItem terms the Linux collector sets are collected on Linux", "[terms]") {
  std::set<std::string> expected = {"Name", "Creator", "userName", "path", "schedule", "NextRunTime",
                                    "crontabPath", "crontabMinute", "crontabHour", "crontabDayOfMonth",
                                    "crontabMonth", "crontabDayOfWeek", "crontabEvent", "crontabCommand",
                                    "crontabPeriod", "crontabDelay", "crontabJobIdentifier",
                                    "ActionList/Action/ExecProgramPath", "ActionList/Action/ExecArguments"};
  expected.insert(kTaskDigests.begin(), kTaskDigests.end());
  CHECK(CollectedOn("TaskItem", kLinux) == expected);
}

TEST_CASE("exactly the TaskItem terms the Windows collector sets are collected on Windows", "[terms]") {
  std::set<std::string> expected = {"Name", "VirtualPath", "Creator", "Comment", "CreationDate", "AccountName",
                                    "AccountLogonType", "AccountRunLevel", "MaxRunTime", "Priority", "Flag",
                                    "Status", "MostRecentRunTime", "ExitCode"};
  for (const char* f : {"ActionType", "ExecProgramPath", "ExecArguments", "ExecWorkingDirectory", "COMClassId",
                        "COMData", "EmailServer", "EmailSubject", "EmailTo", "EmailCC", "EmailBCC", "EmailReplyTo",
                        "EmailFrom", "EmailBody", "EmailAttachments", "ShowMessageTitle", "ShowMessageBody"}) {
    expected.insert(std::string("ActionList/Action/") + f);
  }
  for (const char* f : {"TriggerFrequency", "TriggerEnabled", "TriggerBegin", "TriggerEnd", "TriggerDelay",
                        "TriggerMaxRunTime", "TriggerUsername", "TriggerSubscription", "TriggerValueQueries",
                        "TriggerSessionChangeType"}) {
    expected.insert(std::string("TriggerList/Trigger/") + f);
  }
  expected.insert(kTaskDigests.begin(), kTaskDigests.end());
  CHECK(CollectedOn("TaskItem", kWindows) == expected);
  // Only the Schedule service computes the next run of a Windows task.
  CHECK(Must("TaskItem/NextRunTime").collected == kLinux);
  CHECK(Must("TaskItem/TriggerList/Trigger/TriggerBegin").type == ValueType::kDate);
  CHECK(Must("TaskItem/TriggerList/Trigger/TriggerEnabled").type == ValueType::kBool);
  CHECK(Must("TaskItem/TriggerList/Trigger/TriggerFrequency").list);
  CHECK(Must("TaskItem/Comment").vendor_platforms == kWindows);
  CHECK(Must("TaskItem/sha256sum").cost == Cost::kDigest);
}

TEST_CASE("exactly the EventLogItem terms the Windows collector sets are collected, on Windows only", "[terms]") {
  CHECK(CollectedOn("EventLogItem", kLinux).empty());
  CHECK(CollectedOn("EventLogItem", kWindows) ==
        std::set<std::string>{"log", "EID", "source", "type", "genTime", "writeTime", "index", "machine", "user",
                              "category", "categoryNum", "message", "unformattedMessage/string", "blob",
                              "CorrelationActivityId", "CorrelationRelatedActivityId", "ExecutionProcessId",
                              "ExecutionThreadId"});
  CHECK(Must("EventLogItem/reserved").collected == 0);
  CHECK(Must("EventLogItem/EID").type == ValueType::kInt);
  CHECK(Must("EventLogItem/genTime").type == ValueType::kDate);
  CHECK(Must("EventLogItem/unformattedMessage/string").list);
  // Formatting a message loads the provider's message file: tried after the record's own fields.
  CHECK(Must("EventLogItem/message").cost == Cost::kOther);
  CHECK(Must("EventLogItem/EID").cost == Cost::kName);
}

}  // namespace
}  // namespace iocscan::terms
