// One line of a text log (/var/log/syslog, messages, auth.log, secure) parsed into its parts.
// Pure: text in, record out, so every format is tested on literal lines.
//
//   SyslogLine l = ParseSyslogLine("Nov 28 12:00:01 web1 sshd[812]: Accepted key", mtime);
//   l.time -> 2026-11-28T12:00:01Z (year from the file's mtime), l.host "web1", l.sender "sshd",
//   l.pid 812, l.message "Accepted key"
//
// Accepted forms:
//   RFC 3164 (rsyslog's traditional file format): "Mmm dd hh:mm:ss host tag[pid]: message". The
//     line has no year: it is the year of the file's mtime, minus one when the month is after the
//     mtime's month (a December line in a file last written in January). The line has no zone
//     either: it is read as UTC (iocscan has no time zone database; most servers log in UTC).
//   ISO 8601 (rsyslog's high-precision format, Debian 13's default): "2026-11-28T12:00:01.123+01:00
//     host tag[pid]: message".
//   RFC 5424: "<pri>1 2026-11-28T12:00:01Z host app procid msgid [sd] message" ("-" = none).
//   An optional "<pri>" before either of the first two gives Facility and Level.
// A line in none of these forms (a continuation, garbage) keeps only its text as the message and
// has no time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace iocscan::collect {

struct SyslogLine {
  std::optional<std::int64_t> time;  // seconds since the epoch, UTC
  std::string host;
  std::string sender;                // the tag / app name ("sshd", "sudo", "CRON")
  std::optional<std::int64_t> pid;
  std::string message;
  std::optional<int> facility;       // from <pri>, when the line has one
  std::optional<int> severity;
};

SyslogLine ParseSyslogLine(std::string_view line, std::int64_t file_mtime);

// Names of syslog facility and severity numbers ("auth", "err"); "" when out of range.
std::string_view FacilityName(int facility);
std::string_view SeverityName(int severity);

}  // namespace iocscan::collect
