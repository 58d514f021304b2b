// One line of `journalctl -o json` (one JSON object per record) parsed into a log record. Pure,
// tested on literal journal JSON.
//
//   std::optional<JournalEntry> e = ParseJournalJson(R"({"__REALTIME_TIMESTAMP":"1795867201000000",
//       "_HOSTNAME":"web1","SYSLOG_IDENTIFIER":"sudo","_PID":"912","MESSAGE":"..."})");
//
// journalctl writes every value as a string; a MESSAGE that is not valid UTF-8 comes as an array
// of byte values, and a field written several times in one record as an array of strings (the
// first is kept). nullopt: not a JSON object, or no __REALTIME_TIMESTAMP (every record has one).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace iocscan::collect {

struct JournalEntry {
  std::int64_t time = 0;             // seconds since the epoch (the microseconds cut)
  std::string host;                  // _HOSTNAME
  std::string sender;                // SYSLOG_IDENTIFIER, else _COMM
  std::optional<std::int64_t> pid;   // SYSLOG_PID, else _PID
  std::optional<std::int64_t> uid;   // _UID
  std::optional<std::int64_t> gid;   // _GID
  std::optional<int> facility;       // SYSLOG_FACILITY
  std::optional<int> severity;       // PRIORITY
  std::string message;               // MESSAGE
};

std::optional<JournalEntry> ParseJournalJson(std::string_view line);

}  // namespace iocscan::collect
