// The job layer's seam to the outside world's time: what time it is, when the host booted, and the
// local time zone's rules. Production uses SystemClock and LocalZone; tests and `--now` use
// FixedClock and FixedZone (schedule.h) or LocalZone with TZ set.
#pragma once

#include <cstdint>
#include <optional>

#include "job/schedule.h"

namespace iocscan::job {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t Now() const = 0;                       // seconds since the epoch
  virtual std::optional<std::int64_t> BootTime() const = 0;   // nullopt: unknown
};

class SystemClock : public Clock {
 public:
  std::int64_t Now() const override;
  std::optional<std::int64_t> BootTime() const override;
};

class FixedClock : public Clock {
 public:
  FixedClock(std::int64_t now, std::optional<std::int64_t> boot) : now_(now), boot_(boot) {}
  std::int64_t Now() const override { return now_; }
  std::optional<std::int64_t> BootTime() const override { return boot_; }

 private:
  std::int64_t now_;
  std::optional<std::int64_t> boot_;
};

// The process's local time zone (TZ, else the system's), through the C library.
class LocalZone : public TimeZone {
 public:
  std::int64_t UtcOffset(std::int64_t utc) const override;
};

}  // namespace iocscan::job
