// Linux side of platform/job_os.h: the boot time ("btime" of /proc/stat) and /proc/self/exe.
#include <filesystem>
#include <fstream>
#include <string>

#include "platform/job_os.h"

namespace iocscan::platform {

std::optional<std::int64_t> BootTime() {
  std::ifstream in("/proc/stat");
  std::string key;
  while (in >> key) {
    if (key == "btime") {
      long long value = 0;
      if (in >> value) return static_cast<std::int64_t>(value);
      return std::nullopt;
    }
    in.ignore(1 << 20, '\n');
  }
  return std::nullopt;
}

std::string ExecutablePath() {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : p.string();
}

}  // namespace iocscan::platform
