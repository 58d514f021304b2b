// The parallel directory walk behind FileItem: every non-directory entry under the scope roots,
// handed to a per-thread Visitor, safely and predictably.
//
//   walk::WalkOptions opt;
//   opt.roots = {"/"};
//   opt.excludes = {"/home/*/.cache", "*.iso"};
//   opt.stop = &stop_flag;                         // set by --timeout / SIGINT
//   walk::WalkStats stats = walk::Walk(opt, [&](int worker) {
//     return std::make_unique<MyVisitor>(...);     // one per worker: no lock on the hot path
//   });
//
// Design (ripgrep's WalkParallel + bfs, style.md "Our recipe (POSIX)"):
// - One unit of work is one directory. Each worker has a LIFO deque (depth first: memory and open
//   directories stay small); an idle worker steals half of another's deque from its shallow end.
//   The walk ends when no directory is queued or being listed (a pending counter). No recursion
//   on the call stack: a 10,000-deep chain costs heap, not stack.
// - Safe opening: roots are opened with O_DIRECTORY (a root given as a symlink is the user's
//   choice). Every subdirectory is opened with openat(parent, name,
//   O_RDONLY|O_DIRECTORY|O_NOFOLLOW|O_CLOEXEC): a directory swapped for a symlink fails (ELOOP/
//   ENOTDIR) instead of being followed. The fd is fstat'ed and its inode compared with the listed
//   d_ino (same device); a mismatch that is not a mount root (statx) or an overlay is counted as
//   ESTALE ("changed during the walk") and skipped.
// - Bounded descriptors: a listed directory's fd is kept open (shared by its queued children, who
//   open themselves with openat from it and release it) only while fewer than max_open_dirs are
//   retained; past that it is closed and those children are reopened from their root fd one
//   component at a time, each with O_NOFOLLOW|O_DIRECTORY, the final one checked as above. So
//   the walk never follows a symlink and never holds more than max_open_dirs + a few fds per
//   worker, however wide or deep the tree.
// - Mounts, by filesystem TYPE (platform/posix/fs_types.h), whenever a directory's st_dev differs
//   from its parent's (and for each root): pseudo filesystems are never entered; network/FUSE
//   ones only with network_mounts; with one_file_system, no device other than the root's. Every
//   mount point not entered is listed in WalkStats::skipped_mounts, so a skip never reads as clean.
// - Loops: symlinks are never descended as folders; bind-mount cycles are caught by comparing a
//   directory's (dev, ino) with its ancestors' (counted as ELOOP). A directory that is another
//   scope root is left to that root (overlapping -p are walked once).
// - Names are bytes (no UTF-8 assumption); paths are "<root>/<name>/...", roots made absolute.
// - The walker never opens a non-directory; FIFOs and devices are only listed (and lstat'ed when
//   asked), so nothing blocks.
// - Stop: the `stop` flag is checked before every directory and every entry; idle workers poll
//   it every few milliseconds. Walk then returns promptly with stats.stopped = true.
// Known limits: opening an autofs trigger folder mounts it before its type can be checked (the
// mounted filesystem's type then decides); a visitor that blocks delays the stop of its worker.
// Back ends: platform/posix/walk/walker.cc (this design) and platform/windows/walk/walker.cc (the
// same shape over Win32 handles: see there for what differs).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.h"
#include "platform/file_stat.h"

namespace iocscan::platform {
class FsTypeResolver;  // platform/posix/fs_types.h (a test seam of the POSIX walker)
}

