// /var/log/lastlog: one fixed-size record per uid, at offset uid * kLastlogRecordSize (the file is
// sparse: a uid that never logged in has a hole, read as zeros). The layout is glibc's struct
// lastlog on Linux x86_64 and aarch64 (32-bit time even on 64-bit systems, for compatibility):
//   int32_t ll_time; char ll_line[32]; char ll_host[256];        // 292 bytes, little-endian
// Pure: the collector reads the record (pread at the uid's offset; never the whole sparse file,
// which is over a terabyte long when nobody (65534) or a high uid has ever logged in).
//
//   std::optional<LastlogRecord> r = ParseLastlogRecord(bytes);  // nullopt: never logged in
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace iocscan::collect {

inline constexpr std::size_t kLastlogRecordSize = 4 + 32 + 256;

inline constexpr std::uint64_t LastlogOffset(std::uint32_t uid) {
  return static_cast<std::uint64_t>(uid) * kLastlogRecordSize;
}

struct LastlogRecord {
  std::int64_t time = 0;  // seconds since 1970 (UTC)
  std::string line;       // "pts/0", "tty1"
  std::string host;       // remote host, "" for a local login
};

// nullopt when the record is short (past the end of the file) or its time is 0 (never).
std::optional<LastlogRecord> ParseLastlogRecord(std::string_view record);

}  // namespace iocscan::collect
