#include "collect/wintask/job_file.h"

#include <cstdint>
#include <string>

#include "core/time.h"
#include "core/wtf8.h"

namespace iocscan::collect {
namespace {

constexpr std::size_t kFixedSize = 68;
constexpr std::size_t kTriggerSize = 48;

// A bounds-checked little-endian reader: a read past the end sets failed() and yields zeros.
class Reader {
 public:
  explicit Reader(std::string_view bytes, std::size_t at = 0) : bytes_(bytes), at_(at) {}
  std::uint64_t Uint(int size) {
    if (at_ + size > bytes_.size()) {
      failed_ = true;
      at_ = bytes_.size();
      return 0;
    }
    std::uint64_t v = 0;
    for (int i = size - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(bytes_[at_ + i]);
    at_ += size;
    return v;
  }
  std::uint16_t U16() { return static_cast<std::uint16_t>(Uint(2)); }
  std::uint32_t U32() { return static_cast<std::uint32_t>(Uint(4)); }
  // A count of UTF-16 units (with the terminating NUL) then the units; UTF-8 without the NUL.
  std::string String() {
    std::uint16_t units = U16();
    std::u16string text;
    for (std::uint16_t i = 0; i < units && !failed_; ++i) text.push_back(static_cast<char16_t>(U16()));
    while (!text.empty() && text.back() == u'\0') text.pop_back();
    return Utf8FromUtf16(text);
  }
  void Skip(std::size_t n) {
    if (at_ + n > bytes_.size()) failed_ = true;
    at_ = std::min(at_ + n, bytes_.size());
  }
  bool failed() const { return failed_; }

 private:
  std::string_view bytes_;
  std::size_t at_;
  bool failed_ = false;
};

std::string Two(unsigned v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// "2024-03-01T09:00:00" (no zone: the scheduler's local time, as in task XML).
std::string LocalTime(unsigned year, unsigned month, unsigned day, unsigned hour, unsigned minute, unsigned second) {
  return std::to_string(year) + "-" + Two(month) + "-" + Two(day) + "T" + Two(hour) + ":" + Two(minute) + ":" +
         Two(second);
}

// An ISO 8601 duration of milliseconds, as task XML writes limits ("PT72H"); 0xFFFFFFFF is no
// limit, which XML writes "PT0S".
std::string Duration(std::uint32_t ms) {
  if (ms == 0xFFFFFFFF) return "PT0S";
  std::uint32_t s = ms / 1000;
  if (s % 3600 == 0) return "PT" + std::to_string(s / 3600) + "H";
  if (s % 60 == 0) return "PT" + std::to_string(s / 60) + "M";
  return "PT" + std::to_string(s) + "S";
}

std::vector<std::string> FlagNames(std::uint32_t flags) {
  static constexpr std::pair<std::uint32_t, const char*> kNames[] = {
      {0x1, "TASK_FLAG_INTERACTIVE"},
      {0x2, "TASK_FLAG_DELETE_WHEN_DONE"},
      {0x4, "TASK_FLAG_DISABLED"},
      {0x10, "TASK_FLAG_START_ONLY_IF_IDLE"},
      {0x20, "TASK_FLAG_KILL_ON_IDLE_END"},
      {0x40, "TASK_FLAG_DONT_START_IF_ON_BATTERIES"},
      {0x80, "TASK_FLAG_KILL_IF_GOING_ON_BATTERIES"},
      {0x100, "TASK_FLAG_RUN_ONLY_IF_DOCKED"},
      {0x200, "TASK_FLAG_HIDDEN"},
      {0x400, "TASK_FLAG_RUN_IF_CONNECTED_TO_INTERNET"},
      {0x800, "TASK_FLAG_RESTART_ON_IDLE_RESUME"},
      {0x1000, "TASK_FLAG_SYSTEM_REQUIRED"},
      {0x2000, "TASK_FLAG_RUN_ONLY_IF_LOGGED_ON"},
  };
  std::vector<std::string> out;
  for (const auto& [bit, name] : kNames) {
    if (flags & bit) out.emplace_back(name);
  }
  return out;
}

// The TaskTrigger of one 48-byte trigger (the same frequency names as task XML).
TaskTrigger ReadTrigger(Reader& r) {
  static constexpr const char* kFrequencies[] = {"Once",    "Daily",      "Weekly",   "Monthly",
                                                 "Monthly", "On idle",    "At startup", "At logon"};
  static constexpr const char* kTypes[] = {"TimeTrigger",     "CalendarTrigger", "CalendarTrigger", "CalendarTrigger",
                                           "CalendarTrigger", "IdleTrigger",     "BootTrigger",     "LogonTrigger"};
  TaskTrigger t;
  r.Skip(4);  // size, reserved
  unsigned begin_year = r.U16(), begin_month = r.U16(), begin_day = r.U16();
  unsigned end_year = r.U16(), end_month = r.U16(), end_day = r.U16();
  unsigned hour = r.U16(), minute = r.U16();
  r.Skip(8);  // minutes duration, minutes interval
  std::uint32_t flags = r.U32();
  std::uint32_t type = r.U32();
  r.Skip(12);  // type-specific days/weeks/months, padding, reserved
  t.type = type < 8 ? kTypes[type] : "Unknown";
  t.frequency = type < 8 ? kFrequencies[type] : "Unknown (" + std::to_string(type) + ")";
  t.enabled = !(flags & 0x4);
  if (begin_year != 0) t.start_boundary = LocalTime(begin_year, begin_month, begin_day, hour, minute, 0);
  if ((flags & 0x1) && end_year != 0) t.end_boundary = LocalTime(end_year, end_month, end_day, 23, 59, 59);
  return t;
}

}  // namespace

Result<ScheduledTask> ParseJobFile(std::string_view bytes) {
  if (bytes.size() < kFixedSize + 2) return Error{"", "too short for a .job file"};
  Reader fixed(bytes);
  fixed.Skip(2);  // product version
  if (fixed.U16() != 1) return Error{"", "not a .job file (file version is not 1)"};
  fixed.Skip(16 + 2 + 2 + 8);  // job UUID, name and trigger offsets, retry and idle settings
  fixed.Skip(4);               // priority class
  std::uint32_t max_run_ms = fixed.U32();
  std::uint32_t exit_code = fixed.U32();
  fixed.Skip(4);  // status (ready, running, has not run): Status comes from the flags, as for XML
  std::uint32_t flags = fixed.U32();
  unsigned year = fixed.U16(), month = fixed.U16();
  fixed.Skip(2);  // weekday
  unsigned day = fixed.U16(), hour = fixed.U16(), minute = fixed.U16(), second = fixed.U16();

  ScheduledTask task;
  task.enabled = !(flags & 0x4);
  task.hidden = (flags & 0x200) != 0;
  task.execution_time_limit = Duration(max_run_ms);
  task.flags = FlagNames(flags);
  if (year != 0) {
    Result<std::int64_t> ran = ParseIsoTime(LocalTime(year, month, day, hour, minute, second));
    if (ran.ok()) task.run = TaskRunInfo{std::nullopt, ran.value(), std::nullopt, exit_code};
  }

  Reader r(bytes, kFixedSize);
  r.Skip(2);  // running instance count
  TaskAction exec;
  exec.type = "Exec";
  exec.command = r.String();
  exec.arguments = r.String();
  exec.working_directory = r.String();
  task.author = r.String();
  task.description = r.String();
  r.Skip(r.U16());  // user data
  r.Skip(r.U16());  // reserved data
  std::uint16_t triggers = r.U16();
  if (r.failed()) return Error{"", "truncated .job file"};
  if (std::size_t{triggers} * kTriggerSize > bytes.size()) return Error{"", "truncated .job file (triggers)"};
  for (std::uint16_t i = 0; i < triggers; ++i) task.triggers.push_back(ReadTrigger(r));
  if (r.failed()) return Error{"", "truncated .job file (triggers)"};
  if (!exec.command.empty()) task.actions.push_back(std::move(exec));
  return task;
}

}  // namespace iocscan::collect
