#include "collect/path_parts.h"

namespace iocscan::collect {

PathParts SplitPosixPath(std::string_view full) {
  PathParts p;
  std::size_t slash = full.rfind('/');
  if (slash == std::string_view::npos) {
    p.name = full;
    return p;
  }
  p.folder = slash == 0 ? full.substr(0, 1) : full.substr(0, slash);
  p.name = full.substr(slash + 1);
  return p;
}

PathParts SplitWindowsPath(std::string_view full) {
  PathParts p;
  std::size_t rest = 0;
  if (full.size() >= 2 && full[1] == ':') {
    rest = 2;  // "C:"
  } else if (full.substr(0, 2) == "\\\\") {
    // "\\server\share": the drive is the first two components after the leading pair.
    std::size_t server_end = full.find('\\', 2);
    std::size_t share_end = server_end == std::string_view::npos ? server_end : full.find('\\', server_end + 1);
    rest = share_end == std::string_view::npos ? full.size() : share_end;
  }
  p.drive = full.substr(0, rest);
  std::string_view tail = full.substr(rest);
  std::size_t sep = tail.find_last_of("\\/");
  if (sep == std::string_view::npos) {
    p.name = tail;
    return p;
  }
  p.name = tail.substr(sep + 1);
  std::string_view folder = tail.substr(0, sep);
  while (!folder.empty() && (folder.front() == '\\' || folder.front() == '/')) folder.remove_prefix(1);
  p.folder = folder;
  return p;
}

}  // namespace iocscan::collect
