// A cron schedule (the five time fields of crontab(5)) and the next time it fires. Pure: no clock,
// no time zone database.
//
//   std::optional<CronSchedule> s = CronSchedule::Parse("*/15", "9-17", "*", "*", "mon-fri");
//   s->NextAfter(now)      // the first whole minute strictly after `now` that matches, in UTC
//
// Time zone: the next run is computed as if the host clock ran in UTC. Cron itself uses the
// local time of the host it runs on, which an offline image does not tell reliably; a scanner that
// reports UTC everywhere stays comparable across hosts. Documented on TaskItem/NextRunTime.
//
// Fields: minute 0-59, hour 0-23, day of month 1-31, month 1-12 or jan-dec, day of week 0-7 or
// sun-sat (0 and 7 are Sunday); each a comma list of "*", "N", "N-M", with an optional "/step"
// ("N/step" runs from N to the end of the range). Day rule (Vixie cron): when the day-of-month or
// the day-of-week field starts with '*', a day must match both; otherwise either one is enough.
#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <string_view>

namespace iocscan::collect {

class CronSchedule {
 public:
  static std::optional<CronSchedule> Parse(std::string_view minute, std::string_view hour,
                                           std::string_view day_of_month, std::string_view month,
                                           std::string_view day_of_week);
  // "@hourly", "@daily"/"@midnight", "@weekly", "@monthly", "@yearly"/"@annually"; nullopt for
  // "@reboot" (no calendar time) and unknown words.
  static std::optional<CronSchedule> FromKeyword(std::string_view keyword);
  // systemd's OnCalendar= shorthands (systemd.time(7)): minutely, hourly, daily, weekly (Monday),
  // monthly, quarterly, semiannually, yearly/annually; nullopt for full calendar expressions.
  static std::optional<CronSchedule> FromCalendarShorthand(std::string_view value);

  // The first matching minute strictly after `now` (seconds since the epoch, UTC); nullopt when
  // none within 28 years (e.g. "0 0 30 2 *", February 30th).
  std::optional<std::int64_t> NextAfter(std::int64_t now) const;

 private:
  bool DayMatches(std::int64_t days_since_epoch) const;

  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> days_;    // 1..31
  std::bitset<13> months_;  // 1..12
  std::bitset<7> weekdays_; // 0 = Sunday
  bool day_star_ = false;
  bool weekday_star_ = false;
};

}  // namespace iocscan::collect
