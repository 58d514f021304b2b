// ISO 8601 times, durations and sizes as the CLI and job files accept them.
#include "core/time.h"

#include <catch2/catch.hpp>

namespace iocscan {
namespace {

std::int64_t Iso(const char* text) {
  Result<std::int64_t> r = ParseIsoTime(text);
  INFO(text << (r.ok() ? "" : " -> " + r.error().Text()));
  REQUIRE(r.ok());
  return r.value();
}

std::int64_t Dur(const char* text) {
  Result<std::int64_t> r = ParseDuration(text);
  INFO(text << (r.ok() ? "" : " -> " + r.error().Text()));
  REQUIRE(r.ok());
  return r.value();
}

std::uint64_t Size(const char* text) {
  Result<std::uint64_t> r = ParseSize(text);
  INFO(text << (r.ok() ? "" : " -> " + r.error().Text()));
  REQUIRE(r.ok());
  return r.value();
}

TEST_CASE("FormatIsoTime writes UTC seconds as ISO 8601", "[core][time]") {
  // Expected values computed independently with Python's calendar.timegm.
  CHECK(FormatIsoTime(0) == "1970-01-01T00:00:00Z");
  CHECK(FormatIsoTime(1795867200) == "2026-11-28T12:00:00Z");
  CHECK(FormatIsoTime(-1) == "1969-12-31T23:59:59Z");
  CHECK(FormatIsoTime(951782400) == "2000-02-29T00:00:00Z");
  CHECK(FormatIsoTime(-2203891200) == "1900-03-01T00:00:00Z");
  CHECK(FormatIsoTime(253402300799) == "9999-12-31T23:59:59Z");
  CHECK(FormatIsoTime(-62135596800) == "0001-01-01T00:00:00Z");
  CHECK(FormatIsoTime(253402300800) == "10000-01-01T00:00:00Z");
  // The extremes do not overflow (checked under UBSan): a year of 12 digits, still well formed.
  CHECK(FormatIsoTime(INT64_MAX) == "292277026596-12-04T15:30:07Z");
  CHECK(FormatIsoTime(INT64_MIN).back() == 'Z');
}

TEST_CASE("ParseIsoTime reads what FormatIsoTime writes, over four centuries", "[core][time]") {
  // A step that is not a multiple of a day, a year or a 400-year era hits every kind of date.
  for (std::int64_t t = -62135596800; t < 253402300799; t += 7777777 + 13) {
    const std::string text = FormatIsoTime(t);
    Result<std::int64_t> back = ParseIsoTime(text);
    INFO(t << " " << text);
    REQUIRE(back.ok());
    REQUIRE(back.value() == t);
  }
}

TEST_CASE("ParseIsoTime accepts dates, zones and fractions", "[core][time]") {
  CHECK(Iso("2026-11-28") == 1795824000);
  CHECK(Iso("2026-11-28T12:00:00Z") == 1795867200);
  CHECK(Iso("2026-11-28T12:00:00") == 1795867200);  // no zone = UTC (semantics.md)
  CHECK(Iso("2026-11-28 12:00:00") == 1795867200);
  CHECK(Iso("2026-11-28t12:00z") == 1795867200);
  CHECK(Iso("2026-11-28T12:00:00.999Z") == 1795867200);  // one-second precision
  CHECK(Iso("2026-11-28T12:00:00,5") == 1795867200);
  CHECK(Iso("2026-11-28T13:00:00+01:00") == 1795867200);
  CHECK(Iso("2026-11-28T07:00:00-0500") == 1795867200);
  CHECK(Iso("2026-11-28T13:00+01") == 1795867200);
  CHECK(Iso("2026-11-29T02:00:00+14:00") == 1795867200);
  CHECK(Iso("2000-02-29") == 951782400);
  CHECK(Iso("2024-02-29T12:00:00Z") == 1709208000);
  CHECK(Iso("2016-12-31T23:59:60Z") == 1483228800);  // a leap second reads as the next second
  CHECK(Iso("1969-12-31T23:59:59Z") == -1);
}

TEST_CASE("ParseIsoTime refuses impossible or malformed times", "[core][time]") {
  for (const char* bad : {"", "2026", "2026-11", "26-11-28", "2026-1-28", "2026-13-01", "2026-00-10",
                          "2026-11-31", "2026-02-29", "1900-02-29", "2026-11-00", "2026-11-28T", "2026-11-28T12",
                          "2026-11-28T24:00:00", "2026-11-28T12:60:00", "2026-11-28T12:00:61",
                          "2026-11-28T12:00:00.", "2026-11-28T12:00:00X", "2026-11-28T12:00:00+1:00",
                          "2026-11-28T12:00:00+24:00", "2026-11-28T12:00:00Z ", " 2026-11-28",
                          "2026-11-28T12:00:00+01:00:00", "2026/11/28"}) {
    INFO(bad);
    CHECK_FALSE(ParseIsoTime(bad).ok());
  }
}

TEST_CASE("ParseDuration reads s, m, h, d, w and combinations", "[core][time]") {
  CHECK(Dur("90s") == 90);
  CHECK(Dur("30m") == 1800);
  CHECK(Dur("2h") == 7200);
  CHECK(Dur("2H") == 7200);
  CHECK(Dur("2d") == 172800);
  CHECK(Dur("1w") == 604800);
  CHECK(Dur("1h30m") == 5400);
  CHECK(Dur("1d2h3m4s") == 93784);
  CHECK(Dur("45") == 45);
  CHECK(Dur("0") == 0);
  CHECK(Dur("9223372036854775807") == INT64_MAX);
  for (const char* bad : {"", "h", "2x", "1h30", "-5m", "+5m", "1.5h", "5 m", "m5", "9223372036854775808",
                          "99999999999999999999s", "15250284452472w", "9223372036854775807s1s"}) {
    INFO(bad);
    CHECK_FALSE(ParseDuration(bad).ok());
  }
  const std::string with_nul("5\0", 2);
  CHECK_FALSE(ParseDuration(with_nul).ok());
}

TEST_CASE("ParseSize reads K, M, G, T as powers of 1024", "[core][time]") {
  CHECK(Size("0") == 0);
  CHECK(Size("1024") == 1024);
  CHECK(Size("10B") == 10);
  CHECK(Size("512K") == 512ull << 10);
  CHECK(Size("64M") == 64ull << 20);
  CHECK(Size("64m") == 64ull << 20);
  CHECK(Size("64MB") == 64ull << 20);
  CHECK(Size("64MiB") == 64ull << 20);
  CHECK(Size("64mib") == 64ull << 20);
  CHECK(Size("2G") == 2ull << 30);
  CHECK(Size("1T") == 1ull << 40);
  CHECK(Size("16777215T") == 16777215ull << 40);
  CHECK(Size("18446744073709551615") == UINT64_MAX);
  for (const char* bad : {"", "M", "1.5G", "64X", "64MiX", "64Mi", "64 M", "-1", "64MBB", "16777216T",
                          "18446744073709551616", "18014398509481984K"}) {
    INFO(bad);
    CHECK_FALSE(ParseSize(bad).ok());
  }
}

TEST_CASE("ParseTimeOrAgo takes ISO 8601 or a duration before now", "[core][time]") {
  const std::int64_t now = 1795867200;
  Result<std::int64_t> ago = ParseTimeOrAgo("2d", now);
  REQUIRE(ago.ok());
  CHECK(ago.value() == now - 172800);
  Result<std::int64_t> iso = ParseTimeOrAgo("2026-11-28T13:00:00+01:00", 0);
  REQUIRE(iso.ok());
  CHECK(iso.value() == 1795867200);
  CHECK_FALSE(ParseTimeOrAgo("yesterday", now).ok());
  CHECK_FALSE(ParseTimeOrAgo("2026-11-31", now).ok());
  CHECK_FALSE(ParseTimeOrAgo("", now).ok());
}

TEST_CASE("EpochOfWindowsTicks reads FILETIME ticks since 1601", "[core][time]") {
  CHECK(EpochOfWindowsTicks(116444736000000000) == 0);
  CHECK(EpochOfWindowsTicks(133800000000000000) == 1735526400);
  CHECK(FormatIsoTime(EpochOfWindowsTicks(133800000009999999)) == "2024-12-30T02:40:00Z");
  CHECK(EpochOfWindowsTicks(0) == -11644473600);
}

}  // namespace
}  // namespace iocscan
