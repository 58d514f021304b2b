// POSIX has neither SID owners (FileStat carries uid and gid) nor alternate data streams.
#include "platform/file_owner.h"

namespace iocscan::platform {

std::optional<FileOwner> OwnerOf(int, const char*) { return std::nullopt; }

std::vector<DataStream> AlternateStreams(int, const char*) { return {}; }

}  // namespace iocscan::platform
