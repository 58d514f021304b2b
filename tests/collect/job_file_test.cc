// Legacy Task Scheduler 1.0 .job files ([MS-TSCH] 2.4), built here field by field with the offsets
// of the specification, read into the same TaskItem fields as task XML; truncated and foreign files
// are errors, never a read past the end.
#include <catch2/catch.hpp>

#include <string>

#include "collect/wintask/job_file.h"
#include "collect/wintask/task_fields.h"
#include "core/time.h"
#include "support/little_endian.h"

namespace iocscan::collect {
namespace {

std::string Le(std::uint64_t v, int bytes) { return iocscan::testing::LittleEndian(v, bytes); }

// A count of UTF-16 units with the NUL, then the units (ASCII only here).
std::string JobString(const std::string& ascii) {
  if (ascii.empty()) return Le(0, 2);
  std::string out = Le(ascii.size() + 1, 2);
  for (char c : ascii) out += Le(static_cast<unsigned char>(c), 2);
  return out + Le(0, 2);
}

struct JobSpec {
  std::uint32_t flags = 0;
  std::uint32_t exit_code = 0;
  std::uint32_t max_run_ms = 72 * 3600 * 1000;
  bool ran = true;
  std::string application = "C:\\Users\\Public\\update.exe";
  std::string parameters = "/silent";
  std::string author = "CORP\\mallory";
  std::string comment = "updater";
};

// One daily trigger from 2024-03-01 09:30 to 2025-03-01, and one at logon, disabled.
std::string Triggers() {
  std::string daily = Le(0x30, 2) + Le(0, 2) + Le(2024, 2) + Le(3, 2) + Le(1, 2) + Le(2025, 2) + Le(3, 2) +
                      Le(1, 2) + Le(9, 2) + Le(30, 2) + Le(0, 4) + Le(0, 4) + Le(0x1, 4) + Le(1, 4) + Le(1, 2) +
                      Le(0, 2) + Le(0, 2) + Le(0, 2) + Le(0, 2) + Le(0, 2);
  std::string logon = Le(0x30, 2) + Le(0, 2) + Le(2024, 2) + Le(3, 2) + Le(1, 2) + Le(0, 2) + Le(0, 2) + Le(0, 2) +
                      Le(0, 2) + Le(0, 2) + Le(0, 4) + Le(0, 4) + Le(0x4, 4) + Le(7, 4) + Le(0, 12);
  return Le(2, 2) + daily + logon;
}

std::string Job(const JobSpec& spec) {
  std::string fixed = Le(0x0601, 2) + Le(1, 2) + std::string(16, '\x5a') + Le(0x46, 2) + Le(0, 2) + Le(0, 2) +
                      Le(0, 2) + Le(10, 2) + Le(60, 2) + Le(0x20, 4) + Le(spec.max_run_ms, 4) +
                      Le(spec.exit_code, 4) + Le(0x41300, 4) + Le(spec.flags, 4);
  // Last run: Friday 2024-12-27 08:15:42.500
  fixed += spec.ran ? Le(2024, 2) + Le(12, 2) + Le(5, 2) + Le(27, 2) + Le(8, 2) + Le(15, 2) + Le(42, 2) + Le(500, 2)
                    : std::string(16, '\0');
  REQUIRE(fixed.size() == 68);
  return fixed + Le(0, 2) + JobString(spec.application) + JobString(spec.parameters) + JobString("C:\\Temp") +
         JobString(spec.author) + JobString(spec.comment) + Le(0, 2) + Le(8, 2) + Le(0, 8) + Triggers();
}

std::int64_t T(const char* iso) { return ParseIsoTime(iso).value(); }

TEST_CASE("a .job file reads as a task with one Exec action, its triggers and its last run", "[collect][wintask]") {
  JobSpec spec;
  spec.flags = 0x200 | 0x40;  // hidden, don't start on batteries
  spec.exit_code = 0x1;
  Result<ScheduledTask> r = ParseJobFile(Job(spec));
  REQUIRE(r.ok());
  const ScheduledTask& t = r.value();
  REQUIRE(t.actions.size() == 1);
  CHECK(t.actions[0].type == "Exec");
  CHECK(t.actions[0].command == "C:\\Users\\Public\\update.exe");
  CHECK(t.actions[0].arguments == "/silent");
  CHECK(t.actions[0].working_directory == "C:\\Temp");
  CHECK(t.author == "CORP\\mallory");
  CHECK(t.description == "updater");
  CHECK(t.enabled);
  CHECK(t.hidden);
  CHECK(t.execution_time_limit == "PT72H");
  CHECK(t.flags == std::vector<std::string>{"TASK_FLAG_DONT_START_IF_ON_BATTERIES", "TASK_FLAG_HIDDEN"});
  REQUIRE(t.triggers.size() == 2);
  CHECK(t.triggers[0].frequency == "Daily");
  CHECK(t.triggers[0].enabled);
  CHECK(t.triggers[0].start_boundary == "2024-03-01T09:30:00");
  CHECK(t.triggers[0].end_boundary == "2025-03-01T23:59:59");
  CHECK(t.triggers[1].frequency == "At logon");
  CHECK_FALSE(t.triggers[1].enabled);
  CHECK(t.triggers[1].end_boundary.empty());  // no TASK_TRIGGER_FLAG_HAS_END_DATE
  REQUIRE(t.run);
  CHECK(t.run->last_run == T("2024-12-27T08:15:42Z"));
  CHECK(t.run->last_result == 1);

  RecordItem item;
  AddTaskFields(t, "\\At1", "C:\\Windows\\Tasks\\At1.job", {""}, item);
  const compile::FieldValue* path = item.Get(*terms::FindTerm("TaskItem/ActionList/Action/ExecProgramPath"));
  REQUIRE(path);
  CHECK(path->at(0).text == "C:\\Users\\Public\\update.exe");
  const compile::FieldValue* code = item.Get(*terms::FindTerm("TaskItem/ExitCode"));
  REQUIRE(code);
  CHECK(code->at(0).integer == 1);
  const compile::FieldValue* begin = item.Get(*terms::FindTerm("TaskItem/TriggerList/Trigger/TriggerBegin"));
  REQUIRE(begin);
  CHECK(begin->at(0).integer == T("2024-03-01T09:30:00Z"));
}

TEST_CASE("a .job file that never ran, is disabled or has no limit", "[collect][wintask]") {
  JobSpec spec;
  spec.ran = false;
  spec.flags = 0x4;
  spec.max_run_ms = 0xFFFFFFFF;
  spec.parameters = "";
  Result<ScheduledTask> r = ParseJobFile(Job(spec));
  REQUIRE(r.ok());
  CHECK_FALSE(r->run);
  CHECK_FALSE(r->enabled);
  CHECK(r->execution_time_limit == "PT0S");
  CHECK(r->actions.at(0).arguments.empty());
  spec.max_run_ms = 90 * 1000;
  CHECK(ParseJobFile(Job(spec))->execution_time_limit == "PT90S");
}

TEST_CASE("truncated and foreign .job files are errors", "[collect][wintask]") {
  std::string job = Job(JobSpec{});
  for (std::size_t n = 0; n < job.size(); ++n) {
    INFO(n);
    CHECK_FALSE(ParseJobFile(job.substr(0, n)).ok());  // every prefix: a count runs past the end
  }
  std::string wrong = job;
  wrong[2] = 2;  // file version 2
  CHECK_FALSE(ParseJobFile(wrong).ok());
  std::string huge_count = job;
  huge_count[70] = '\xff';  // application name of 65535 units
  huge_count[71] = '\xff';
  CHECK_FALSE(ParseJobFile(huge_count).ok());
}

}  // namespace
}  // namespace iocscan::collect
