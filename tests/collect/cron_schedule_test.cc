// Cron next-run computation on fixed "now" values: ranges, steps, lists, names, the day-of-month /
// day-of-week OR rule, impossible dates, keywords and systemd calendar shorthands.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "collect/task/cron_schedule.h"
#include "core/time.h"

namespace iocscan::collect {
namespace {

std::int64_t At(std::string_view iso) {
  Result<std::int64_t> t = ParseIsoTime(iso);
  REQUIRE(t.ok());
  return t.value();
}

std::string Show(std::optional<std::int64_t> t) { return t ? FormatIsoTime(*t) : "none"; }

// The next run of a five-field line after `now`, as ISO text; "invalid" when it does not parse.
std::string Next(std::string_view fields, std::string_view now) {
  std::vector<std::string_view> f;
  while (!fields.empty()) {
    std::size_t sp = fields.find(' ');
    f.push_back(fields.substr(0, sp));
    fields = sp == std::string_view::npos ? std::string_view() : fields.substr(sp + 1);
  }
  REQUIRE(f.size() == 5);
  std::optional<CronSchedule> s = CronSchedule::Parse(f[0], f[1], f[2], f[3], f[4]);
  if (!s) return "invalid";
  return Show(s->NextAfter(At(now)));
}

constexpr std::string_view kWednesday = "2025-01-01T10:07:30Z";  // a Wednesday

TEST_CASE("the next minute after now, never now itself", "[collect][cron]") {
  CHECK(Next("* * * * *", kWednesday) == "2025-01-01T10:08:00Z");
  CHECK(Next("0 * * * *", kWednesday) == "2025-01-01T11:00:00Z");
  CHECK(Next("*/15 * * * *", "2025-01-01T10:15:00Z") == "2025-01-01T10:30:00Z");
  CHECK(Next("15 10 1 1 *", kWednesday) == "2025-01-01T10:15:00Z");
  CHECK(Next("7 10 1 1 *", kWednesday) == "2026-01-01T10:07:00Z");
  CHECK(Next("0 0 1 1 *", "2025-12-31T23:59:59Z") == "2026-01-01T00:00:00Z");
}

TEST_CASE("ranges, steps, lists and names", "[collect][cron]") {
  CHECK(Next("*/15 9-17 * * mon-fri", kWednesday) == "2025-01-01T10:15:00Z");
  CHECK(Next("*/15 9-17 * * mon-fri", "2025-01-03T17:50:00Z") == "2025-01-06T09:00:00Z");  // Fri -> Mon
  CHECK(Next("5/20 * * * *", kWednesday) == "2025-01-01T10:25:00Z");
  CHECK(Next("0 8-18/5 * * *", kWednesday) == "2025-01-01T13:00:00Z");
  CHECK(Next("30 12 * JAN,feb *", kWednesday) == "2025-01-01T12:30:00Z");
  CHECK(Next("0 0 1 mar *", kWednesday) == "2025-03-01T00:00:00Z");
  CHECK(Next("5 4 * * sun", kWednesday) == "2025-01-05T04:05:00Z");
  CHECK(Next("0 0 * * 7", kWednesday) == "2025-01-05T00:00:00Z");  // 7 is Sunday too
  CHECK(Next("0 0 * * 0", kWednesday) == "2025-01-05T00:00:00Z");
  CHECK(Next("0 6 * * 1,3,5", kWednesday) == "2025-01-03T06:00:00Z");
}

TEST_CASE("day of month and day of week: OR when both are restricted, AND when one starts with *",
          "[collect][cron]") {
  CHECK(Next("0 0 13 * 5", kWednesday) == "2025-01-03T00:00:00Z");     // Friday the 3rd (OR)
  CHECK(Next("0 0 13 * *", kWednesday) == "2025-01-13T00:00:00Z");
  CHECK(Next("0 0 1 * 1", kWednesday) == "2025-01-06T00:00:00Z");      // Monday, not Feb 1st
  CHECK(Next("0 0 1-7 * mon", kWednesday) == "2025-01-02T00:00:00Z");  // the 2nd is in 1-7
  CHECK(Next("0 0 * * 1", kWednesday) == "2025-01-06T00:00:00Z");
  CHECK(Next("0 0 */10 * *", kWednesday) == "2025-01-11T00:00:00Z");  // 1, 11, 21, 31
  // "*/10" starts with '*': both must match, a Monday among the 1st, 11th, 21st and 31st.
  CHECK(Next("0 0 */10 * 1", kWednesday) == "2025-03-31T00:00:00Z");
  CHECK(Next("0 0 */10 * 6", kWednesday) == "2025-01-11T00:00:00Z");  // Saturday the 11th
}

TEST_CASE("dates that are rare or never come", "[collect][cron]") {
  CHECK(Next("0 0 29 2 *", kWednesday) == "2028-02-29T00:00:00Z");
  CHECK(Next("0 0 30 2 *", kWednesday) == "none");
  CHECK(Next("0 0 31 4 *", kWednesday) == "none");
}

TEST_CASE("malformed fields are refused", "[collect][cron]") {
  CHECK(Next("60 * * * *", kWednesday) == "invalid");
  CHECK(Next("* 24 * * *", kWednesday) == "invalid");
  CHECK(Next("* * 0 * *", kWednesday) == "invalid");
  CHECK(Next("* * * 13 *", kWednesday) == "invalid");
  CHECK(Next("* * * * 8", kWednesday) == "invalid");
  CHECK(Next("a * * * *", kWednesday) == "invalid");
  CHECK(Next("5-1 * * * *", kWednesday) == "invalid");
  CHECK(Next("*/0 * * * *", kWednesday) == "invalid");
  CHECK(Next("1,,2 * * * *", kWednesday) == "invalid");
  CHECK(Next("* * * * funday", kWednesday) == "invalid");
}

TEST_CASE("keywords and systemd calendar shorthands", "[collect][cron]") {
  std::int64_t now = At(kWednesday);
  CHECK(Show(CronSchedule::FromKeyword("@hourly")->NextAfter(now)) == "2025-01-01T11:00:00Z");
  CHECK(Show(CronSchedule::FromKeyword("@daily")->NextAfter(now)) == "2025-01-02T00:00:00Z");
  CHECK(Show(CronSchedule::FromKeyword("@midnight")->NextAfter(now)) == "2025-01-02T00:00:00Z");
  CHECK(Show(CronSchedule::FromKeyword("@weekly")->NextAfter(now)) == "2025-01-05T00:00:00Z");  // Sunday
  CHECK(Show(CronSchedule::FromKeyword("@monthly")->NextAfter(now)) == "2025-02-01T00:00:00Z");
  CHECK(Show(CronSchedule::FromKeyword("@annually")->NextAfter(now)) == "2026-01-01T00:00:00Z");
  CHECK_FALSE(CronSchedule::FromKeyword("@reboot").has_value());
  CHECK_FALSE(CronSchedule::FromKeyword("@fortnightly").has_value());

  CHECK(Show(CronSchedule::FromCalendarShorthand("weekly")->NextAfter(now)) == "2025-01-06T00:00:00Z");  // Monday
  CHECK(Show(CronSchedule::FromCalendarShorthand("quarterly")->NextAfter(now)) == "2025-04-01T00:00:00Z");
  CHECK(Show(CronSchedule::FromCalendarShorthand("minutely")->NextAfter(now)) == "2025-01-01T10:08:00Z");
  CHECK_FALSE(CronSchedule::FromCalendarShorthand("Mon *-*-* 00:00:00").has_value());
}

}  // namespace
}  // namespace iocscan::collect
