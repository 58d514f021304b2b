#include "scan/file_sweep.h"

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/limits.h"
#include "core/native_path.h"
#include "platform/file_stat.h"
#include "platform/users.h"

namespace iocscan::scan {
namespace {

using collect::FileField;
using report::CardField;
using report::CardValue;

// Progress is published every this many entries (and when a worker finishes).
constexpr std::uint64_t kProgressBatch = 256;

// Read-only state shared by the workers, and the merged result.
struct SweepShared {
  const std::string& root;  // offline root, "" on a live scan
  const compile::CompiledSet& set;
  std::uint32_t document;
  collect::FileSchema schema;
  platform::UserDb users;
  collect::FileCollectOptions collect_options;
  ProgressBoard* progress;
  std::atomic<std::uint64_t> kept{0};
  std::mutex mutex;  // guards result
  FileSweepResult result;
};

void AddIfKnown(std::vector<CardField>& fields, const char* name, const std::optional<std::int64_t>& date) {
  if (date) fields.push_back({name, {CardValue::Date(*date)}});
}

void AddIfKnown(std::vector<CardField>& fields, const char* name, const std::string& text) {
  if (!text.empty()) fields.push_back({name, {CardValue::Text(text)}});
}

// The fields that identify a matched file on its card (cli.md: FullPath always).
// `real_path` is where an offline root's file really is ("" on a live scan).
std::vector<CardField> FileCardFields(collect::FileItem& item, std::string_view real_path) {
  item.CompleteDigests(hash::kAllDigests);
  collect::FileCard card = item.Card();
  std::vector<CardField> fields;
  fields.push_back({"FullPath", {CardValue::Text(card.full_path)}});
  if (!real_path.empty()) fields.push_back({"RealPath", {CardValue::Text(real_path)}});
  fields.push_back({"FileName", {CardValue::Text(card.file_name)}});
  if (card.size) fields.push_back({"SizeInBytes", {CardValue::Int(static_cast<std::int64_t>(*card.size))}});
  if (const compile::FieldValue* owner = item.GetField(FileField::kUsername); owner && !owner->empty()) {
    fields.push_back({"Username", {CardValue::Text(owner->front().text)}});
  }
  AddIfKnown(fields, "Modified", card.modified);
  AddIfKnown(fields, "Accessed", card.accessed);
  AddIfKnown(fields, "Changed", card.changed);
  AddIfKnown(fields, "Created", card.created);
  AddIfKnown(fields, "Md5sum", card.md5);
  AddIfKnown(fields, "Sha1sum", card.sha1);
  AddIfKnown(fields, "Sha256sum", card.sha256);
  return fields;
}

class FileVisitor final : public walk::Visitor {
 public:
  explicit FileVisitor(SweepShared& shared)
      : shared_(shared),
        direct_(shared.schema, shared.users, WithFollow(shared.collect_options, false)),
        evaluator_(shared.set) {
    if (shared.collect_options.follow_symlinks) {
      followed_.emplace(shared.schema, shared.users, WithFollow(shared.collect_options, true));
    }
    matches_.group_true.assign(shared.set.group_count(), false);
  }

  ~FileVisitor() override {
    Publish();
    std::lock_guard lock(shared_.mutex);
    FileSweepResult& r = shared_.result;
    for (MatchedItem& m : matches_.items) r.matches.items.push_back(std::move(m));
    if (r.matches.group_true.empty()) r.matches.group_true.assign(matches_.group_true.size(), false);
    for (std::size_t g = 0; g < matches_.group_true.size(); ++g) {
      if (matches_.group_true[g]) r.matches.group_true[g] = true;
    }
    r.matches.items_dropped += matches_.items_dropped;
    r.counters.Add(direct_.counters);
    if (followed_) r.counters.Add(followed_->counters);
    const compile::EvalStats& s = evaluator_.stats();
    r.eval.items += s.items;
    r.eval.groups_evaluated += s.groups_evaluated;
    r.eval.terms_tested += s.terms_tested;
  }

  void OnFile(const walk::Entry& e) override {
    // A symlink the walker did not follow is judged as the link itself, never through it: only a
    // followed entry (target inside the scope) uses the following context.
    collect::FileContext& ctx = (e.followed && followed_) ? *followed_ : direct_;
    // Windows walkers give no folder handle: the item opens its file by the full path.
    std::string_view name = e.dir_fd == platform::kCurrentDir ? e.path : e.name;
    collect::FileEntry entry{e.dir_fd, std::string(name), std::string(PathInRoot(shared_.root, e.path)),
                             std::nullopt};
    if (const platform::FileStat* st = e.followed ? e.Stat() : e.CachedStat()) entry.stat = *st;
    collect::FileItem item(ctx, std::move(entry));
    hits_.clear();
    evaluator_.Evaluate(shared_.document, item, &hits_);
    if (!hits_.empty()) Keep(item, shared_.root.empty() ? std::string_view() : e.path);
    NoteProgress(e);
  }

