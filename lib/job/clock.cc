#include "job/clock.h"

#include <ctime>

#include "platform/job_os.h"

namespace iocscan::job {

std::int64_t SystemClock::Now() const { return static_cast<std::int64_t>(std::time(nullptr)); }

std::optional<std::int64_t> SystemClock::BootTime() const { return platform::BootTime(); }

std::int64_t LocalZone::UtcOffset(std::int64_t utc) const { return platform::LocalUtcOffset(utc); }

}  // namespace iocscan::job
