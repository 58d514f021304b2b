// When a job is due: pure arithmetic on a schedule, a time zone and "now" (no clock, no I/O).
//
//   Schedule s;  s.frequency = Frequency::kWeekly;  s.days = kTue | kThu;  s.at = {2, 30};
//   std::optional<int64_t> next = NextOccurrence(s, zone, now);      // the next Tue/Thu 02:30 local
//   DueAnswer a = DecideDue(s, zone, now, state, boot_time, seed);   // a.due, a.occurrence, a.next
//
// Occurrences (the moments the schedule names), all in the zone's local time:
//   once       the single local date-time `once_at`
//   hourly     `at` on the anchor day, then every `every` hours of elapsed time (so DST changes
//              neither skip nor repeat a run); with every = 1 only the minute of `at` matters
//   daily      `at` on every `every`-th local day counted from the anchor day
//   weekly     `at` on each day of `days`, in every `every`-th week (Monday to Sunday) counted from
//              the anchor's week
//   on-launch  no calendar: due once after each boot (no run recorded since the boot time)
// The anchor is `start` (default 1970-01-01). Occurrences before `start` or at/after `end` are not
// occurrences. A local time that does not exist (the hour skipped when clocks go forward) is moved
// forward by the gap (02:30 -> 03:30); one that exists twice (clocks go back) is the first.
//
// Due (DecideDue): the latest occurrence O <= now that the state has not handled yet is due when
// it is recent (now < O + randomize + kOnTimeSeconds) or when run_missed is set (a run missed while
// the host was off runs once, as soon as possible; older missed occurrences are not run again).
// Nothing is due at or after `end`, not even a missed run.
// `randomize` delays the start to O + RandomDelay(...): a uniform delay in [0, randomize) that is
// fixed by the seed and the occurrence, so every caller agrees on it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace iocscan::job {

// ---- civil calendar (proleptic Gregorian) -------------------------------------------------------

struct LocalDateTime {
  int year = 1970, month = 1, day = 1;
  int hour = 0, minute = 0, second = 0;
  bool operator==(const LocalDateTime&) const = default;
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);
std::int64_t DaysFromCivil(int year, int month, int day);  // 1970-01-01 -> 0
LocalDateTime CivilFromDays(std::int64_t days);            // time of day 00:00:00
int Weekday(std::int64_t days);                            // 0 = Monday ... 6 = Sunday
std::string FormatLocal(const LocalDateTime& t);           // "2026-12-01 02:30:00"

// ---- time zones --------------------------------------------------------------------------------

// The seam for time zone rules: the local zone in production (job/clock.h), fixed offsets or the
// C library's zone with TZ set in tests.
class TimeZone {
 public:
  virtual ~TimeZone() = default;
  virtual std::int64_t UtcOffset(std::int64_t utc) const = 0;  // seconds east of UTC at `utc`
};

class FixedZone : public TimeZone {
 public:
  explicit FixedZone(std::int64_t offset_seconds) : offset_(offset_seconds) {}
  std::int64_t UtcOffset(std::int64_t) const override { return offset_; }

 private:
  std::int64_t offset_;
};

LocalDateTime ToLocal(std::int64_t utc, const TimeZone& zone);
// Gaps move forward by the gap length; repeated times resolve to the earlier instant.
std::int64_t ToUtc(const LocalDateTime& local, const TimeZone& zone);

// ---- schedules ---------------------------------------------------------------------------------

enum class Frequency { kOnce, kHourly, kDaily, kWeekly, kOnLaunch };

std::string FrequencyName(Frequency frequency);  // "once", "hourly", "daily", "weekly", "on-launch"

// Bits of Schedule::days.
inline constexpr unsigned kMon = 1u << 0, kTue = 1u << 1, kWed = 1u << 2, kThu = 1u << 3, kFri = 1u << 4,
                          kSat = 1u << 5, kSun = 1u << 6;

struct TimeOfDay {
  int hour = 0, minute = 0;
};

struct Schedule {
  Frequency frequency = Frequency::kDaily;
  int every = 1;                          // hourly / daily / weekly
  unsigned days = 0;                      // weekly: kMon | kThu ...
  TimeOfDay at;                           // hourly / daily / weekly
  LocalDateTime once_at;                  // once
  std::optional<LocalDateTime> start;     // first moment the schedule applies (local)
  std::optional<LocalDateTime> end;       // the schedule is cancelled from this moment (local)
  bool run_missed = false;
  std::int64_t randomize_seconds = 0;
};

// How long after its occurrence a run still counts as on time without run_missed: the trigger
// (cron, systemd, Task Scheduler) calls at the occurrence, plus a margin for a busy host.
inline constexpr std::int64_t kOnTimeSeconds = 15 * 60;

std::optional<std::int64_t> LatestOccurrence(const Schedule& s, const TimeZone& zone, std::int64_t at_or_before);
std::optional<std::int64_t> NextOccurrence(const Schedule& s, const TimeZone& zone, std::int64_t after);

// The delay in [0, randomize_seconds) for `occurrence`, a pure function of (seed, occurrence).
std::int64_t RandomDelay(std::int64_t randomize_seconds, std::int64_t occurrence, std::uint64_t seed);

struct DueState {
  std::optional<std::int64_t> last_occurrence;  // the last occurrence a run was started for
  std::optional<std::int64_t> last_run_start;   // the last run of any kind (on-launch compares it)
};

struct DueAnswer {
  bool due = false;
  std::optional<std::int64_t> occurrence;  // the occurrence that is due (none for on-launch)
  std::int64_t start_at = 0;               // due: when the run should start (occurrence + delay)
  std::optional<std::int64_t> next;        // the next occurrence after now (none: on-launch, ended)
  std::string reason;                      // one line: why (not) due
};

DueAnswer DecideDue(const Schedule& s, const TimeZone& zone, std::int64_t now, const DueState& state,
                    std::optional<std::int64_t> boot_time, std::uint64_t seed);

}  // namespace iocscan::job
