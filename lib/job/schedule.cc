#include "job/schedule.h"

#include <cstdio>

namespace iocscan::job {
namespace {

constexpr std::int64_t kDay = 86400;

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

std::int64_t FloorMod(std::int64_t a, std::int64_t b) { return a - FloorDiv(a, b) * b; }

std::int64_t LocalSeconds(const LocalDateTime& t) {
  return DaysFromCivil(t.year, t.month, t.day) * kDay + t.hour * 3600 + t.minute * 60 + t.second;
}

LocalDateTime AtDay(std::int64_t days, TimeOfDay at) {
  LocalDateTime t = CivilFromDays(days);
  t.hour = at.hour;
  t.minute = at.minute;
  return t;
}

struct Bounds {
  std::optional<std::int64_t> start, end;
  bool Contains(std::int64_t t) const { return (!start || t >= *start) && (!end || t < *end); }
};

Bounds BoundsOf(const Schedule& s, const TimeZone& zone) {
  Bounds b;
  if (s.start) b.start = ToUtc(*s.start, zone);
  if (s.end) b.end = ToUtc(*s.end, zone);
  return b;
}

std::int64_t AnchorDays(const Schedule& s) {
  return s.start ? DaysFromCivil(s.start->year, s.start->month, s.start->day) : 0;
}

// Does local day `d` carry an occurrence (daily / weekly)?
bool DayMatches(const Schedule& s, std::int64_t d) {
  const std::int64_t anchor = AnchorDays(s);
  if (d < anchor) return false;
  if (s.frequency == Frequency::kDaily) return FloorMod(d - anchor, s.every) == 0;
  if ((s.days & (1u << Weekday(d))) == 0) return false;
  const std::int64_t anchor_monday = anchor - Weekday(anchor);
  return FloorMod(FloorDiv(d - anchor_monday, 7), s.every) == 0;
}

std::int64_t DaySearchSpan(const Schedule& s) { return 7 * static_cast<std::int64_t>(s.every) + 2; }

std::uint64_t SplitMix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t DaysFromCivil(int year, int month, int day) {
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = FloorDiv(y, 400);
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

LocalDateTime CivilFromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = FloorDiv(z, 146097);
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  LocalDateTime t;
  t.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  t.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  t.year = static_cast<int>(yoe + era * 400 + (t.month <= 2 ? 1 : 0));
  return t;
}

int Weekday(std::int64_t days) { return static_cast<int>(FloorMod(days + 3, 7)); }  // 1970-01-01: Thursday

std::string FormatLocal(const LocalDateTime& t) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", t.year, t.month, t.day, t.hour, t.minute, t.second);
  return buf;
}

LocalDateTime ToLocal(std::int64_t utc, const TimeZone& zone) {
  const std::int64_t local = utc + zone.UtcOffset(utc);
  LocalDateTime t = CivilFromDays(FloorDiv(local, kDay));
  const std::int64_t sod = FloorMod(local, kDay);
  t.hour = static_cast<int>(sod / 3600);
  t.minute = static_cast<int>(sod / 60 % 60);
  t.second = static_cast<int>(sod % 60);
  return t;
}

std::int64_t ToUtc(const LocalDateTime& local, const TimeZone& zone) {
  const std::int64_t l = LocalSeconds(local);
  // The offsets in effect a day before and a day after bracket any single transition.
  const std::int64_t before = zone.UtcOffset(l - kDay);
  const std::int64_t after = zone.UtcOffset(l + kDay);
  const std::int64_t a = l - before, b = l - after;
  const bool a_ok = zone.UtcOffset(a) == before;
  const bool b_ok = zone.UtcOffset(b) == after;
  if (a_ok && b_ok) return a < b ? a : b;  // repeated local time: the earlier instant
  if (a_ok) return a;
  if (b_ok) return b;
  return l - before;  // in the gap: read with the old offset, i.e. moved forward by the gap
}

std::string FrequencyName(Frequency f) {
  switch (f) {
    case Frequency::kOnce: return "once";
    case Frequency::kHourly: return "hourly";
    case Frequency::kDaily: return "daily";
    case Frequency::kWeekly: return "weekly";
    case Frequency::kOnLaunch: return "on-launch";
  }
  return "?";
}

std::optional<std::int64_t> LatestOccurrence(const Schedule& s, const TimeZone& zone, std::int64_t t) {
  const Bounds bounds = BoundsOf(s, zone);
  if (bounds.end && t >= *bounds.end) t = *bounds.end - 1;
  switch (s.frequency) {
    case Frequency::kOnLaunch:
      return std::nullopt;
    case Frequency::kOnce: {
      const std::int64_t o = ToUtc(s.once_at, zone);
      if (o <= t && bounds.Contains(o)) return o;
      return std::nullopt;
    }
    case Frequency::kHourly: {
      const std::int64_t anchor = ToUtc(AtDay(AnchorDays(s), s.at), zone);
      const std::int64_t period = static_cast<std::int64_t>(s.every) * 3600;
      if (t < anchor) return std::nullopt;
      const std::int64_t o = anchor + FloorDiv(t - anchor, period) * period;
      if (bounds.Contains(o)) return o;
      return std::nullopt;
    }
    case Frequency::kDaily:
    case Frequency::kWeekly: {
      const LocalDateTime lt = ToLocal(t, zone);
      // One day later too: a gap can move the previous local day's time past midnight.
      const std::int64_t first = DaysFromCivil(lt.year, lt.month, lt.day) + 1;
      for (std::int64_t d = first; d > first - DaySearchSpan(s); --d) {
        if (!DayMatches(s, d)) continue;
        const std::int64_t o = ToUtc(AtDay(d, s.at), zone);
        if (o > t) continue;
        if (bounds.start && o < *bounds.start) return std::nullopt;
        return o;
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::optional<std::int64_t> NextOccurrence(const Schedule& s, const TimeZone& zone, std::int64_t after) {
  const Bounds bounds = BoundsOf(s, zone);
  if (bounds.start && after < *bounds.start - 1) after = *bounds.start - 1;
  std::optional<std::int64_t> found;
  switch (s.frequency) {
    case Frequency::kOnLaunch:
      return std::nullopt;
    case Frequency::kOnce: {
      const std::int64_t o = ToUtc(s.once_at, zone);
      if (o > after) found = o;
      break;
    }
    case Frequency::kHourly: {
      const std::int64_t anchor = ToUtc(AtDay(AnchorDays(s), s.at), zone);
      const std::int64_t period = static_cast<std::int64_t>(s.every) * 3600;
      found = after < anchor ? anchor : anchor + (FloorDiv(after - anchor, period) + 1) * period;
      break;
    }
    case Frequency::kDaily:
    case Frequency::kWeekly: {
      const LocalDateTime lt = ToLocal(after, zone);
      std::int64_t first = DaysFromCivil(lt.year, lt.month, lt.day) - 1;
      if (first < AnchorDays(s)) first = AnchorDays(s);
      for (std::int64_t d = first; d < first + DaySearchSpan(s); ++d) {
        if (!DayMatches(s, d)) continue;
        const std::int64_t o = ToUtc(AtDay(d, s.at), zone);
        if (o <= after) continue;
        found = o;
        break;
      }
      break;
    }
  }
  if (found && bounds.Contains(*found)) return found;
  return std::nullopt;
}

std::int64_t RandomDelay(std::int64_t randomize_seconds, std::int64_t occurrence, std::uint64_t seed) {
  if (randomize_seconds <= 0) return 0;
  const std::uint64_t r = SplitMix64(seed ^ SplitMix64(static_cast<std::uint64_t>(occurrence)));
  return static_cast<std::int64_t>(r % static_cast<std::uint64_t>(randomize_seconds));
}

DueAnswer DecideDue(const Schedule& s, const TimeZone& zone, std::int64_t now, const DueState& state,
                    std::optional<std::int64_t> boot_time, std::uint64_t seed) {
  DueAnswer a;
  const Bounds bounds = BoundsOf(s, zone);
  auto local = [&](std::int64_t t) { return FormatLocal(ToLocal(t, zone)); };
  if (s.frequency == Frequency::kOnLaunch) {
    if (bounds.end && now >= *bounds.end) {
      a.reason = "the schedule ended at " + local(*bounds.end);
    } else if (bounds.start && now < *bounds.start) {
      a.reason = "the schedule starts at " + local(*bounds.start);
    } else if (!boot_time) {
      a.due = !state.last_run_start.has_value();
      a.start_at = now;
      a.reason = a.due ? "never ran (boot time unknown)" : "ran before (boot time unknown)";
    } else if (state.last_run_start && *state.last_run_start >= *boot_time) {
      a.reason = "already ran since the boot at " + local(*boot_time);
    } else {
      a.due = true;
      a.start_at = *boot_time + RandomDelay(s.randomize_seconds, *boot_time, seed);
      a.reason = "no run since the boot at " + local(*boot_time);
    }
    return a;
  }
  a.next = NextOccurrence(s, zone, now);
  if (bounds.end && now >= *bounds.end) {  // cancelled: not even a missed run
    a.reason = "the schedule ended at " + local(*bounds.end);
    return a;
  }
  const std::optional<std::int64_t> o = LatestOccurrence(s, zone, now);
  if (!o) {
    a.reason = "no occurrence yet";
    return a;
  }
  if (state.last_occurrence && *state.last_occurrence >= *o) {
    a.reason = "already ran for " + local(*o);
    return a;
  }
  const std::int64_t delay = RandomDelay(s.randomize_seconds, *o, seed);
  if (!s.run_missed && now >= *o + delay + kOnTimeSeconds) {
    a.reason = "missed " + local(*o) + " (run_missed is off)";
    return a;
  }
  a.due = true;
  a.occurrence = o;
  a.start_at = *o + delay;
  a.reason = (now >= *o + delay + kOnTimeSeconds ? "missed " : "due ") + local(*o);
  return a;
}

}  // namespace iocscan::job
