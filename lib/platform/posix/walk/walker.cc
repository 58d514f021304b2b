// The POSIX back end of walk/walker.h (the design is described there).
#include "walk/walker.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <optional>
#include <thread>
#include <utility>

#include "platform/posix/dir_reader.h"
#include "platform/posix/fs_types.h"
#include "platform/posix/stat_convert.h"
#include "walk/glob.h"
#include "walk/path_util.h"
#include "walk/walker_parts.h"
#include "walk/work_queue.h"

namespace iocscan::walk {

namespace {

using detail::EntryAccess;
using parts::AddError;
using parts::WorkerCount;
using platform::FsClass;

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;
constexpr int kSubdirFlags = kDirFlags | O_NOFOLLOW;

// A listed directory's fd, shared by its queued children until the last one has opened itself.
struct DirFd {
  DirFd(int f, std::atomic<int>* c) : fd(f), counter(c) {}
  ~DirFd() {
    ::close(fd);
    counter->fetch_sub(1, std::memory_order_relaxed);
  }
  int fd;
  std::atomic<int>* counter;
};

// The (dev, ino) chain from a directory up to its root, for cycle detection (bind mounts).
// Nodes are shared by every descendant still queued, with an intrusive count so that releasing a
// chain is a loop: a 10,000-deep chain must not recurse 10,000 destructors deep (as nested
// shared_ptr destructors would).
struct Ancestor {
  dev_t dev;
  ino_t ino;
  const Ancestor* up;  // owns one reference
  mutable std::atomic<int> refs{1};
};

void Release(const Ancestor* a) {
  // acq_rel: the thread that frees a node sees every other thread's reads of it as done.
  while (a != nullptr && a->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) {
    const Ancestor* up = a->up;
    delete a;
    a = up;
  }
}

// A counted reference to a chain node (copyable, movable; null allowed).
class AncestorRef {
 public:
  AncestorRef() = default;
  // A new node on top of `up` (which gains a reference).
  AncestorRef(dev_t dev, ino_t ino, const AncestorRef& up)
      : node_(new Ancestor{dev, ino, up.Retain()}) {}
  AncestorRef(const AncestorRef& o) : node_(o.Retain()) {}
  AncestorRef(AncestorRef&& o) noexcept : node_(o.node_) { o.node_ = nullptr; }
  AncestorRef& operator=(AncestorRef o) noexcept {
    std::swap(node_, o.node_);
    return *this;
  }
  ~AncestorRef() { Release(node_); }

  const Ancestor* get() const { return node_; }

 private:
  const Ancestor* Retain() const {
    if (node_ != nullptr) node_->refs.fetch_add(1, std::memory_order_relaxed);
    return node_;
  }
  const Ancestor* node_ = nullptr;
};

// One unit of work: a directory to open and list.
struct DirTask {
  std::shared_ptr<DirFd> parent;              // open parent; null: reopen from the root
  AncestorRef ancestors;                      // the parent and above (null for a root)
  std::string path;
  std::uint32_t name_offset = 0;  // path + name_offset is the last component
  ino_t ino = 0;                  // d_ino as listed (0: not known)
  dev_t parent_dev = 0;
  int depth = 0;
  int root = 0;
  bool is_root = false;
};

struct Root {
  std::string path;       // absolute, tidy
  std::string canonical;  // realpath, for --follow-symlinks scope checks
  int fd = -1;
  dev_t dev = 0;
  ino_t ino = 0;
};

// What every worker reads (read-only once the walk starts, except the atomics and queues).
struct Shared {
  const WalkOptions* options = nullptr;
  GlobSet excludes;
  std::optional<platform::FsTypeResolver> own_fs;  // loaded unless options->fs_types is given
  const platform::FsTypeResolver* fs = nullptr;
  std::vector<Root> roots;
  std::unique_ptr<WorkQueues<DirTask>> queues;
  std::atomic<int> retained_dirs{0};
  int max_open_dirs = 0;

