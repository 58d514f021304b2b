// Pure parsers of the per-process files of Linux procfs (proc(5)): text in, records out, no I/O,
// so each is tested on literal /proc text. The reading is platform/linux/proc_fs.h.
//
//   std::optional<ProcStat> st = ParseStat("42 (my (odd) name) S 1 ...");   // comm "my (odd) name"
//   std::optional<std::int64_t> boot = ParseBootTime(proc_stat_text);          // "btime" line
//   std::string args = JoinCmdline(std::string_view("sleep\0" "30\0", 9));     // "sleep 30"
//   std::vector<std::string> files = ParseMapsFiles(maps_text);                // mapped files, once each
//   FdTarget t = ClassifyFdTarget("socket:[12345]");                           // Socket, inode 12345
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iocscan::collect {

// The fields of /proc/<pid>/stat iocscan uses.
struct ProcStat {
  std::int64_t pid = 0;
  std::string comm;            // at most 15 bytes, may hold spaces and parentheses
  char state = '?';
  std::int64_t ppid = 0;
  std::uint64_t utime_ticks = 0;
  std::uint64_t stime_ticks = 0;
  std::uint64_t start_ticks = 0;  // clock ticks after boot
};

// nullopt when the line is malformed. comm runs from the first '(' to the LAST ')' of the line,
// because comm itself may contain ") ".
std::optional<ProcStat> ParseStat(std::string_view line);

// The "btime" (boot time, seconds since the epoch) of /proc/stat.
std::optional<std::int64_t> ParseBootTime(std::string_view proc_stat);

// The effective uid from the "Uid:" line of /proc/<pid>/status (real, effective, saved, fs).
std::optional<std::uint32_t> ParseStatusEuid(std::string_view status);

// /proc/<pid>/cmdline: NUL-separated arguments; joined by single spaces (the trailing NUL dropped).
// A process that rewrote its argv into one string with spaces comes out unchanged.
std::string JoinCmdline(std::string_view raw);

// The kernel appends " (deleted)" to the link or map name of a file unlinked since it was opened;
// the path is the name without it. Returns true when the suffix was there.
bool StripDeleted(std::string* path);

// "/usr/bin/sleep" -> {"/usr/bin", "sleep"}; "/sleep" -> {"/", "sleep"}.
struct PathParts {
  std::string folder;
  std::string name;
};
PathParts SplitPath(std::string_view path);

// The distinct files mapped by a process (/proc/<pid>/maps pathname column), in first-seen order,
// without " (deleted)". Anonymous and pseudo mappings ([heap], [stack], [vdso], ...) are skipped.
// The pathname is everything after the inode column and its padding, so it may contain spaces.
std::vector<std::string> ParseMapsFiles(std::string_view maps);

// What an open descriptor refers to, from its /proc/<pid>/fd/<n> link text.
enum class FdKind : std::uint8_t { kFile, kSocket, kPipe, kAnonInode, kOther };
struct FdTarget {
  FdKind kind = FdKind::kOther;
  std::string name;         // the path (without " (deleted)"), or the link text for the others
  std::uint64_t inode = 0;  // of a socket or pipe ("socket:[123]"); 0 otherwise
  bool deleted = false;
};
FdTarget ClassifyFdTarget(std::string_view link);

// The OpenIOC Handle/Type words for each kind: "File", "Socket", "Pipe", "AnonInode", "Other".
std::string_view FdKindName(FdKind kind);

}  // namespace iocscan::collect
