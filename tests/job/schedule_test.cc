// Schedule arithmetic: the civil calendar, time zones (fixed and Europe/Berlin through the C
// library), every frequency, start/end, missed runs and randomized delays.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <set>

#include "core/time.h"
#include "job/clock.h"
#include "job/schedule.h"
#include "platform/job_os.h"

namespace iocscan::job {
namespace {

std::int64_t Utc(const char* iso) { return ParseIsoTime(iso).value(); }
std::string Iso(std::optional<std::int64_t> t) { return t ? FormatIsoTime(*t) : std::string("none"); }

LocalDateTime L(int y, int mo, int d, int h = 0, int mi = 0) { return LocalDateTime{y, mo, d, h, mi, 0}; }

void SetTz(const char* zone) {
#ifdef _WIN32
  ::_putenv_s("TZ", zone != nullptr ? zone : "");
#else
  if (zone != nullptr) {
    ::setenv("TZ", zone, 1);
  } else {
    ::unsetenv("TZ");
  }
#endif
  platform::ReloadLocalZone();
}

// Runs a test body with TZ set to a named zone, restoring the previous TZ afterwards.
class ScopedTz {
 public:
  explicit ScopedTz(const char* zone) {
    if (const char* old = std::getenv("TZ")) old_ = old;
    SetTz(zone);
  }
  ~ScopedTz() { SetTz(old_ ? old_->c_str() : nullptr); }

