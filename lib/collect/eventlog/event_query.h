// What the EventLogItem collector asks the event log service for: the channels, and the XPath
// query that keeps the service from rendering records outside --since/--until (filtering on the
// service's side is far cheaper than rendering every record and dropping it here). Pure code.
//
//   EventQueryXPath(since, nullopt)
//     -> "*[System[TimeCreated[@SystemTime>='2024-01-01T00:00:00.000Z']]]"
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace iocscan::collect {

// The channels read by default: the classic logs, and the two where PowerShell and Sysmon leave
// what IOCs look for (script blocks, process creations with hashes). A channel the host does not
// have (Sysmon not installed) is a warning.
inline constexpr std::array<std::string_view, 5> kDefaultEventChannels = {
    "Security", "System", "Application", "Microsoft-Windows-PowerShell/Operational",
    "Microsoft-Windows-Sysmon/Operational"};

// Records read per channel, newest first. A busy Security log holds millions of records; rendering
// one costs tens of microseconds, so 200,000 keeps a channel to seconds. Past it the scan warns
// that older records were not read (narrow the window with --since).
inline constexpr std::uint64_t kMaxEventsPerChannel = 200000;

// "*" for no window; else a TimeCreated filter. Both ends are inclusive at one-second precision
// (semantics.md), so `until` keeps every record of its second: "< until+1s".
std::string EventQueryXPath(std::optional<std::int64_t> since, std::optional<std::int64_t> until);

}  // namespace iocscan::collect
