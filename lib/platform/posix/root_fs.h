// Reading the files of a system by their paths on that system, whether it is the running host
// (root "") or an offline image mounted somewhere (--root /mnt/evidence).
//
// Every path is resolved one component at a time from the root's descriptor, and symlinks are
// followed the way the scanned system would follow them: an absolute target starts again at the
// root, ".." never climbs above it. An image's "/lib -> usr/lib" or "x.service ->
// /lib/systemd/system/x.service" therefore lead to the image's own files, and nothing outside the
// root is ever opened. Files are opened with SafeOpen (regular files only, no FIFO or device).
//
//   Result<RootFs> fs = RootFs::Open("/mnt/evidence");
//   Result<std::optional<std::string>> text = fs->ReadFile("/etc/crontab", 1 << 20);
//     // error: cannot be read; nullopt: does not exist (not a problem); else the bytes
//   Result<std::vector<RootFs::Entry>> entries = fs->List("/etc/cron.d");   // missing = empty
//   std::optional<std::string> target = fs->ReadLink("/etc/systemd/system/x.service");
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "platform/safe_open.h"

namespace iocscan::platform {

class RootFs {
 public:
  enum class Type : std::uint8_t { kFile, kDir, kLink, kOther };
  struct Entry {
    std::string name;
    Type type = Type::kOther;  // of the entry itself (a symlink is kLink)
  };

  // Opens `root` ("" or "/" = the running system). Error: the root cannot be opened.
  static Result<RootFs> Open(std::string_view root);

  // The root as given ("" for the running system).
  const std::string& root() const { return root_; }
  bool live() const { return root_.empty(); }
  // Where a path of the image is on this host, for messages: "/mnt/evidence/etc/crontab".
  std::string HostPath(std::string_view path) const;

  // Opens a regular file by its path on the image (symlinks resolved inside the root).
  OpenResult OpenFile(std::string_view path) const;
  // Reads a whole regular file, at most `max_bytes` (longer files are cut). nullopt: the file
  // does not exist (or a symlink on the way is dangling).
  Result<std::optional<std::string>> ReadFile(std::string_view path, std::uint64_t max_bytes) const;
  // The entries of a folder, sorted by name; a folder that does not exist has none.
  Result<std::vector<Entry>> List(std::string_view dir) const;
  // The target of the symlink at `path` (the last component is not followed); nullopt when
  // `path` is not a symlink or does not exist.
  std::optional<std::string> ReadLink(std::string_view path) const;
  // stat of what `path` resolves to (symlinks followed inside the root); nullopt when missing.
  std::optional<struct stat> Stat(std::string_view path) const;

 private:
  struct Fd;
  RootFs(std::string root, std::shared_ptr<Fd> fd) : root_(std::move(root)), fd_(std::move(fd)) {}
  // Resolves `path` to (folder descriptor, last name); 0 or an errno.
  int Resolve(std::string_view path, bool follow_last, int* dir_fd, std::string* name) const;

  std::string root_;
  std::shared_ptr<Fd> fd_;  // shared: copies of a RootFs use one descriptor
};

}  // namespace iocscan::platform
