// The Windows back end of walk/walker.h: the same shape as the POSIX walker (one unit of work is
// one folder, per-worker LIFO deques with stealing, no recursion, per-worker visitors), over
// Win32 handles. What differs, and why:
// - Paths are "C:\dir\name" in UTF-8 (WTF-8 for names with unpaired surrogates: see core/wtf8.h).
//   Roots are made absolute by GetFullPathNameW (Windows resolves "." and ".." lexically itself).
// - A folder is opened by its full path with FILE_FLAG_OPEN_REPARSE_POINT (never through a
//   junction, symlink or mount point), checked to be a folder that is not a reparse point and to
//   have the file id it was listed with; anything else is ESTALE ("changed during the walk").
//   Reparse points are reported as entries (FileType::kSymlink) and never descended, so there is
//   no cycle to detect and no other volume is ever entered below a root.
// - The listing is GetFileInformationByHandleEx(FileIdBothDirectoryInfo) on that open handle: one
//   call returns names, file ids, attributes, sizes and all four times for many entries, so an
//   entry's stat costs nothing more (Entry::Stat() is filled from it).
// - Mounts: a root on a network drive (DRIVE_REMOTE, or a UNC path) is skipped unless
//   network_mounts; the volume's file system name (NTFS, ReFS, FAT32) is its type.
// - Excludes are matched case-insensitively against the path with '\' written as '/' (NTFS
//   names are case-insensitive; a glob's '\' would otherwise be an escape).
// - No descriptor budget: a queued folder is reopened by path, so nothing is held open.
#include "walk/walker.h"

#include <windows.h>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <thread>
#include <utility>

#include "platform/windows/handle_stat.h"
#include "platform/windows/win_text.h"
#include "walk/glob.h"
#include "walk/walker_parts.h"
#include "walk/work_queue.h"