 private:
  static collect::FileCollectOptions WithFollow(collect::FileCollectOptions options, bool follow) {
    options.follow_symlinks = follow;
    return options;
  }

  void Keep(collect::FileItem& item, std::string_view real_path) {
    for (const compile::GroupHit& hit : hits_) matches_.group_true[hit.group] = true;
    if (shared_.kept.fetch_add(1, std::memory_order_relaxed) >= limits::kMaxMatchedItems) {
      ++matches_.items_dropped;
      return;
    }
    MatchedItem m;
    m.card.document = "FileItem";
    m.card.fields = FileCardFields(item, real_path);
    m.hits = std::move(hits_);
    hits_ = {};
    matches_.items.push_back(std::move(m));
  }

  void NoteProgress(const walk::Entry& e) {
    if (!shared_.progress) return;
    std::size_t sep = e.path.rfind(kPathSeparator);
    std::string_view dir = sep == std::string_view::npos ? e.path : e.path.substr(0, sep == 0 ? 1 : sep);
    if (dir != last_dir_) {
      last_dir_.assign(dir);
      shared_.progress->SetDir(dir);
    }
    if (++unpublished_files_ >= kProgressBatch) Publish();
  }

  void Publish() {
    if (!shared_.progress) return;
    std::uint64_t bytes = direct_.counters.bytes_read + (followed_ ? followed_->counters.bytes_read : 0);
    shared_.progress->Add(unpublished_files_, bytes - published_bytes_);
    published_bytes_ = bytes;
    unpublished_files_ = 0;
  }

  SweepShared& shared_;
  collect::FileContext direct_;
  std::optional<collect::FileContext> followed_;
  compile::Evaluator evaluator_;
  std::vector<compile::GroupHit> hits_;
  CollectedMatches matches_;
  std::string last_dir_;
  std::uint64_t unpublished_files_ = 0;
  std::uint64_t published_bytes_ = 0;
};

// An absolute path or glob of the scanned system, as found on this host ("" root: unchanged).
std::string UnderRoot(const std::string& root, const std::string& path) {
  if (root.empty() || path.empty() || path.front() != '/') return path;
  return path == "/" ? root : root + path;
}

}  // namespace

std::string_view PathInRoot(std::string_view root, std::string_view path) {
  if (root.empty() || path.substr(0, root.size()) != root) return path;
  if (path.size() > root.size() && path[root.size()] != '/') return path;  // "/mnt/diskette" under "/mnt/disk"
  path.remove_prefix(root.size());
  return path.empty() ? std::string_view("/") : path;
}

walk::WalkOptions WalkOptionsFor(const ScanOptions& options) {
  walk::WalkOptions w;
  std::vector<std::string> excludes = options.excludes;
  std::vector<std::string> paths = options.paths;
  if (paths.empty()) {
    paths = walk::DefaultRoots();
    excludes.insert(excludes.end(), walk::kDefaultSystemExcludes.begin(), walk::kDefaultSystemExcludes.end());
  }
  for (const std::string& p : paths) w.roots.push_back(UnderRoot(options.root, p));
  for (const std::string& x : excludes) w.excludes.push_back(UnderRoot(options.root, x));
  w.one_file_system = options.one_file_system;
  w.follow_symlinks = options.follow_symlinks;
  w.network_mounts = options.network_mounts;
  w.threads = options.threads;
  return w;
}

FileSweepResult SweepFiles(const compile::CompiledSet& set, std::uint32_t document, const ScanOptions& options,
                           const std::atomic<bool>* stop, ProgressBoard* progress) {
  SweepShared shared{options.root, set, document, collect::FileSchema::Resolve(), platform::UserDb::Load(options.root),
                     {}, progress, {}, {}, {}};
  collect::ContentNeeds needs = shared.schema.NeedsOf(set.NeededFields(document));
  shared.collect_options.max_read_bytes = options.max_read_bytes;
  shared.collect_options.digests = needs.digests;
  shared.collect_options.pe_wanted = needs.pe;
  shared.collect_options.follow_symlinks = options.follow_symlinks;

  walk::WalkOptions walk_options = WalkOptionsFor(options);
  walk_options.stop = stop;
  walk::WalkStats stats = walk::Walk(walk_options, [&shared](int) { return std::make_unique<FileVisitor>(shared); });
  FileSweepResult result = std::move(shared.result);
  if (result.matches.group_true.empty()) result.matches.group_true.assign(set.group_count(), false);
  result.walk = std::move(stats);
  return result;
}

}  // namespace iocscan::scan
