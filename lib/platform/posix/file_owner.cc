// POSIX has neither SID owners (FileStat carries uid and gid) nor alternate data streams.
#include "platform/file_owner.h"

#include <cerrno>

namespace iocscan::platform {

std::optional<FileOwner> OwnerOf(int, const char*) { return std::nullopt; }

std::vector<DataStream> AlternateStreams(int, const char*) { return {}; }

OpenResult OpenDataStream(int, const char*, std::string_view) {
  OpenResult none;
  none.failure = OpenFailure::kVanished;
  none.error = ENOENT;
  return none;
}

}  // namespace iocscan::platform