namespace iocscan::walk {

namespace {

using detail::EntryAccess;
using parts::AddError;
using parts::WorkerCount;
using platform::FileStat;
using platform::FileType;

constexpr DWORD kShareAll = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;
constexpr std::size_t kListBufferBytes = 64 * 1024;

struct DirTask {
  std::string path;
  std::uint64_t id = 0;  // file id as listed (0: not known)
  int depth = 0;
  int root = 0;
};

struct Root {
  std::string path;      // absolute, "C:\dir" (a drive root keeps its "\": "C:\")
  std::string match;     // path in the excludes' form (lower case, '/')
  std::uint64_t dev = 0;
  std::uint64_t id = 0;
};

class Handle {
 public:
  explicit Handle(HANDLE h = INVALID_HANDLE_VALUE) : h_(h) {}
  ~Handle() {
    if (ok()) ::CloseHandle(h_);
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  bool ok() const { return h_ != INVALID_HANDLE_VALUE; }
  HANDLE get() const { return h_; }

 private:
  HANDLE h_;
};

HANDLE OpenForListing(const std::string& path, bool follow) {
  DWORD flags = FILE_FLAG_BACKUP_SEMANTICS | (follow ? 0 : FILE_FLAG_OPEN_REPARSE_POINT);
  return ::CreateFileW(platform::win::ExtendedPath(path).c_str(), FILE_LIST_DIRECTORY | FILE_READ_ATTRIBUTES,
                       kShareAll, nullptr, OPEN_EXISTING, flags, nullptr);
}

// The excludes' view of a path: ASCII lower case, '\' as '/'.
std::string MatchForm(std::string_view path) {
  std::string out(path);
  for (char& c : out) {
    if (c == '\\') c = '/';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string Join(std::string_view dir, std::string_view name) {
  std::string out(dir);
  if (out.empty() || out.back() != '\\') out.push_back('\\');
  out.append(name);
  return out;
}

// "C:\a\b" is inside "C:\a" and "C:\"; "C:\ab" is not (both in MatchForm).
bool InsideMatch(std::string_view path, std::string_view dir) {
  if (path.size() < dir.size() || path.substr(0, dir.size()) != dir) return false;
  return path.size() == dir.size() || dir.back() == '/' || path[dir.size()] == '/';
}

FileStat StatOfListing(const FILE_ID_BOTH_DIR_INFO& info, std::uint64_t dev) {
  FileStat f;
  f.dev = dev;
  f.ino = static_cast<std::uint64_t>(info.FileId.QuadPart);
  f.attributes = info.FileAttributes;
  f.type = platform::win::TypeOfAttributes(info.FileAttributes);
  f.mode = (info.FileAttributes & FILE_ATTRIBUTE_READONLY) ? 0444 : 0666;
  f.has_owner_ids = false;
  f.nlink = 1;
  f.size = static_cast<std::uint64_t>(info.EndOfFile.QuadPart);
  auto epoch = [](const LARGE_INTEGER& t) { return platform::win::EpochOfTicks(static_cast<std::uint64_t>(t.QuadPart)); };
  f.atime = epoch(info.LastAccessTime);
  f.mtime = epoch(info.LastWriteTime);
  f.ctime = info.ChangeTime.QuadPart > 0 ? epoch(info.ChangeTime) : f.mtime;
  if (info.CreationTime.QuadPart > 0) f.btime = epoch(info.CreationTime);
  return f;
}


int LastErrno() { return platform::win::ErrnoOf(::GetLastError()); }

struct Shared {
  const WalkOptions* options = nullptr;
  GlobSet excludes;
  std::vector<Root> roots;
  std::unique_ptr<WorkQueues<DirTask>> queues;

  bool Stopped() const {
    return options->stop != nullptr && options->stop->load(std::memory_order_relaxed);
  }
  bool Excluded(std::string_view path) const { return !excludes.empty() && excludes.Matches(MatchForm(path)); }
};

class Worker {
 public:
  Worker(Shared& shared, int id, std::unique_ptr<Visitor> visitor)
      : shared_(shared), opt_(*shared.options), id_(id), visitor_(std::move(visitor)), buffer_(kListBufferBytes) {}

  void Run();
  void VisitFileRoot(const std::string& path);
  WalkStats& stats() { return stats_; }

 private:
  void ProcessDir(const DirTask& task);
  bool MayEnter(const DirTask& task, const FileStat& st);
  void ListDir(const DirTask& task, HANDLE dir, std::uint64_t dev);
  void OnEntry(const DirTask& task, const FILE_ID_BOTH_DIR_INFO& info, std::uint64_t dev);
  void ReportEntry(std::string_view name, const FileStat& st, int depth);
  void ResolveLink();

  Shared& shared_;
  const WalkOptions& opt_;
  int id_;
  std::unique_ptr<Visitor> visitor_;
  WalkStats stats_;
  std::vector<unsigned char> buffer_;  // DWORD-aligned (vector storage is)
  std::string path_;
  std::string name_;
  Entry entry_;
  std::vector<DirTask> children_;
};

void Worker::Run() {
  DirTask task;
  while (shared_.queues->Pop(id_, &task, opt_.stop)) {
    ProcessDir(task);
    shared_.queues->Done();
  }
  if (shared_.Stopped() && !shared_.queues->complete()) stats_.stopped = true;
}

void Worker::ProcessDir(const DirTask& task) {
  if (shared_.Stopped()) {
    stats_.stopped = true;
    return;
  }
  Handle dir(OpenForListing(task.path, false));
  if (!dir.ok()) {
    AddError(stats_, LastErrno(), task.path);
    return;
  }
  int err = 0;
  std::optional<FileStat> st = platform::win::StatOfHandle(dir.get(), &err);
  if (!st) {
    AddError(stats_, err, task.path);
    return;
  }
  if (!MayEnter(task, *st)) return;
  ++stats_.dirs;
  ListDir(task, dir.get(), st->dev);
  if (children_.empty() || shared_.Stopped()) {
    children_.clear();
    return;
  }
  std::reverse(children_.begin(), children_.end());  // LIFO: the first listed is taken first
  shared_.queues->Push(id_, children_);
  children_.clear();
}

// The folder opened is the one listed: a folder (not swapped for a reparse point or a file) with
// the listed id, on the root's volume; and not another root (overlapping roots are walked once).
bool Worker::MayEnter(const DirTask& task, const FileStat& st) {
  const Root& root = shared_.roots[static_cast<std::size_t>(task.root)];
  if (task.depth == 0) return true;  // checked when the roots were opened
  if (st.type != FileType::kDirectory || (task.id != 0 && st.ino != task.id)) {
    AddError(stats_, ESTALE, task.path);
    return false;
  }
  if (st.dev != root.dev) {  // cannot happen without following a reparse point; never enter
    stats_.skipped_mounts.push_back({task.path, "", SkipReason::kOtherDevice});
    return false;
  }
  for (std::size_t i = 0; i < shared_.roots.size(); ++i) {
    const Root& r = shared_.roots[i];
    if (static_cast<int>(i) != task.root && r.dev == st.dev && r.id == st.ino) return false;
  }
  return true;
}

void Worker::ListDir(const DirTask& task, HANDLE dir, std::uint64_t dev) {
  FILE_INFO_BY_HANDLE_CLASS cls = FileIdBothDirectoryRestartInfo;
  for (;;) {
    if (!::GetFileInformationByHandleEx(dir, cls, buffer_.data(), static_cast<DWORD>(buffer_.size()))) {
      DWORD e = ::GetLastError();
      if (e != ERROR_NO_MORE_FILES) AddError(stats_, platform::win::ErrnoOf(e), task.path);
      return;
    }
    cls = FileIdBothDirectoryInfo;
    std::size_t offset = 0;
    for (;;) {
      if (shared_.Stopped()) {
        stats_.stopped = true;
        return;
      }
      const auto* info = reinterpret_cast<const FILE_ID_BOTH_DIR_INFO*>(buffer_.data() + offset);
      OnEntry(task, *info, dev);
      if (info->NextEntryOffset == 0) break;
      offset += info->NextEntryOffset;
    }
  }
}

void Worker::OnEntry(const DirTask& task, const FILE_ID_BOTH_DIR_INFO& info, std::uint64_t dev) {
  std::wstring_view wname(info.FileName, info.FileNameLength / sizeof(wchar_t));
  if (wname == L"." || wname == L"..") return;
  name_ = platform::win::Utf8(wname);
  path_ = Join(task.path, name_);
  if (shared_.Excluded(path_)) {
    ++stats_.skipped_excluded;
    return;
  }
  FileStat st = StatOfListing(info, dev);
  if (st.type != FileType::kDirectory) {
    ReportEntry(name_, st, task.depth + 1);
    return;
  }
  if (task.depth + 1 > opt_.max_depth) {
    ++stats_.depth_capped;
    return;
  }
  DirTask child;
  child.path = path_;
  child.id = st.ino;
  child.depth = task.depth + 1;
  child.root = task.root;
  children_.push_back(std::move(child));
}

// Hands one non-folder entry (its path is in path_) to the visitor.
void Worker::ReportEntry(std::string_view name, const FileStat& st, int depth) {
  EntryAccess::Reset(entry_);
  entry_.dir_fd = platform::kCurrentDir;
  entry_.name = name;
  entry_.path = path_;
  entry_.type = st.type;
  entry_.depth = depth;
  EntryAccess::SetStat(entry_, st);
  if (st.type == FileType::kSymlink && opt_.follow_symlinks) ResolveLink();
  ++stats_.files;
  visitor_->OnFile(entry_);
}

// --follow-symlinks: a reparse point whose final target is a regular file inside a scope root
// (and not excluded) is reported as that file.
void Worker::ResolveLink() {
  Handle target(::CreateFileW(platform::win::ExtendedPath(entry_.path).c_str(), FILE_READ_ATTRIBUTES, kShareAll,
                              nullptr, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr));
  if (!target.ok()) {
    if (::GetLastError() == ERROR_CANT_RESOLVE_FILENAME) AddError(stats_, ELOOP, entry_.path);
    return;
  }
  int err = 0;
  std::optional<FileStat> st = platform::win::StatOfHandle(target.get(), &err);
  if (!st || st->type != FileType::kRegular) return;
  wchar_t final_path[32768];
  DWORD n = ::GetFinalPathNameByHandleW(target.get(), final_path, 32768, FILE_NAME_NORMALIZED | VOLUME_NAME_DOS);
  if (n == 0 || n >= 32768) return;
  std::string resolved = platform::win::Utf8(std::wstring_view(final_path, n));
  if (resolved.rfind("\\\\?\\UNC\\", 0) == 0) {
    resolved = "\\\\" + resolved.substr(8);
  } else if (resolved.rfind("\\\\?\\", 0) == 0) {
    resolved = resolved.substr(4);
  }
  std::string match = MatchForm(resolved);
  bool inside = std::any_of(shared_.roots.begin(), shared_.roots.end(),
                            [&](const Root& r) { return InsideMatch(match, r.match) && r.dev == st->dev; });
  if (!inside || shared_.Excluded(resolved)) return;
  EntryAccess::SetStat(entry_, *st);
  entry_.followed = true;
}

// A root that is not a folder: the entry itself.
void Worker::VisitFileRoot(const std::string& path) {
  path_ = path;
  std::size_t sep = path.find_last_of('\\');
  std::string name = sep == std::string::npos ? path : path.substr(sep + 1);
  int err = 0;
  std::optional<FileStat> st = platform::StatAt(platform::kCurrentDir, path.c_str(), false, &err);
  if (!st) {
    AddError(stats_, err, path);
    return;
  }
  if (shared_.Excluded(path_)) {
    ++stats_.skipped_excluded;
    return;
  }
  ReportEntry(name, *st, 0);
}

std::string FullPath(const std::string& given) {
  std::wstring wide = platform::win::Wide(given);
  for (wchar_t& c : wide) {
    if (c == L'/') c = L'\\';
  }
  DWORD n = ::GetFullPathNameW(wide.c_str(), 0, nullptr, nullptr);
  if (n == 0) return given;
  std::wstring full(n, L'\0');
  n = ::GetFullPathNameW(wide.c_str(), n, full.data(), nullptr);
  full.resize(n);
  // No trailing separator, except a drive's root ("C:\").
  while (full.size() > 3 && full.back() == L'\\') full.pop_back();
  return platform::win::Utf8(full);
}

bool OnNetworkDrive(const std::string& path) {
  if (path.rfind("\\\\", 0) == 0) return true;
  wchar_t volume[MAX_PATH + 1];
  if (!::GetVolumePathNameW(platform::win::Wide(path).c_str(), volume, MAX_PATH + 1)) return false;
  return ::GetDriveTypeW(volume) == DRIVE_REMOTE;
}

std::string FileSystemName(HANDLE h) {
  wchar_t fs[MAX_PATH + 1] = {};
  if (!::GetVolumeInformationByHandleW(h, nullptr, 0, nullptr, nullptr, nullptr, fs, MAX_PATH + 1)) return "";
  return platform::win::Utf8(fs);
}

void OpenRoot(const std::string& given, Shared& shared, WalkStats& stats, std::vector<std::string>* file_roots) {
  std::string path = FullPath(given);
  if (shared.Excluded(path)) {
    ++stats.skipped_excluded;
    return;
  }
  Handle dir(OpenForListing(path, /*follow=*/true));  // a root given as a junction is the user's choice
  if (!dir.ok()) {
    DWORD e = ::GetLastError();
    if (e == ERROR_DIRECTORY || e == ERROR_ACCESS_DENIED) {
      // Not a folder (or a file we may still stat): reported itself.
      if (std::optional<FileStat> st = platform::StatAt(platform::kCurrentDir, path.c_str(), false);
          st && st->type != FileType::kDirectory) {
        file_roots->push_back(path);
        return;
      }
    }
    AddError(stats, platform::win::ErrnoOf(e), path);
    return;
  }
  int err = 0;
  std::optional<FileStat> st = platform::win::StatOfHandle(dir.get(), &err);
  if (!st) {
    AddError(stats, err, path);
    return;
  }
  if (st->type != FileType::kDirectory && !(st->attributes & FILE_ATTRIBUTE_DIRECTORY)) {
    file_roots->push_back(path);
    return;
  }
  for (const Root& r : shared.roots) {
    if (r.dev == st->dev && r.id == st->ino) return;  // the same root given twice
  }
  if (OnNetworkDrive(path) && !shared.options->network_mounts) {
    stats.skipped_mounts.push_back({path, FileSystemName(dir.get()), SkipReason::kNetworkFs});
    return;
  }
  shared.roots.push_back({path, MatchForm(path), st->dev, st->ino});
}


std::vector<std::string> MatchForms(const std::vector<std::string>& patterns) {
  std::vector<std::string> out;
  for (const std::string& p : patterns) out.push_back(MatchForm(p));
  return out;
}

}  // namespace

const platform::FileStat* Entry::Stat() const {
  if (!stat_done_) {
    stat_done_ = true;
    std::optional<platform::FileStat> st = platform::StatAt(platform::kCurrentDir, path.data(), followed, &stat_error_);
    if (st) stat_ = *st;
  }
  return stat_error_ == 0 ? &stat_ : nullptr;
}

std::vector<std::string> DefaultRoots() {
  std::vector<std::string> roots;
  wchar_t drives[512];
  DWORD n = ::GetLogicalDriveStringsW(512, drives);
  for (const wchar_t* d = drives; n > 0 && n < 512 && *d != L'\0'; d += wcslen(d) + 1) {
    if (::GetDriveTypeW(d) == DRIVE_FIXED) roots.push_back(platform::win::Utf8(d));
  }
  if (roots.empty()) roots.push_back("C:\\");
  return roots;
}

WalkStats Walk(const WalkOptions& options, const VisitorFactory& make_visitor) {
  Shared shared;
  shared.options = &options;
  shared.excludes = GlobSet(MatchForms(options.excludes));
  const int n = WorkerCount(options.threads);
  shared.queues = std::make_unique<WorkQueues<DirTask>>(n);

  WalkStats stats;
  std::vector<std::string> file_roots;
  for (const std::string& r : options.roots) OpenRoot(r, shared, stats, &file_roots);

  std::vector<std::unique_ptr<Worker>> workers;
  for (int i = 0; i < n; ++i) workers.push_back(std::make_unique<Worker>(shared, i, make_visitor(i)));
  for (const std::string& f : file_roots) workers[0]->VisitFileRoot(f);

  for (std::size_t i = 0; i < shared.roots.size(); ++i) {
    std::vector<DirTask> one(1);
    one[0].path = shared.roots[i].path;
    one[0].id = shared.roots[i].id;
    one[0].root = static_cast<int>(i);
    shared.queues->Push(static_cast<int>(i % static_cast<std::size_t>(n)), one);
  }
  parts::RunWorkers(workers, stats);  // visitors are destroyed here, in the calling thread
  parts::SortSkippedMounts(stats);
  return stats;
}

}  // namespace iocscan::walk
