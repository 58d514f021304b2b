// The text logs of a Linux system (/var/log/syslog, auth.log, ... and their rotations), found and
// read through a RootFs (live or --root), gzip-compressed rotations inflated with zlib on the fly.
// Lines are streamed to a callback: a log of gigabytes is never held in memory.
//
//   Result<platform::RootFs> fs = platform::RootFs::Open(env.root);
//   for (const LogFile& f : FindLogFiles(*fs, "/var/log", "auth.log").value()) {
//     Result<LogReadStats> r = ReadLogLines(*fs, f, kMaxLogBytes,
//         [&](std::string_view line) { ...; return true; });    // false: stop reading this file
//   }
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "platform/posix/root_fs.h"

namespace iocscan::platform {

struct LogFile {
  std::string path;     // on the scanned system: "/var/log/auth.log.2.gz"
  bool gzip = false;    // name ends in ".gz"
};

// The files of log `base` in `dir`: base, base.N, base.N.gz and dateext rotations
// (base-YYYYMMDD[.gz]), oldest rotation first and the live file last, so records come out in
// time order. A folder that does not exist has none.
Result<std::vector<LogFile>> FindLogFiles(const RootFs& fs, std::string_view dir, std::string_view base);

struct LogReadStats {
  std::int64_t mtime = 0;      // of the file read (the year of RFC 3164 lines comes from it)
  std::uint64_t bytes = 0;     // text bytes handed out (after inflating)
  bool truncated = false;      // stopped at max_bytes
};

// Calls on_open(mtime) once the file is open, then on_line for each line (no '\n'), up to
// `max_bytes` of text (a line cut by that limit is not handed out). Error: the file cannot be
// opened or read, or its gzip data is corrupt (the lines before the damage have been handed out).
Result<LogReadStats> ReadLogLines(const RootFs& fs, const LogFile& file, std::uint64_t max_bytes,
                                  const std::function<void(std::int64_t mtime)>& on_open,
                                  const std::function<bool(std::string_view line)>& on_line);

}  // namespace iocscan::platform
