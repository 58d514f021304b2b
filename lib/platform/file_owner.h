// Facts of a file that only some file systems have, beyond its stat: the owner as a security
// identifier (Windows; POSIX owners are the uid/gid of FileStat) and NTFS alternate data streams
// (listed, and opened for their digests). All are read by path (dir_fd + name, as StatAt takes
// them) and only when an IOC asks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/safe_open.h"

namespace iocscan::platform {

struct FileOwner {
  std::string sid;   // "S-1-5-32-544"
  std::string name;  // "BUILTIN\Administrators"; "" when the SID has no account name
};

// The owner of `name` (not following a final link); nullopt where owners are not SIDs (POSIX) or
// the security descriptor cannot be read.
std::optional<FileOwner> OwnerOf(int dir_fd, const char* name);

struct DataStream {
  std::string name;  // without the file's name and the ":$DATA" type: "Zone.Identifier"
  std::uint64_t size = 0;
};

// The named data streams of a file (NTFS alternate data streams), at most 1,000. Empty where the
// file system has none (every POSIX file system, FAT) or they cannot be listed.
std::vector<DataStream> AlternateStreams(int dir_fd, const char* name);

// Opens the named data stream `stream` (a DataStream's name) of `name` for reading, as SafeOpen
// opens files ("name:stream:$DATA"; reads stop at the stream's size). Where files have no
// streams (POSIX) the failure is kVanished.
OpenResult OpenDataStream(int dir_fd, const char* name, std::string_view stream);

}  // namespace iocscan::platform
