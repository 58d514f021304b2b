// The systemd journal of the running system, read through `journalctl -o json --no-pager`: the
// journal files' format is journalctl's to know. journalctl is started with posix_spawn (argv
// only, no shell, stdin and stderr on /dev/null) and its stdout is handed out line by line.
// Live only: an offline root's journal would need that system's journalctl (-D is not used: the
// binary of the scanned image must not be run, and this host's may not read it).
//
//   JournalQuery q{.since = 1795867200, .matches = {"SYSLOG_IDENTIFIER=sudo"}, .max_records = 1000000};
//   Result<JournalReadStats> r = ReadJournal(q, stop, [&](std::string_view json_line) { ... });
//   r.error(): no journalctl, it could not start, or it failed (its exit status in the message)
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace iocscan::platform {

struct JournalQuery {
  std::optional<std::int64_t> since;  // seconds since the epoch, inclusive
  std::optional<std::int64_t> until;  // inclusive (to the end of that second)
  std::vector<std::string> matches;   // journalctl FIELD=value matches (same field: OR)
  std::uint64_t max_records = 0;      // 0 = no cap
};

struct JournalReadStats {
  std::uint64_t records = 0;
  bool capped = false;  // stopped at max_records
  bool found = true;    // false: no journalctl on this system (no systemd: nothing to read)
};

// Error when journalctl cannot be started, or exits with a failure (unless the
// reading stopped early on purpose: the cap, `stop`, or on_line returning false).
Result<JournalReadStats> ReadJournal(const JournalQuery& query, const std::atomic<bool>* stop,
                                     const std::function<bool(std::string_view line)>& on_line);

// The journalctl arguments for a query (argv[0] included), for the tests.
std::vector<std::string> JournalArgs(const std::string& program, const JournalQuery& query);

}  // namespace iocscan::platform
