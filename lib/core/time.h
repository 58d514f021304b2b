// Times, durations and sizes as users write them on the command line and in job files, and as
// iocscan writes them in its output. Pure functions on text (no clock, no locale, no time zone
// database), so they behave the same on every platform and are tested on strings.
//
//   FormatIsoTime(1795867200)          -> "2026-11-28T12:00:00Z"
//   ParseIsoTime("2026-11-28T13:00+01:00") -> 1795867200
//   ParseDuration("1h30m")             -> 5400        ("90s", "30m", "2h", "2d", "1w", "45" = seconds)
//   ParseSize("64M")                   -> 67108864    (K, M, G, T are powers of 1024)
//   ParseTimeOrAgo("2d", now)          -> now - 172800 (for --since/--until: ISO 8601 or a duration ago)
//   EpochOfWindowsTicks(133800000000000000) -> 1735526400 (a FILETIME: 100 ns ticks since 1601)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace iocscan {

// Seconds since 1970-01-01T00:00:00Z -> "YYYY-MM-DDTHH:MM:SSZ" (UTC, proleptic Gregorian calendar).
// Years outside 0000..9999 are written with as many digits as they need (and a '-' when negative).
std::string FormatIsoTime(std::int64_t epoch_seconds);

// ISO 8601 date or date-time -> seconds since the epoch. Accepted:
//   YYYY-MM-DD                       (midnight UTC)
//   YYYY-MM-DD[T| ]HH:MM[:SS[.frac]] followed by nothing (UTC, as semantics.md says), "Z",
//                                    or an offset "+HH:MM", "+HHMM", "+HH" ("-" likewise)
// Fractions are dropped (one-second precision). A leap second ":60" is read as the next second.
// Out-of-range fields (month 13, Feb 30, hour 25) are errors, never normalised.
Result<std::int64_t> ParseIsoTime(std::string_view text);

// A duration -> seconds. One or more "<digits><unit>" parts, unit s, m, h, d or w (case-insensitive),
// e.g. "90s", "30m", "1h30m", "2d"; a bare number is seconds. Negative or overflowing values are errors.
Result<std::int64_t> ParseDuration(std::string_view text);

// A size -> bytes: "<digits>[unit]" with unit K, M, G, T (powers of 1024), optionally followed by
// "B" or "iB" ("64M" = "64MB" = "64MiB"); a bare number or "<digits>B" is bytes. Case-insensitive.
// Overflow is an error.
Result<std::uint64_t> ParseSize(std::string_view text);

// For --since/--until: an ISO 8601 time (as ParseIsoTime), or a duration meaning that long before
// `now` (as ParseDuration: "2d" = two days ago).
Result<std::int64_t> ParseTimeOrAgo(std::string_view text, std::int64_t now);

// 100 ns ticks since 1601-01-01 (a Windows FILETIME, also as stored in files and the registry)
// -> seconds since 1970, rounded down.
std::int64_t EpochOfWindowsTicks(std::uint64_t ticks);

}  // namespace iocscan
