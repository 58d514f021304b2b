// The log records of a system, from its text logs (/var/log/<base> and rotations, via
// platform/linux/log_files.h) and, on the live system, from the systemd journal (via
// platform/linux/journal_reader.h): the one source the Syslog and SudoLogItem collectors share.
// Records outside the env's window are dropped here; lines without a time are kept.
//
//   LogSources sources{.bases = {"auth.log", "secure"}, .journal_matches = {"SYSLOG_IDENTIFIER=sudo"}};
//   ForEachLogRecord(env, sources, "SudoLogItem", stats, [&](const LogRecord& r) { ... });
//
// A live system that runs both rsyslog and journald has most records twice (the text log and the
// journal); each is reported with its own source, as a responder would find both.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collect/collector.h"
#include "collect/logs/syslog_line.h"

namespace iocscan::collect {

struct LogRecord {
  SyslogLine line;
  std::optional<std::int64_t> uid;          // journal records only
  std::optional<std::int64_t> gid;
  std::string source;                       // "/var/log/auth.log" or "journal"
  std::optional<std::int64_t> file_mtime;   // text logs only
};

struct LogSources {
  std::vector<std::string_view> bases;        // log names under /var/log
  std::vector<std::string> journal_matches;   // journalctl matches; empty = every record
};

// Caps, with why: a text log is streamed, but a runaway one (GBs of debug) must not hold the scan;
// the journal is bounded by records for the same reason. Reaching either is one warning.
inline constexpr std::uint64_t kMaxLogFileBytes = 1ull << 30;
inline constexpr std::uint64_t kMaxJournalRecords = 5'000'000;

void ForEachLogRecord(const CollectorEnv& env, const LogSources& sources, std::string_view document,
                      CollectorStats& stats, const std::function<void(const LogRecord&)>& visit);

}  // namespace iocscan::collect
