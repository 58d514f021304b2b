#include "core/time.h"

#include <cctype>
#include <limits>

#include <fmt/format.h>

namespace iocscan {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

// Days since 1970-01-01 of a proleptic Gregorian date, by counting 400-year eras (146097 days each)
// from 0000-03-01 so that the leap day falls at the end of each counted year.
std::int64_t DaysFromCivil(std::int64_t year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const std::int64_t year_of_era = year - era * 400;
  const int shifted_month = month > 2 ? month - 3 : month + 9;  // March = 0
  const std::int64_t day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
  const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

struct Civil {
  std::int64_t year;
  int month;
  int day;
};

// The inverse of DaysFromCivil.
Civil CivilFromDays(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t day_of_era = days - era * 146097;
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  const int month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  return {year_of_era + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

bool IsLeap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(std::int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

// A cursor over the text with the few primitives the parsers need.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool Done() const { return pos_ == text_.size(); }
  char Peek() const { return Done() ? '\0' : text_[pos_]; }
  bool Accept(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }
  // Exactly `count` decimal digits.
  bool Digits(int count, int* out) {
    int value = 0;
    for (int i = 0; i < count; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(Peek()))) return false;
      value = value * 10 + (text_[pos_++] - '0');
    }
    *out = value;
    return true;
  }
  // One or more decimal digits, false on overflow of uint64.
  bool Number(std::uint64_t* out) {
    std::size_t start = pos_;
    std::uint64_t value = 0;
    while (std::isdigit(static_cast<unsigned char>(Peek()))) {
      const unsigned digit = static_cast<unsigned>(text_[pos_++] - '0');
      if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return false;
      value = value * 10 + digit;
    }
    *out = value;
    return pos_ > start;
  }
  void SkipDigits() {
    while (std::isdigit(static_cast<unsigned char>(Peek()))) ++pos_;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

Error TimeError(std::string_view text, std::string_view why) {
  return Error{std::string(text), fmt::format("not an ISO 8601 time ({})", why)};
}

// "Z", "+HH:MM", "+HHMM", "+HH" or nothing -> seconds east of UTC.
bool ParseZone(Scanner& s, std::int64_t* offset) {
  *offset = 0;
  if (s.Done() || s.Accept('Z') || s.Accept('z')) return s.Done();
  const int sign = s.Accept('+') ? 1 : s.Accept('-') ? -1 : 0;
  int hours = 0;
  int minutes = 0;
  if (sign == 0 || !s.Digits(2, &hours)) return false;
  if (!s.Done()) {
    s.Accept(':');
    if (!s.Digits(2, &minutes)) return false;
  }
  if (hours > 23 || minutes > 59) return false;
  *offset = sign * (hours * 3600 + minutes * 60);
  return s.Done();
}

}  // namespace

std::string FormatIsoTime(std::int64_t epoch_seconds) {
  std::int64_t days = epoch_seconds / kSecondsPerDay;
  std::int64_t rest = epoch_seconds % kSecondsPerDay;
  if (rest < 0) {
    rest += kSecondsPerDay;
    --days;
  }
  const Civil date = CivilFromDays(days);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", date.year, date.month, date.day, rest / 3600,
                     rest / 60 % 60, rest % 60);
}

Result<std::int64_t> ParseIsoTime(std::string_view text) {
  Scanner s(text);
  int year = 0, month = 0, day = 0;
  if (!s.Digits(4, &year) || !s.Accept('-') || !s.Digits(2, &month) || !s.Accept('-') || !s.Digits(2, &day)) {
    return TimeError(text, "expected YYYY-MM-DD");
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) {
    return TimeError(text, "no such date");
  }
  int hour = 0, minute = 0, second = 0;
  if (s.Accept('T') || s.Accept('t') || s.Accept(' ')) {
    if (!s.Digits(2, &hour) || !s.Accept(':') || !s.Digits(2, &minute)) {
      return TimeError(text, "expected HH:MM after the date");
    }
    if (s.Accept(':')) {
      if (!s.Digits(2, &second)) return TimeError(text, "expected two digits of seconds");
      if ((s.Accept('.') || s.Accept(',')) && !std::isdigit(static_cast<unsigned char>(s.Peek()))) {
        return TimeError(text, "expected digits after the decimal point");
      }
      s.SkipDigits();
    }
    if (hour > 23 || minute > 59 || second > 60) return TimeError(text, "no such time of day");
  }
  std::int64_t offset = 0;
  if (!ParseZone(s, &offset)) return TimeError(text, "bad time zone or trailing text");
  return DaysFromCivil(year, month, day) * kSecondsPerDay + hour * 3600 + minute * 60 + second - offset;
}

Result<std::int64_t> ParseDuration(std::string_view text) {
  Scanner s(text);
  std::uint64_t total = 0;
  const auto bad = [&](std::string_view why) {
    return Error{std::string(text), fmt::format("not a duration ({}; examples: 90s, 30m, 2h, 2d, 1h30m)", why)};
  };
  if (s.Done()) return bad("empty");
  for (bool first = true; !s.Done(); first = false) {
    std::uint64_t amount = 0;
    if (!s.Number(&amount)) return bad("expected a number");
    std::uint64_t unit = 0;
    switch (std::tolower(static_cast<unsigned char>(s.Peek()))) {
      case 's': unit = 1; break;
      case 'm': unit = 60; break;
      case 'h': unit = 3600; break;
      case 'd': unit = 86400; break;
      case 'w': unit = 7 * 86400; break;
      case '\0':
        if (first && s.Done()) unit = 1;  // a bare number is seconds
        break;
      default: break;
    }
    if (unit == 0) return bad("unknown or missing unit");
    if (!s.Done()) s.Accept(s.Peek());
    constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (amount > kMax / unit || total > kMax - amount * unit) return bad("too large");
    total += amount * unit;
  }
  return static_cast<std::int64_t>(total);
}

Result<std::uint64_t> ParseSize(std::string_view text) {
  Scanner s(text);
  const auto bad = [&](std::string_view why) {
    return Error{std::string(text), fmt::format("not a size ({}; examples: 512K, 64M, 2G, 1048576)", why)};
  };
  std::uint64_t amount = 0;
  if (!s.Number(&amount)) return bad("expected a number");
  int shift = 0;
  switch (std::tolower(static_cast<unsigned char>(s.Peek()))) {
    case 'k': shift = 10; break;
    case 'm': shift = 20; break;
    case 'g': shift = 30; break;
    case 't': shift = 40; break;
    default: break;
  }
  if (shift != 0) {
    s.Accept(s.Peek());
    if (s.Accept('i') || s.Accept('I')) {
      if (!s.Accept('B') && !s.Accept('b')) return bad("expected B after i");
    } else {
      s.Accept('B') || s.Accept('b');
    }
  } else {
    s.Accept('B') || s.Accept('b');
  }
  if (!s.Done()) return bad("unknown unit");
  if (amount > (std::numeric_limits<std::uint64_t>::max() >> shift)) return bad("too large");
  return amount << shift;
}

Result<std::int64_t> ParseTimeOrAgo(std::string_view text, std::int64_t now) {
  // Dates start with four digits and a dash; durations never contain a dash.
  if (text.find('-') != std::string_view::npos) return ParseIsoTime(text);
  Result<std::int64_t> ago = ParseDuration(text);
  if (!ago.ok()) {
    return Error{std::string(text), "not a time (expected ISO 8601 like 2026-11-28T12:00:00Z, or a duration ago like 2d, 12h)"};
  }
  return now - ago.value();
}

std::int64_t EpochOfWindowsTicks(std::uint64_t ticks) {
  constexpr std::uint64_t kTicksPerSecond = 10'000'000;
  constexpr std::int64_t kSeconds1601To1970 = 11'644'473'600;
  return static_cast<std::int64_t>(ticks / kTicksPerSecond) - kSeconds1601To1970;
}

}  // namespace iocscan
