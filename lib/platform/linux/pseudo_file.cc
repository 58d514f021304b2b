#include "platform/linux/pseudo_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace iocscan::platform {

Result<std::optional<std::string>> ReadPseudoFile(const std::string& path, std::size_t max) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) return std::optional<std::string>();
    return Error{path, std::strerror(errno)};
  }
  std::string text;
  char buf[65536];
  while (text.size() < max) {
    ssize_t n = ::read(fd, buf, std::min(sizeof buf, max - text.size()));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return Error{path, std::strerror(err)};
    }
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return std::optional<std::string>(std::move(text));
}

std::string ReadPseudoValue(const std::string& path) {
  Result<std::optional<std::string>> text = ReadPseudoFile(path, 4096);
  if (!text.ok() || !text.value()) return {};
  std::string value = std::move(*text.value());
  while (!value.empty() && (value.back() == '\n' || value.back() == ' ')) value.pop_back();
  return value;
}

std::vector<std::string> ListPseudoDir(const std::string& path) {
  std::vector<std::string> out;
  DIR* dir = ::opendir(path.c_str());
  if (!dir) return out;
  while (const struct dirent* e = ::readdir(dir)) {
    if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) out.emplace_back(e->d_name);
  }
  ::closedir(dir);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace iocscan::platform
