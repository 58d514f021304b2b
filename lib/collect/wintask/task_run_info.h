// What the Schedule service records of a task's runs outside its definition file: the
// DynamicInfo value of the key
//   HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Schedule\TaskCache\Tasks\{id}
// whose Path value names the task ("\Microsoft\Windows\Defrag\ScheduledDefrag").
// Layout, little-endian: 28 bytes up to Windows 7, 36 since Windows 8:
//    0  uint32    format version (3)
//    4  FILETIME  when the task was registered
//   12  FILETIME  when it last started (0: it never ran)
//   20  uint32    task state
//   24  uint32    the last run's result: the action's exit code, or an HRESULT of the service
//                 (0x41303 "has not yet run")
//   28  FILETIME  when the last run ended (Windows 8 and later)
// The service keeps no next run time anywhere it can be read without asking it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace iocscan::collect {

struct TaskRunInfo {
  std::optional<std::int64_t> registered;  // epoch seconds; nullopt when 0
  std::optional<std::int64_t> last_run;
  std::optional<std::int64_t> last_ended;
  std::uint32_t last_result = 0;
};

// nullopt when `bytes` is shorter than 28 bytes: not a DynamicInfo value.
std::optional<TaskRunInfo> ParseTaskDynamicInfo(std::string_view bytes);

}  // namespace iocscan::collect