namespace iocscan::walk {

namespace detail {
struct EntryAccess;  // the walker fills Entry's stat cache
}

// Options, with defaults in parentheses:
//   roots            ({})     scope roots, absolute or relative to the working directory. A root
//                             that is a file (not a folder) is reported itself. The caller picks
//                             the default ("/"; see kDefaultSystemExcludes).
//   excludes         ({})     globs (walk/glob.h): a matching entry is skipped, a matching folder
//                             is never opened. Counted in skipped_excluded.
//   one_file_system  (false)  do not enter a device other than the root's
//   follow_symlinks  (false)  report a symlink to a regular FILE as that file (Entry::followed,
//                             target stat) when its resolved target lies inside a scope root.
//                             Symlinks to folders are never descended, with or without it.
//   network_mounts   (false)  also enter network and FUSE filesystems
//   threads          (0)      workers; 0 = hardware concurrency; 1 = runs in the calling thread
//   max_depth        (kMaxWalkDepth) folders deeper than this (root = 0) are not opened;
//                             each one not opened counts in depth_capped
//   max_open_dirs    (0)      directory fds retained for queued children; 0 = a quarter of
//                             RLIMIT_NOFILE, between 16 and 4096 (tests set it small)
//   stop             (null)   when it becomes true, the walk ends promptly (stats.stopped)
//   fs_types         (null)   test seam: decides filesystem types instead of the mount table
struct WalkOptions {
  std::vector<std::string> roots;
  std::vector<std::string> excludes;
  bool one_file_system = false;
  bool follow_symlinks = false;
  bool network_mounts = false;
  int threads = 0;
  int max_depth = limits::kMaxWalkDepth;
  int max_open_dirs = 0;
  const std::atomic<bool>* stop = nullptr;
  const platform::FsTypeResolver* fs_types = nullptr;
};

// The roots of a whole-system sweep: {"/"} on POSIX; every fixed drive ("C:\\", "D:\\") on Windows.
std::vector<std::string> DefaultRoots();

// For a whole-system scope ("/"): kernel and runtime trees a sweep should not enter. proc, sysfs
// and devtmpfs are skipped by type anyway; /run is a tmpfs (a local type) full of sockets and
// runtime state, so the caller adds these as excludes for its default root. Windows has none.
#ifdef _WIN32
inline const std::vector<std::string> kDefaultSystemExcludes = {};
#else
inline const std::vector<std::string> kDefaultSystemExcludes = {"/proc", "/sys", "/dev", "/run"};
#endif

// One non-directory entry: regular files, and also symlinks, FIFOs, sockets and devices, so that
// name and stat terms can apply to them. The walker never opens it: content is the visitor's
// business, e.g. platform::SafeOpen(e.dir_fd, e.name.data(), {st->dev, st->ino},
// /*follow_symlink=*/e.followed) with st = e.Stat().
class Entry {
 public:
  int dir_fd = -1;         // the open containing folder, valid only during OnFile; on Windows
                           // platform::kCurrentDir, and `name` for opening is then `path`
  std::string_view name;   // one component, bytes; name.data() is NUL-terminated
  std::string_view path;   // full path, bytes; path.data() is NUL-terminated
  platform::FileType type = platform::FileType::kUnknown;  // never kDirectory; kUnknown only
                                                           // for what the OS could not type
  int depth = 0;           // 1 for an entry directly in a root; 0 for a root that is a file
  bool followed = false;   // a symlink to a file inside the scope: Stat() is the target's, and
                           // the content must be opened following the link

  // The entry's stat without following it (or the target's stat when followed), done on first
  // call and cached. nullptr when it failed: stat_error() has the errno.
  const platform::FileStat* Stat() const;
  int stat_error() const { return stat_error_; }
  // The stat when the walker already has it (the Windows listing always does), else nullptr;
  // never a system call.
  const platform::FileStat* CachedStat() const { return stat_done_ && stat_error_ == 0 ? &stat_ : nullptr; }

 private:
  friend struct detail::EntryAccess;
  mutable platform::FileStat stat_;
  mutable bool stat_done_ = false;
  mutable int stat_error_ = 0;
};

// Receives the entries listed by one worker; OnFile is never called concurrently on one visitor.
class Visitor {
 public:
  virtual ~Visitor() = default;
  virtual void OnFile(const Entry& entry) = 0;
};

// Called once per worker (0..threads-1) before the walk starts. Visitors are destroyed by Walk,
// in the calling thread, after every worker has finished (so a destructor may merge results).
using VisitorFactory = std::function<std::unique_ptr<Visitor>(int worker)>;

enum class SkipReason : std::uint8_t {
  kPseudoFs,     // proc, sysfs, devtmpfs, cgroup, ...
  kNetworkFs,    // nfs, cifs, sshfs, fuse.* ... without network_mounts
  kOtherDevice,  // one_file_system and a device other than the root's
};
std::string_view SkipReasonName(SkipReason r);  // "pseudo-filesystem", "network-filesystem", ...

struct SkippedMount {
  std::string path;
  std::string fs_type;  // "" when it could not be determined
  SkipReason reason;
};

struct ErrorExample {
  std::string path;
  int error = 0;  // errno
};

// Walk counts. errors is by errno: EACCES (unreadable folder), ENOENT (vanished during the walk),
// ELOOP (a symlink loop when following, or a directory cycle), ESTALE (a folder changed between
// listing and opening), EMFILE, EIO, ...
struct WalkStats {
  static constexpr std::size_t kMaxErrorExamples = 32;

  std::uint64_t files = 0;             // entries handed to visitors
  std::uint64_t dirs = 0;              // folders opened and listed (roots included)
  std::uint64_t skipped_excluded = 0;  // entries and folders matched by an exclude
  std::uint64_t depth_capped = 0;      // folders not opened because of max_depth
  std::map<int, std::uint64_t> errors;
  std::vector<ErrorExample> error_examples;  // the first kMaxErrorExamples errors
  std::vector<SkippedMount> skipped_mounts;  // sorted by path
  bool stopped = false;                      // the stop flag ended the walk early

  std::uint64_t error_count() const;
  void Merge(const WalkStats& other);  // adds counts; keeps the example cap
};

// Walks every root. Roots that cannot be opened count as errors (with their path); Walk itself
// never fails. Thread-safe to call concurrently (no global state).
WalkStats Walk(const WalkOptions& options, const VisitorFactory& make_visitor);

}  // namespace iocscan::walk
