// The portable parts of platform/host_info.h.
#include "platform/host_info.h"

#include <cerrno>

#include "platform/file_stat.h"  // ESTALE on Windows

namespace iocscan::platform {
namespace {

std::string Unquote(std::string_view value) {
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
    value = value.substr(1, value.size() - 2);
  }
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size()) ++i;
    out += value[i];
  }
  return out;
}

}  // namespace

std::string OsReleasePrettyName(std::string_view text) {
  constexpr std::string_view kKey = "PRETTY_NAME=";
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (line.substr(0, kKey.size()) == kKey) return Unquote(line.substr(kKey.size()));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return {};
}

std::string ErrnoName(int error) {
  switch (error) {
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case ENOENT: return "ENOENT";
    case ENOTDIR: return "ENOTDIR";
    case ELOOP: return "ELOOP";
    case ESTALE: return "ESTALE";
    case EIO: return "EIO";
    case EMFILE: return "EMFILE";
    case ENFILE: return "ENFILE";
    case ENOMEM: return "ENOMEM";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case EINVAL: return "EINVAL";
    case EOVERFLOW: return "EOVERFLOW";
    case EBUSY: return "EBUSY";
    case EAGAIN: return "EAGAIN";
    case ENXIO: return "ENXIO";
    case ENODEV: return "ENODEV";
    case EXDEV: return "EXDEV";
    case ETXTBSY: return "ETXTBSY";
    default: return "E" + std::to_string(error);
  }
}

}  // namespace iocscan::platform
