// The match card: everything iocscan reports about one IOC that matched this host, and the summary
// of a whole scan. Plain values, filled by the scan (host-scoped combination) and written by a
// CardSink (sink.h) as text, JSON or JSON Lines.
//
// Every string holds raw bytes as found (file names, command lines, IOC text may be any bytes); the
// writers make them safe (escape.h). Times are seconds since the epoch (UTC) and are written as
// ISO 8601 ("2026-11-28T12:00:00Z").
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace iocscan::report {

// The IOC a card is about.
struct CardIoc {
  std::string id;           // root @id
  std::string name;         // short_description
  std::string description;
  std::string author;       // authored_by
  std::string source;       // "path/x.ioc" or "collection.zip:inner/path.ioc"
  std::string version;      // "1.0" or "1.1"
};

struct Host {
  std::string hostname;
  std::string os;           // e.g. "Linux 6.1.0-18-amd64 x86_64"
};

// One value of an item's field, typed so JSON keeps numbers as numbers.
struct CardValue {
  enum class Kind { kText, kInt, kReal, kDate };
  Kind kind = Kind::kText;
  std::string text;         // kText: raw bytes (a name, a hash in lower-case hex, an IP)
  std::int64_t integer = 0; // kInt; kDate: seconds since the epoch, written as ISO 8601
  double real = 0;          // kReal

  static CardValue Text(std::string_view v) { return {Kind::kText, std::string(v), 0, 0}; }
  static CardValue Int(std::int64_t v) { return {Kind::kInt, {}, v, 0}; }
  static CardValue Real(double v) { return {Kind::kReal, {}, 0, v}; }
  static CardValue Date(std::int64_t epoch_seconds) { return {Kind::kDate, {}, epoch_seconds, 0}; }
};

// A field that identifies an item: "FullPath", "Md5sum", "pid"... One value is written as a
// scalar, several (a list field: ports, sections) as an array, none as null.
struct CardField {
  std::string name;
  std::vector<CardValue> values;
};

// One object (file, process, connection, record) that satisfied an item-scoped part of the IOC.
struct CardItem {
  std::string document;            // "FileItem", "ProcessItem", ...
  std::vector<CardField> fields;   // in the order they should be shown; names are unique
  std::vector<std::string> terms;  // the terms it satisfied, rendered: FileItem/Md5sum is "..."
};

struct Card {
  CardIoc ioc;
  Host host;
  std::int64_t time = 0;           // when the match was decided
  std::vector<CardItem> items;
  std::string branch;              // the matched branches of the IOC tree, one node per line
};

enum class ScanStatus { kComplete, kTimeout, kInterrupted };

std::string_view ScanStatusName(ScanStatus status);  // "complete", "timeout", "interrupted"

// The last thing a sink writes. Counts are totals over the whole scan.
struct Summary {
  std::int64_t start = 0;                 // seconds since the epoch
  std::int64_t end = 0;
  double duration_seconds = 0;            // measured on a monotonic clock, so not always end - start
  ScanStatus status = ScanStatus::kComplete;

  std::uint64_t iocs_loaded = 0;          // parsed
  std::uint64_t iocs_usable = 0;          // with at least one supported term, so evaluated
  std::uint64_t cards = 0;
  std::uint64_t warnings = 0;
  std::uint64_t files_visited = 0;        // directory entries looked at by the walk
  std::uint64_t files_read = 0;           // files opened for content (hashes, strings, PE)
  std::uint64_t bytes_read = 0;
  std::uint64_t files_skipped_by_size = 0;  // larger than --max-size: content terms not evaluated

  std::map<std::string, std::uint64_t> unreadable_by_errno;   // "EACCES" -> count
  std::map<std::string, std::uint64_t> items_per_document;    // "FileItem" -> items evaluated
  std::map<std::string, std::uint64_t> errors_by_kind;        // "open", "read", "collector" -> count
  std::vector<std::string> skipped_mounts;                    // network/FUSE/pseudo mounts not entered
};

}  // namespace iocscan::report