  bool Stopped() const {
    return options->stop != nullptr && options->stop->load(std::memory_order_relaxed);
  }
};

unsigned char TypeOfMode(mode_t m) {
  if (S_ISREG(m)) return DT_REG;
  if (S_ISDIR(m)) return DT_DIR;
  if (S_ISLNK(m)) return DT_LNK;
  if (S_ISFIFO(m)) return DT_FIFO;
  if (S_ISSOCK(m)) return DT_SOCK;
  if (S_ISCHR(m)) return DT_CHR;
  if (S_ISBLK(m)) return DT_BLK;
  return DT_UNKNOWN;
}


// Whether a filesystem of `fs_type` may be entered; the reason when not.
std::optional<SkipReason> RefusedByType(const std::string& fs_type, const WalkOptions& opt) {
  FsClass c = platform::ClassifyFsType(fs_type);
  if (c == FsClass::kPseudo) return SkipReason::kPseudoFs;
  if (c == FsClass::kNetwork && !opt.network_mounts) return SkipReason::kNetworkFs;
  return std::nullopt;
}

class Worker {
 public:
  Worker(Shared& shared, int id, std::unique_ptr<Visitor> visitor)
      : shared_(shared), opt_(*shared.options), id_(id), visitor_(std::move(visitor)) {}

  void Run();
  void VisitFileRoot(const std::string& path);
  WalkStats& stats() { return stats_; }

 private:
  void ProcessDir(DirTask& task);
  int OpenDir(DirTask& task);
  int ReopenFromRoot(const DirTask& task);
  bool MayEnter(const DirTask& task, int fd, const struct stat& st);
  bool IsOtherRoot(const DirTask& task, const struct stat& st) const;
  void ListDir(const DirTask& task, int fd);
  void OnEntry(const DirTask& task, int fd, const platform::DirReader::Item& item);
  void ReportEntry(int dir_fd, std::string_view name, unsigned char type, int depth,
                   const struct stat* known);
  void ResolveLink();
  bool TargetInScope(const char* path, const struct stat& target) const;
  void HandOver(const DirTask& task, int fd, const struct stat& st);

