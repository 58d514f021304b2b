#include "collect/task/cron_schedule.h"

#include <array>
#include <cctype>
#include <charconv>
#include <string>

namespace iocscan::collect {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 7> kWeekdays = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

struct Range {
  int low, high;
  const std::string_view* names;  // names[i] is low + i; nullptr when the field has none
  int name_count;
};

// A number or (where the field has them) a three-letter name; -1 when neither.
int Value(std::string_view s, const Range& r) {
  int v = -1;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc() && end == s.data() + s.size()) return v;
  if (!r.names || s.size() != 3) return -1;
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int i = 0; i < r.name_count; ++i) {
    if (r.names[i] == lower) return r.low + i;
  }
  return -1;
}

// One comma-separated element: "*", "N", "N-M", each with an optional "/step". Sets bits v - low.
template <std::size_t N>
bool ParseElement(std::string_view e, const Range& r, std::bitset<N>* bits, int offset) {
  int step = 1;
  if (std::size_t slash = e.find('/'); slash != std::string_view::npos) {
    std::string_view s = e.substr(slash + 1);
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), step);
    if (ec != std::errc() || end != s.data() + s.size() || step <= 0) return false;
    e = e.substr(0, slash);
  }
  int low = r.low, high = r.high;
  if (e != "*") {
    std::size_t dash = e.find('-');
    low = Value(e.substr(0, dash), r);
    high = dash == std::string_view::npos ? (step > 1 ? r.high : low) : Value(e.substr(dash + 1), r);
    if (low < r.low || high > r.high || low > high) return false;
  }
  for (int v = low; v <= high; v += step) bits->set(static_cast<std::size_t>(v - offset));
  return true;
}

template <std::size_t N>
bool ParseField(std::string_view field, const Range& r, std::bitset<N>* bits, int offset = 0) {
  if (field.empty()) return false;
  while (!field.empty()) {
    std::size_t comma = field.find(',');
    if (!ParseElement(field.substr(0, comma), r, bits, offset)) return false;
    field = comma == std::string_view::npos ? std::string_view() : field.substr(comma + 1);
  }
  return true;
}

// Howard Hinnant's civil_from_days (proleptic Gregorian): the month and day of a day number.
void CivilFromDays(std::int64_t z, unsigned* month, unsigned* day) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
}

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

std::optional<CronSchedule> CronSchedule::Parse(std::string_view minute, std::string_view hour,
                                                std::string_view day_of_month, std::string_view month,
                                                std::string_view day_of_week) {
  CronSchedule s;
  std::bitset<8> weekdays;  // 0..7, folded below
  bool ok = ParseField(minute, {0, 59, nullptr, 0}, &s.minutes_) && ParseField(hour, {0, 23, nullptr, 0}, &s.hours_) &&
            ParseField(day_of_month, {1, 31, nullptr, 0}, &s.days_) &&
            ParseField(month, {1, 12, kMonths.data(), 12}, &s.months_) &&
            ParseField(day_of_week, {0, 7, kWeekdays.data(), 7}, &weekdays);
  if (!ok) return std::nullopt;
  for (std::size_t d = 0; d < 7; ++d) s.weekdays_[d] = weekdays[d];
  if (weekdays[7]) s.weekdays_.set(0);
  s.day_star_ = day_of_month.front() == '*';
  s.weekday_star_ = day_of_week.front() == '*';
  return s;
}

std::optional<CronSchedule> CronSchedule::FromKeyword(std::string_view keyword) {
  if (keyword == "@hourly") return Parse("0", "*", "*", "*", "*");
  if (keyword == "@daily" || keyword == "@midnight") return Parse("0", "0", "*", "*", "*");
  if (keyword == "@weekly") return Parse("0", "0", "*", "*", "0");
  if (keyword == "@monthly") return Parse("0", "0", "1", "*", "*");
  if (keyword == "@yearly" || keyword == "@annually") return Parse("0", "0", "1", "1", "*");
  return std::nullopt;
}

std::optional<CronSchedule> CronSchedule::FromCalendarShorthand(std::string_view value) {
  if (value == "minutely") return Parse("*", "*", "*", "*", "*");
  if (value == "hourly") return Parse("0", "*", "*", "*", "*");
  if (value == "daily") return Parse("0", "0", "*", "*", "*");
  if (value == "weekly") return Parse("0", "0", "*", "*", "1");
  if (value == "monthly") return Parse("0", "0", "1", "*", "*");
  if (value == "quarterly") return Parse("0", "0", "1", "1,4,7,10", "*");
  if (value == "semiannually") return Parse("0", "0", "1", "1,7", "*");
  if (value == "yearly" || value == "annually") return Parse("0", "0", "1", "1", "*");
  return std::nullopt;
}

bool CronSchedule::DayMatches(std::int64_t days) const {
  unsigned month = 0, day = 0;
  CivilFromDays(days, &month, &day);
  if (!months_[month]) return false;
  std::size_t weekday = static_cast<std::size_t>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
  bool dom = days_[day], dow = weekdays_[weekday];
  return (day_star_ || weekday_star_) ? (dom && dow) : (dom || dow);
}

std::optional<std::int64_t> CronSchedule::NextAfter(std::int64_t now) const {
  constexpr std::int64_t kMaxDays = 366 * 28;  // the calendar repeats its weekdays every 28 years
  std::int64_t start = (FloorDiv(now, 60) + 1) * 60;
  std::int64_t day = FloorDiv(start, 86400);
  int first_minute = static_cast<int>((start - day * 86400) / 60);
  for (std::int64_t i = 0; i < kMaxDays; ++i, ++day, first_minute = 0) {
    if (!DayMatches(day)) continue;
    for (int m = first_minute; m < 24 * 60; ++m) {
      if (hours_[static_cast<std::size_t>(m / 60)] && minutes_[static_cast<std::size_t>(m % 60)]) {
        return day * 86400 + m * 60;
      }
    }
  }
  return std::nullopt;
}

}  // namespace iocscan::collect
