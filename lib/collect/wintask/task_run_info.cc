#include "collect/wintask/task_run_info.h"

#include "core/time.h"

namespace iocscan::collect {
namespace {

std::uint64_t Le(std::string_view b, std::size_t offset, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[offset + i]);
  return v;
}

std::optional<std::int64_t> TimeAt(std::string_view b, std::size_t offset) {
  std::uint64_t ticks = Le(b, offset, 8);
  if (ticks == 0) return std::nullopt;
  return EpochOfWindowsTicks(ticks);
}

}  // namespace

std::optional<TaskRunInfo> ParseTaskDynamicInfo(std::string_view bytes) {
  if (bytes.size() < 28) return std::nullopt;
  TaskRunInfo info;
  info.registered = TimeAt(bytes, 4);
  info.last_run = TimeAt(bytes, 12);
  info.last_result = static_cast<std::uint32_t>(Le(bytes, 24, 4));
  if (bytes.size() >= 36) info.last_ended = TimeAt(bytes, 28);
  return info;
}

}  // namespace iocscan::collect