 private:
  std::optional<std::string> old_;
};

#ifdef _WIN32
// The Windows C runtime knows no tz database names ("Europe/Berlin"): zone tests run on POSIX.
bool HaveZone(const char*) { return false; }
#else
bool HaveZone(const char* name) { return std::filesystem::exists(std::string("/usr/share/zoneinfo/") + name); }
#endif

TEST_CASE("civil calendar: leap years, month lengths, round trips, weekdays", "[job][schedule]") {
  CHECK(IsLeapYear(2028));
  CHECK_FALSE(IsLeapYear(2100));
  CHECK(IsLeapYear(2000));
  CHECK(DaysInMonth(2027, 2) == 28);
  CHECK(DaysInMonth(2028, 2) == 29);
  CHECK(DaysInMonth(2026, 4) == 30);
  CHECK(DaysFromCivil(1970, 1, 1) == 0);
  CHECK(Weekday(0) == 3);  // Thursday
  CHECK(Weekday(DaysFromCivil(2026, 12, 1)) == 1);  // Tuesday
  for (std::int64_t d = -800000; d < 800000; d += 997) {
    LocalDateTime t = CivilFromDays(d);
    REQUIRE(DaysFromCivil(t.year, t.month, t.day) == d);
  }
}

TEST_CASE("fixed zones: local <-> UTC", "[job][schedule]") {
  FixedZone plus2(7200);
  CHECK(ToUtc(L(2026, 12, 1, 2, 30), plus2) == Utc("2026-12-01T00:30:00Z"));
  CHECK(ToLocal(Utc("2026-12-31T23:30:00Z"), plus2) == L(2027, 1, 1, 1, 30));
  FixedZone minus5(-5 * 3600);
  CHECK(ToLocal(Utc("2026-03-01T03:00:00Z"), minus5) == L(2026, 2, 28, 22, 0));
}

TEST_CASE("daily across month and year ends and leap days", "[job][schedule]") {
  FixedZone utc(0);
  Schedule s;
  s.frequency = Frequency::kDaily;
  s.at = {23, 45};
  CHECK(Iso(NextOccurrence(s, utc, Utc("2026-01-31T23:45:00Z"))) == "2026-02-01T23:45:00Z");
  CHECK(Iso(NextOccurrence(s, utc, Utc("2028-02-28T23:50:00Z"))) == "2028-02-29T23:45:00Z");
  CHECK(Iso(NextOccurrence(s, utc, Utc("2027-02-28T23:50:00Z"))) == "2027-03-01T23:45:00Z");
  CHECK(Iso(NextOccurrence(s, utc, Utc("2026-12-31T23:46:00Z"))) == "2027-01-01T23:45:00Z");
  CHECK(Iso(LatestOccurrence(s, utc, Utc("2028-03-01T10:00:00Z"))) == "2028-02-29T23:45:00Z");

  // every 2 days from a start in a leap February: 2028-02-27, 02-29, 03-02, ...
  s.every = 2;
  s.start = L(2028, 2, 27);
  s.at = {6, 0};
  CHECK(Iso(NextOccurrence(s, utc, Utc("2028-02-27T07:00:00Z"))) == "2028-02-29T06:00:00Z");
  CHECK(Iso(NextOccurrence(s, utc, Utc("2028-02-29T06:00:00Z"))) == "2028-03-02T06:00:00Z");
  CHECK(Iso(LatestOccurrence(s, utc, Utc("2028-03-01T12:00:00Z"))) == "2028-02-29T06:00:00Z");
  CHECK(Iso(NextOccurrence(s, utc, Utc("2020-01-01T00:00:00Z"))) == "2028-02-27T06:00:00Z");
  CHECK(Iso(LatestOccurrence(s, utc, Utc("2028-02-27T05:59:59Z"))) == "none");
}

TEST_CASE("weekly: day sets and every > 1 week", "[job][schedule]") {
  FixedZone utc(0);
  Schedule s;
  s.frequency = Frequency::kWeekly;
  s.days = kTue | kThu;
  s.at = {2, 30};
  // 2026-12-01 is a Tuesday.
  CHECK(Iso(NextOccurrence(s, utc, Utc("2026-11-30T12:00:00Z"))) == "2026-12-01T02:30:00Z");
  CHECK(Iso(NextOccurrence(s, utc, Utc("2026-12-01T02:30:00Z"))) == "2026-12-03T02:30:00Z");
  CHECK(Iso(NextOccurrence(s, utc, Utc("2026-12-03T03:00:00Z"))) == "2026-12-08T02:30:00Z");
  CHECK(Iso(LatestOccurrence(s, utc, Utc("2026-12-07T23:59:59Z"))) == "2026-12-03T02:30:00Z");

  // Every 2 weeks from the week of 2026-12-01 (Mon 2026-11-30): weeks of 11-30, 12-14, 12-28, ...
  s.every = 2;
  s.start = L(2026, 12, 1);
  CHECK(Iso(NextOccurrence(s, utc, Utc("2026-12-03T03:00:00Z"))) == "2026-12-15T02:30:00Z");
  CHECK(Iso(NextOccurrence(s, utc, Utc("2026-12-17T03:00:00Z"))) == "2026-12-29T02:30:00Z");
  CHECK(Iso(NextOccurrence(s, utc, Utc("2026-12-29T03:00:00Z"))) == "2026-12-31T02:30:00Z");
  CHECK(Iso(NextOccurrence(s, utc, Utc("2026-12-31T03:00:00Z"))) == "2027-01-12T02:30:00Z");
  CHECK(Iso(LatestOccurrence(s, utc, Utc("2026-12-14T00:00:00Z"))) == "2026-12-03T02:30:00Z");

  // Sunday and Monday around a month end.
  Schedule weekend;
  weekend.frequency = Frequency::kWeekly;
  weekend.days = kSun | kMon;
  weekend.at = {0, 0};
  CHECK(Iso(NextOccurrence(weekend, utc, Utc("2027-01-29T00:00:00Z"))) == "2027-01-31T00:00:00Z");
  CHECK(Iso(NextOccurrence(weekend, utc, Utc("2027-01-31T00:00:00Z"))) == "2027-02-01T00:00:00Z");
}

TEST_CASE("hourly: every N hours from the anchor, bounded by start and end", "[job][schedule]") {
  FixedZone utc(0);
  Schedule s;
  s.frequency = Frequency::kHourly;
  s.at = {0, 10};
  CHECK(Iso(NextOccurrence(s, utc, Utc("2026-12-01T05:10:00Z"))) == "2026-12-01T06:10:00Z");
  CHECK(Iso(LatestOccurrence(s, utc, Utc("2026-12-01T05:09:59Z"))) == "2026-12-01T04:10:00Z");
  s.every = 3;
  s.start = L(2026, 12, 1, 1, 0);
  s.end = L(2026, 12, 2);
  // Anchor 2026-12-01 00:10: 00:10 is before start, so 03:10, 06:10, ..., 21:10; none from 12-02.
  CHECK(Iso(NextOccurrence(s, utc, Utc("2026-11-30T00:00:00Z"))) == "2026-12-01T03:10:00Z");
  CHECK(Iso(NextOccurrence(s, utc, Utc("2026-12-01T03:10:00Z"))) == "2026-12-01T06:10:00Z");
  CHECK(Iso(NextOccurrence(s, utc, Utc("2026-12-01T21:10:00Z"))) == "none");
  CHECK(Iso(LatestOccurrence(s, utc, Utc("2026-12-05T00:00:00Z"))) == "2026-12-01T21:10:00Z");
  CHECK(Iso(LatestOccurrence(s, utc, Utc("2026-12-01T02:00:00Z"))) == "none");
}

TEST_CASE("once, and start/end bounds", "[job][schedule]") {
  FixedZone utc(0);
  Schedule s;
  s.frequency = Frequency::kOnce;
  s.once_at = L(2027, 2, 28, 23, 59);
  CHECK(Iso(NextOccurrence(s, utc, Utc("2027-01-01T00:00:00Z"))) == "2027-02-28T23:59:00Z");
  CHECK(Iso(NextOccurrence(s, utc, Utc("2027-02-28T23:59:00Z"))) == "none");
  CHECK(Iso(LatestOccurrence(s, utc, Utc("2030-01-01T00:00:00Z"))) == "2027-02-28T23:59:00Z");

  Schedule d;
  d.frequency = Frequency::kDaily;
  d.at = {12, 0};
  d.start = L(2026, 12, 1, 13, 0);  // the first day's noon is before start
  d.end = L(2026, 12, 4);
  CHECK(Iso(NextOccurrence(d, utc, Utc("2026-11-01T00:00:00Z"))) == "2026-12-02T12:00:00Z");
  CHECK(Iso(NextOccurrence(d, utc, Utc("2026-12-03T12:00:00Z"))) == "none");
  CHECK(Iso(LatestOccurrence(d, utc, Utc("2027-01-01T00:00:00Z"))) == "2026-12-03T12:00:00Z");
}

TEST_CASE("DST in Europe/Berlin: skipped and repeated local times", "[job][schedule][dst]") {
  if (!HaveZone("Europe/Berlin")) {
    WARN("no /usr/share/zoneinfo/Europe/Berlin (install tzdata): skipped");
    return;
  }
  ScopedTz tz("Europe/Berlin");
  LocalZone zone;
  // Winter +01:00, summer +02:00; 2027-03-28 02:00 -> 03:00, 2027-10-31 03:00 -> 02:00.
  CHECK(zone.UtcOffset(Utc("2027-01-15T12:00:00Z")) == 3600);
  CHECK(zone.UtcOffset(Utc("2027-07-15T12:00:00Z")) == 7200);
  // A time in the gap moves forward by the gap: 02:30 -> 03:30 CEST = 01:30 UTC.
  CHECK(Iso(ToUtc(L(2027, 3, 28, 2, 30), zone)) == "2027-03-28T01:30:00Z");
  // A repeated time is the first one: 02:30 CEST = 00:30 UTC (the second is 01:30 UTC).
  CHECK(Iso(ToUtc(L(2027, 10, 31, 2, 30), zone)) == "2027-10-31T00:30:00Z");

  Schedule s;
  s.frequency = Frequency::kDaily;
  s.at = {2, 30};
  CHECK(Iso(NextOccurrence(s, zone, Utc("2027-03-27T12:00:00Z"))) == "2027-03-28T01:30:00Z");
  CHECK(Iso(NextOccurrence(s, zone, Utc("2027-03-28T01:30:00Z"))) == "2027-03-29T00:30:00Z");
  CHECK(Iso(NextOccurrence(s, zone, Utc("2027-10-30T12:00:00Z"))) == "2027-10-31T00:30:00Z");
  // Not again at the second 02:30 of that night.
  CHECK(Iso(NextOccurrence(s, zone, Utc("2027-10-31T00:30:00Z"))) == "2027-11-01T01:30:00Z");
  CHECK(Iso(LatestOccurrence(s, zone, Utc("2027-10-31T01:45:00Z"))) == "2027-10-31T00:30:00Z");
  // Local noon stays noon across the change.
  s.at = {12, 0};
  CHECK(Iso(NextOccurrence(s, zone, Utc("2027-03-27T12:00:00Z"))) == "2027-03-28T10:00:00Z");

  // Hourly counts elapsed hours: the night of the spring change has no skipped or doubled run.
  Schedule h;
  h.frequency = Frequency::kHourly;
  h.at = {0, 0};
  h.start = L(2027, 3, 28);
  std::int64_t t = Utc("2027-03-27T22:00:00Z");
  std::set<std::int64_t> seen;
  for (int i = 0; i < 6; ++i) {
    std::optional<std::int64_t> next = NextOccurrence(h, zone, t);
    REQUIRE(next);
    CHECK(*next - t == 3600);
    CHECK(seen.insert(*next).second);
    t = *next;
  }
}

TEST_CASE("due: on time, already run, missed runs after a gap", "[job][schedule]") {
  FixedZone utc(0);
  Schedule s;
  s.frequency = Frequency::kDaily;
  s.at = {2, 30};
  DueState state;
  // At the trigger time.
  DueAnswer a = DecideDue(s, utc, Utc("2026-12-01T02:30:05Z"), state, std::nullopt, 1);
  CHECK(a.due);
  CHECK(Iso(a.occurrence) == "2026-12-01T02:30:00Z");
  CHECK(Iso(a.start_at) == "2026-12-01T02:30:00Z");
  CHECK(Iso(a.next) == "2026-12-02T02:30:00Z");
  // After that run: not due until tomorrow.
  state.last_occurrence = a.occurrence;
  a = DecideDue(s, utc, Utc("2026-12-01T02:31:00Z"), state, std::nullopt, 1);
  CHECK_FALSE(a.due);
  CHECK_THAT(a.reason, Catch::Contains("already ran"));
  // The host was off from 12-02 to 12-05: without run_missed the old occurrence is skipped...
  a = DecideDue(s, utc, Utc("2026-12-05T10:00:00Z"), state, std::nullopt, 1);
  CHECK_FALSE(a.due);
  CHECK_THAT(a.reason, Catch::Contains("missed"));
  CHECK(Iso(a.next) == "2026-12-06T02:30:00Z");
  // ...with run_missed one run is due at once, for the latest missed occurrence only.
  s.run_missed = true;
  a = DecideDue(s, utc, Utc("2026-12-05T10:00:00Z"), state, std::nullopt, 1);
  CHECK(a.due);
  CHECK(Iso(a.occurrence) == "2026-12-05T02:30:00Z");
  state.last_occurrence = a.occurrence;
  CHECK_FALSE(DecideDue(s, utc, Utc("2026-12-05T10:01:00Z"), state, std::nullopt, 1).due);
  // After the end nothing is due.
  s.end = L(2026, 12, 6);
  a = DecideDue(s, utc, Utc("2026-12-09T10:00:00Z"), state, std::nullopt, 1);
  CHECK_FALSE(a.due);
  CHECK_THAT(a.reason, Catch::Contains("ended"));
  CHECK_FALSE(a.next);
}

TEST_CASE("due: on-launch compares the last run with the boot time", "[job][schedule]") {
  FixedZone utc(0);
  Schedule s;
  s.frequency = Frequency::kOnLaunch;
  const std::int64_t boot = Utc("2026-12-01T08:00:00Z");
  DueState state;
  CHECK(DecideDue(s, utc, boot + 60, state, boot, 1).due);
  state.last_run_start = boot + 70;
  CHECK_FALSE(DecideDue(s, utc, boot + 600, state, boot, 1).due);
  CHECK(DecideDue(s, utc, boot + 86400 + 60, state, boot + 86400, 1).due);  // the next boot
}

TEST_CASE("randomize: bounds, determinism, spread", "[job][schedule]") {
  const std::int64_t o = Utc("2026-12-01T02:30:00Z");
  std::set<std::int64_t> delays;
  for (std::uint64_t seed = 0; seed < 2000; ++seed) {
    std::int64_t d = RandomDelay(1800, o, seed);
    REQUIRE(d >= 0);
    REQUIRE(d < 1800);
    CHECK(d == RandomDelay(1800, o, seed));
    delays.insert(d);
  }
  CHECK(delays.size() > 500);  // spread over the interval, not a handful of values
  CHECK(RandomDelay(0, o, 42) == 0);
  CHECK(RandomDelay(1, o, 42) == 0);

  FixedZone utc(0);
  Schedule s;
  s.frequency = Frequency::kDaily;
  s.at = {2, 30};
  s.randomize_seconds = 1800;
  DueAnswer a = DecideDue(s, utc, o + 10, DueState{}, std::nullopt, 7);
  CHECK(a.due);
  CHECK(a.start_at == o + RandomDelay(1800, o, 7));
  // Still on time within the randomized window plus the margin.
  CHECK(DecideDue(s, utc, a.start_at + kOnTimeSeconds - 1, DueState{}, std::nullopt, 7).due);
  CHECK_FALSE(DecideDue(s, utc, a.start_at + kOnTimeSeconds, DueState{}, std::nullopt, 7).due);
}

}  // namespace
}  // namespace iocscan::job
