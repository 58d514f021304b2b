#include "platform/posix/root_fs.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>

#include "platform/posix/dir_reader.h"

namespace iocscan::platform {

struct RootFs::Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

namespace {

constexpr int kMaxLinks = 40;  // as Linux's own path resolution (ELOOP past it)

#ifdef O_PATH
constexpr int kWalkFlags = O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;  // search permission is enough
#else
constexpr int kWalkFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
#endif

// Descriptors opened while resolving one path; closed together.
class FdStack {
 public:
  explicit FdStack(int root) : root_(root) {}
  ~FdStack() { Clear(); }
  int top() const { return fds_.empty() ? root_ : fds_.back(); }
  void Push(int fd) { fds_.push_back(fd); }
  void Pop() {
    if (fds_.empty()) return;  // ".." at the root stays at the root
    ::close(fds_.back());
    fds_.pop_back();
  }
  void Clear() {
    while (!fds_.empty()) Pop();
  }

 private:
  int root_;
  std::vector<int> fds_;
};

void PushComponents(std::string_view path, std::deque<std::string>* todo) {
  std::vector<std::string> parts;
  while (!path.empty()) {
    std::size_t slash = path.find('/');
    std::string_view part = path.substr(0, slash);
    if (!part.empty() && part != ".") parts.emplace_back(part);
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
  }
  todo->insert(todo->begin(), parts.begin(), parts.end());
}

std::optional<std::string> ReadLinkAt(int dir, const std::string& name) {
  char buffer[4096];
  ssize_t n = ::readlinkat(dir, name.c_str(), buffer, sizeof buffer);
  if (n < 0 || static_cast<std::size_t>(n) >= sizeof buffer) return std::nullopt;
  return std::string(buffer, static_cast<std::size_t>(n));
}

RootFs::Type TypeOf(unsigned char d_type) {
  switch (d_type) {
    case DT_REG: return RootFs::Type::kFile;
    case DT_DIR: return RootFs::Type::kDir;
    case DT_LNK: return RootFs::Type::kLink;
    default: return RootFs::Type::kOther;
  }
}

RootFs::Type TypeOfMode(mode_t mode) {
  if (S_ISREG(mode)) return RootFs::Type::kFile;
  if (S_ISDIR(mode)) return RootFs::Type::kDir;
  if (S_ISLNK(mode)) return RootFs::Type::kLink;
  return RootFs::Type::kOther;
}

Error ErrnoError(std::string source, int err) { return Error{std::move(source), std::strerror(err)}; }

bool IsMissing(int err) { return err == ENOENT || err == ENOTDIR; }

}  // namespace

Result<RootFs> RootFs::Open(std::string_view root) {
  std::string given(root == "/" ? std::string_view() : root);
  while (given.size() > 1 && given.back() == '/') given.pop_back();
  std::string open_path = given.empty() ? "/" : given;
  auto fd = std::make_shared<Fd>();
  fd->fd = ::open(open_path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd->fd < 0) return ErrnoError(open_path, errno);
  return RootFs(std::move(given), std::move(fd));
}

std::string RootFs::HostPath(std::string_view path) const { return root_ + std::string(path); }

int RootFs::Resolve(std::string_view path, bool follow_last, int* dir_fd, std::string* name) const {
  FdStack stack(fd_->fd);
  std::deque<std::string> todo;
  PushComponents(path, &todo);
  int links = 0;
  std::string last = ".";
  while (!todo.empty()) {
    std::string part = std::move(todo.front());
    todo.pop_front();
    if (part == "..") {
      stack.Pop();
      continue;
    }
    struct stat st {};
    if (::fstatat(stack.top(), part.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return errno;
    bool is_last = todo.empty();
    if (S_ISLNK(st.st_mode) && (!is_last || follow_last)) {
      std::optional<std::string> target = ReadLinkAt(stack.top(), part);
      if (!target || target->empty()) return ENOENT;
      if (++links > kMaxLinks) return ELOOP;
      if ((*target)[0] == '/') stack.Clear();  // absolute: from the image's root, not this host's
      PushComponents(*target, &todo);
      continue;
    }
    if (is_last) {
      last = std::move(part);
      break;
    }
    if (!S_ISDIR(st.st_mode)) return ENOTDIR;
    int fd = ::openat(stack.top(), part.c_str(), kWalkFlags);
    if (fd < 0) return errno;  // includes a folder swapped for a symlink meanwhile (ELOOP)
    stack.Push(fd);
  }
  *dir_fd = ::fcntl(stack.top(), F_DUPFD_CLOEXEC, 0);
  if (*dir_fd < 0) return errno;
  *name = std::move(last);
  return 0;
}

OpenResult RootFs::OpenFile(std::string_view path) const {
  int dir = -1;
  std::string name;
  if (int err = Resolve(path, true, &dir, &name); err != 0) {
    OpenResult r;
    r.failure = IsMissing(err) ? OpenFailure::kVanished : (err == EACCES || err == EPERM) ? OpenFailure::kPermission
                                                                                          : OpenFailure::kOther;
    r.error = err;
    return r;
  }
  OpenResult r = SafeOpen(dir, name.c_str(), {});
  ::close(dir);
  return r;
}

Result<std::optional<std::string>> RootFs::ReadFile(std::string_view path, std::uint64_t max_bytes) const {
  OpenResult opened = OpenFile(path);
  if (opened.failure == OpenFailure::kVanished) return std::optional<std::string>();
  if (!opened.ok()) {
    if (opened.error != 0) return ErrnoError(HostPath(path), opened.error);
    return Error{HostPath(path), "not a regular file"};
  }
  std::string data;
  char chunk[65536];
  while (data.size() < max_bytes) {
    std::int64_t n = opened.file.Read(chunk, sizeof chunk);
    if (n < 0) return ErrnoError(HostPath(path), opened.file.error());
    if (n == 0) break;
    data.append(chunk, static_cast<std::size_t>(n));
  }
  if (data.size() > max_bytes) data.resize(static_cast<std::size_t>(max_bytes));
  return std::optional<std::string>(std::move(data));
}

Result<std::vector<RootFs::Entry>> RootFs::List(std::string_view dir) const {
  int parent = -1;
  std::string name;
  std::vector<Entry> out;
  if (int err = Resolve(dir, true, &parent, &name); err != 0) {
    if (IsMissing(err)) return out;
    return ErrnoError(HostPath(dir), err);
  }
  int fd = ::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  int open_err = errno;
  if (fd < 0) {
    ::close(parent);
    if (IsMissing(open_err)) return out;
    return ErrnoError(HostPath(dir), open_err);
  }
  DirReader reader;
  DirReader::Item item;
  int err = reader.Open(fd) ? 0 : reader.error();
  while (err == 0 && reader.Next(&item)) {
    Entry e{std::string(item.name), TypeOf(item.type)};
    struct stat st {};
    if (item.type == DT_UNKNOWN && ::fstatat(fd, e.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
      e.type = TypeOfMode(st.st_mode);
    }
    out.push_back(std::move(e));
  }
  if (err == 0) err = reader.error();
  ::close(fd);
  ::close(parent);
  if (err != 0) return ErrnoError(HostPath(dir), err);
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  return out;
}

std::optional<std::string> RootFs::ReadLink(std::string_view path) const {
  int dir = -1;
  std::string name;
  if (Resolve(path, false, &dir, &name) != 0) return std::nullopt;
  std::optional<std::string> target = ReadLinkAt(dir, name);
  ::close(dir);
  return target;
}

std::optional<struct stat> RootFs::Stat(std::string_view path) const {
  int dir = -1;
  std::string name;
  if (Resolve(path, true, &dir, &name) != 0) return std::nullopt;
  struct stat st {};
  bool ok = ::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
  ::close(dir);
  if (!ok) return std::nullopt;
  return st;
}

}  // namespace iocscan::platform