  Shared& shared_;
  const WalkOptions& opt_;
  int id_;
  std::unique_ptr<Visitor> visitor_;
  WalkStats stats_;
  platform::DirReader reader_;
  std::string path_;  // the current entry's full path
  Entry entry_;
  std::vector<DirTask> children_;
};

void Worker::Run() {
  DirTask task;
  while (shared_.queues->Pop(id_, &task, opt_.stop)) {
    ProcessDir(task);
    task = DirTask();  // drop the parent fd and ancestors before waiting
    shared_.queues->Done();
  }
  // Pop also returns false on stop; the walk is incomplete when directories were left queued.
  if (shared_.Stopped() && !shared_.queues->complete()) stats_.stopped = true;
}

void Worker::ProcessDir(DirTask& task) {
  if (shared_.Stopped()) {
    stats_.stopped = true;
    return;
  }
  int fd = OpenDir(task);
  if (fd < 0) {
    AddError(stats_, errno, task.path);
    return;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    AddError(stats_, errno, task.path);
    ::close(fd);
    return;
  }
  if (!MayEnter(task, fd, st)) {
    ::close(fd);
    return;
  }
  ++stats_.dirs;
  ListDir(task, fd);
  HandOver(task, fd, st);
}

// Opens the task's directory; -1 with errno set on failure. Releases the parent fd either way.
int Worker::OpenDir(DirTask& task) {
  const char* name = task.path.c_str() + task.name_offset;
  int fd;
  if (task.is_root) {
    // A new open file description (not a dup): the listing's offset is then our own.
    fd = ::openat(shared_.roots[static_cast<std::size_t>(task.root)].fd, ".", kDirFlags);
  } else if (task.parent) {
    fd = ::openat(task.parent->fd, name, kSubdirFlags);
  } else {
    fd = ReopenFromRoot(task);
  }
  int saved = errno;
  task.parent.reset();
  errno = saved;
  return fd;
}

// The retained-fd budget was spent when this task was queued: walk down from the root fd one
// component at a time, never following a symlink (O_NOFOLLOW on each). The final directory is
// then checked against the listed inode like any other.
int Worker::ReopenFromRoot(const DirTask& task) {
  const Root& root = shared_.roots[static_cast<std::size_t>(task.root)];
  std::string_view rel = std::string_view(task.path).substr(root.path.size());
  int cur = root.fd;
  std::string comp;
  while (!rel.empty()) {
    if (rel.front() == '/') {
      rel.remove_prefix(1);
      continue;
    }
    std::size_t end = std::min(rel.find('/'), rel.size());
    comp.assign(rel.substr(0, end));
    rel.remove_prefix(end);
    int next = ::openat(cur, comp.c_str(), kSubdirFlags);
    int saved = errno;
    if (cur != root.fd) ::close(cur);
    errno = saved;
    if (next < 0) return -1;
    cur = next;
  }
  if (cur == root.fd) return ::openat(root.fd, ".", kDirFlags);
  return cur;
}

// Identity, mount, cycle and overlap checks on a freshly opened directory.
bool Worker::MayEnter(const DirTask& task, int fd, const struct stat& st) {
  if (task.is_root) return true;  // checked when the roots were opened
  if (st.st_dev == task.parent_dev) {
    // Same device: the inode must be the one listed, unless this is a mount root of the same
    // filesystem (a bind mount: d_ino is the covered directory's) or an overlay (whose merged
    // directories may list another inode than they stat).
    if (task.ino != 0 && st.st_ino != task.ino && !platform::IsMountRoot(fd) &&
        shared_.fs->TypeOf(fd, st.st_dev) != "overlay") {
      AddError(stats_, ESTALE, task.path);
      return false;
    }
  } else {
    std::string type = shared_.fs->TypeOf(fd, st.st_dev);
    std::optional<SkipReason> refused = RefusedByType(type, opt_);
    const Root& root = shared_.roots[static_cast<std::size_t>(task.root)];
    if (!refused && opt_.one_file_system && st.st_dev != root.dev) {
      refused = SkipReason::kOtherDevice;
    }
    if (refused) {
      stats_.skipped_mounts.push_back({task.path, type, *refused});
      return false;
    }
  }
  for (const Ancestor* a = task.ancestors.get(); a != nullptr; a = a->up) {
    if (a->dev == st.st_dev && a->ino == st.st_ino) {
      AddError(stats_, ELOOP, task.path);
      return false;
    }
  }
  return !IsOtherRoot(task, st);
}

// Overlapping roots (-p / -p /home): a folder that is another root is walked by that root only.
bool Worker::IsOtherRoot(const DirTask& task, const struct stat& st) const {
  if (shared_.roots.size() < 2) return false;
  for (std::size_t i = 0; i < shared_.roots.size(); ++i) {
    const Root& r = shared_.roots[i];
    if (static_cast<int>(i) != task.root && r.dev == st.st_dev && r.ino == st.st_ino) return true;
  }
  return false;
}

void Worker::ListDir(const DirTask& task, int fd) {
  if (!reader_.Open(fd)) {
    AddError(stats_, reader_.error(), task.path);
    return;
  }
  platform::DirReader::Item item;
  while (reader_.Next(&item)) {
    if (shared_.Stopped()) {
      stats_.stopped = true;
      return;
    }
    OnEntry(task, fd, item);
  }
  if (reader_.error() != 0) AddError(stats_, reader_.error(), task.path);
}

void Worker::OnEntry(const DirTask& task, int fd, const platform::DirReader::Item& item) {
  AppendChild(&path_, task.path, item.name);
  if (!shared_.excludes.empty() && shared_.excludes.Matches(path_)) {
    ++stats_.skipped_excluded;
    return;
  }
  unsigned char type = item.type;
  struct stat st {};
  bool have_stat = false;
  if (type == DT_UNKNOWN) {  // some filesystems do not fill d_type
    if (::fstatat(fd, item.name.data(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      AddError(stats_, errno, path_);
      return;
    }
    type = TypeOfMode(st.st_mode);
    have_stat = true;
  }
  if (type != DT_DIR) {
    ReportEntry(fd, item.name, type, task.depth + 1, have_stat ? &st : nullptr);
    return;
  }
  if (task.depth + 1 > opt_.max_depth) {
    ++stats_.depth_capped;
    return;
  }
  DirTask child;
  child.path = path_;
  child.name_offset = static_cast<std::uint32_t>(path_.size() - item.name.size());
  child.ino = have_stat ? st.st_ino : item.ino;
  child.depth = task.depth + 1;
  child.root = task.root;
  children_.push_back(std::move(child));
}

// Hands one non-directory entry (its path is in path_) to the visitor.
void Worker::ReportEntry(int dir_fd, std::string_view name, unsigned char type, int depth,
                         const struct stat* known) {
  EntryAccess::Reset(entry_);
  entry_.dir_fd = dir_fd;
  entry_.name = name;
  entry_.path = path_;
  entry_.type = platform::TypeOfMode(DTTOIF(type));
  entry_.depth = depth;
  if (known != nullptr) EntryAccess::SetStat(entry_, platform::FromStat(*known));
  if (type == DT_LNK && opt_.follow_symlinks) ResolveLink();
  ++stats_.files;
  visitor_->OnFile(entry_);
}

// --follow-symlinks: a link to a regular file inside the scope is reported as that file.
// A loop (ELOOP) is counted; a dangling link is simply reported as a link.
void Worker::ResolveLink() {
  struct stat target {};
  if (::fstatat(entry_.dir_fd, entry_.name.data(), &target, 0) != 0) {
    if (errno == ELOOP) AddError(stats_, ELOOP, entry_.path);
    return;
  }
  if (!S_ISREG(target.st_mode)) return;  // never a folder (nor a FIFO or device)
  char* resolved = ::realpath(entry_.path.data(), nullptr);
  if (resolved == nullptr) return;
  bool in_scope = TargetInScope(resolved, target);
  std::free(resolved);
  if (!in_scope) return;
  EntryAccess::SetStat(entry_, platform::FromStat(target));
  entry_.followed = true;
}

// Inside a root, not excluded, and on a filesystem the walk would enter itself.
bool Worker::TargetInScope(const char* path, const struct stat& target) const {
  std::string_view p(path);
  const Root* within = nullptr;
  for (const Root& r : shared_.roots) {
    if (IsInside(p, r.canonical)) within = &r;
  }
  if (within == nullptr) return false;
  if (!shared_.excludes.empty() && shared_.excludes.Matches(p)) return false;
  if (opt_.one_file_system && target.st_dev != within->dev) return false;
  if (target.st_dev != within->dev) {
    if (RefusedByType(shared_.fs->TypeOfPath(path, target.st_dev), opt_)) return false;
  }
  return true;
}

// Queues the listed subdirectories. The directory's fd goes with them while the retained-fd
// budget allows (they open themselves relative to it); otherwise they reopen from the root.
void Worker::HandOver(const DirTask& task, int fd, const struct stat& st) {
  if (children_.empty() || shared_.Stopped()) {
    children_.clear();
    ::close(fd);
    return;
  }
  std::shared_ptr<DirFd> shared_fd;
  if (shared_.retained_dirs.fetch_add(1, std::memory_order_relaxed) < shared_.max_open_dirs) {
    shared_fd = std::make_shared<DirFd>(fd, &shared_.retained_dirs);
  } else {
    shared_.retained_dirs.fetch_sub(1, std::memory_order_relaxed);
    ::close(fd);
  }
  AncestorRef chain(st.st_dev, st.st_ino, task.ancestors);
  for (DirTask& c : children_) {
    c.parent = shared_fd;
    c.ancestors = chain;
    c.parent_dev = st.st_dev;
  }
  std::reverse(children_.begin(), children_.end());  // LIFO: the first listed is taken first
  shared_.queues->Push(id_, children_);
}

// A root that is not a folder: the entry itself, listed from its parent folder.
void Worker::VisitFileRoot(const std::string& path) {
  std::size_t slash = path.rfind('/');
  std::string dir = slash == 0 ? "/" : path.substr(0, slash);
  std::string name = path.substr(slash + 1);
  int fd = ::open(dir.c_str(), kDirFlags);
  struct stat st {};
  if (fd < 0 || ::fstatat(fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    AddError(stats_, errno, path);
    if (fd >= 0) ::close(fd);
    return;
  }
  path_ = path;
  if (!shared_.excludes.empty() && shared_.excludes.Matches(path_)) {
    ++stats_.skipped_excluded;
  } else {
    ReportEntry(fd, name, TypeOfMode(st.st_mode), 0, &st);
  }
  ::close(fd);
}

int DefaultMaxOpenDirs() {
  struct rlimit rl {};
  rlim_t soft = 1024;
  if (::getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) soft = rl.rlim_cur;
  return static_cast<int>(std::clamp<rlim_t>(soft / 4, 16, 4096));
}

std::string WorkingDirectory() {
  std::string buf(PATH_MAX, '\0');
  while (::getcwd(buf.data(), buf.size()) == nullptr) {
    if (errno != ERANGE) return "/";
    buf.resize(buf.size() * 2);
  }
  buf.resize(std::char_traits<char>::length(buf.c_str()));
  return buf;
}

// Opens and checks one root; on success it joins shared.roots. File roots are returned in
// *file_roots (visited by worker 0 before the threads start).
void OpenRoot(const std::string& given, const std::string& cwd, Shared& shared, WalkStats& stats,
              std::vector<std::string>* file_roots) {
  std::string path = MakeAbsolute(given, cwd);
  // MakeAbsolute keeps "..", which only the kernel can resolve across symlinks: report and match
  // the folder under the path the kernel resolved, not as "/a/b/../c".
  if (HasDotDot(path)) {
    if (char* resolved = ::realpath(path.c_str(), nullptr)) {
      path = resolved;
      std::free(resolved);
    }
  }
  if (!shared.excludes.empty() && shared.excludes.Matches(path)) {
    ++stats.skipped_excluded;
    return;
  }
  int fd = ::open(path.c_str(), kDirFlags);
  if (fd < 0) {
    if (errno == ENOTDIR) {
      file_roots->push_back(path);
    } else {
      AddError(stats, errno, path);
    }
    return;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    AddError(stats, errno, path);
    ::close(fd);
    return;
  }
  for (const Root& r : shared.roots) {
    if (r.dev == st.st_dev && r.ino == st.st_ino) {  // the same root given twice
      ::close(fd);
      return;
    }
  }
  std::string type = shared.fs->TypeOf(fd, st.st_dev);
  if (std::optional<SkipReason> refused = RefusedByType(type, *shared.options)) {
    stats.skipped_mounts.push_back({path, type, *refused});
    ::close(fd);
    return;
  }
  Root root;
  root.path = path;
  char* canonical = ::realpath(path.c_str(), nullptr);
  root.canonical = canonical != nullptr ? canonical : path;
  std::free(canonical);
  root.fd = fd;
  root.dev = st.st_dev;
  root.ino = st.st_ino;
  shared.roots.push_back(std::move(root));
}

std::vector<DirTask> RootTasks(const Shared& shared) {
  std::vector<DirTask> tasks;
  for (std::size_t i = 0; i < shared.roots.size(); ++i) {
    DirTask t;
    t.path = shared.roots[i].path;
    t.name_offset = static_cast<std::uint32_t>(t.path.size());
    t.ino = shared.roots[i].ino;
    t.parent_dev = shared.roots[i].dev;
    t.root = static_cast<int>(i);
    t.is_root = true;
    tasks.push_back(std::move(t));
  }
  return tasks;
}


}  // namespace

const platform::FileStat* Entry::Stat() const {
  if (!stat_done_) {
    stat_done_ = true;
    struct stat st {};
    if (::fstatat(dir_fd, name.data(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      stat_error_ = errno;
    } else {
      stat_ = platform::FromStat(st);
    }
  }
  return stat_error_ == 0 ? &stat_ : nullptr;
}

std::vector<std::string> DefaultRoots() { return {"/"}; }

WalkStats Walk(const WalkOptions& options, const VisitorFactory& make_visitor) {
  Shared shared;
  shared.options = &options;
  shared.excludes = GlobSet(options.excludes);
  if (options.fs_types != nullptr) {
    shared.fs = options.fs_types;
  } else {
    shared.fs = &shared.own_fs.emplace();
  }
  shared.max_open_dirs = options.max_open_dirs > 0 ? options.max_open_dirs : DefaultMaxOpenDirs();
  const int n = WorkerCount(options.threads);
  shared.queues = std::make_unique<WorkQueues<DirTask>>(n);

  WalkStats stats;
  std::vector<std::string> file_roots;
  const std::string cwd = WorkingDirectory();
  for (const std::string& r : options.roots) OpenRoot(r, cwd, shared, stats, &file_roots);

  std::vector<std::unique_ptr<Worker>> workers;
  for (int i = 0; i < n; ++i) workers.push_back(std::make_unique<Worker>(shared, i, make_visitor(i)));
  for (const std::string& f : file_roots) workers[0]->VisitFileRoot(f);

  std::vector<DirTask> tasks = RootTasks(shared);
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    std::vector<DirTask> one;
    one.push_back(std::move(tasks[i]));
    shared.queues->Push(static_cast<int>(i % static_cast<std::size_t>(n)), one);
  }
  parts::RunWorkers(workers, stats);  // visitors are destroyed here, in the calling thread
  shared.queues.reset();  // tasks left by a stop release their fds (before the counter dies)
  for (Root& r : shared.roots) ::close(r.fd);
  parts::SortSkippedMounts(stats);
  return stats;
}

}  // namespace iocscan::walk
