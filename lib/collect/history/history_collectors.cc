#include "collect/history/history_collectors.h"

#include "collect/history/browser_profiles.h"
#include "collect/history/shell_history.h"
#include "collect/history/url_history.h"
#include "collect/history/user_homes.h"
#include "collect/record_item.h"
#include "platform/posix/root_fs.h"

namespace iocscan::collect {
namespace {

using report::CardValue;

constexpr std::uint64_t kMaxPasswdBytes = 64ull << 20;
constexpr std::uint64_t kMaxHistoryBytes = 256ull << 20;  // HISTSIZE=-1 users reach tens of MiB

void Fail(CollectorStats& stats, std::string_view document, const Error& e) {
  stats.warnings.push_back({e.source, std::string(document) + ": " + e.message});
  ++stats.errors;
}

struct UserHomes {
  platform::RootFs fs;
  std::vector<UserHome> homes;  // the accounts with a home
};

// The scanned root and its accounts; nullopt (with a warning) when the root or its passwd cannot
// be read.
std::optional<UserHomes> OpenHomes(const CollectorEnv& env, std::string_view document, CollectorStats& stats) {
  Result<platform::RootFs> fs = platform::RootFs::Open(env.root);
  if (!fs.ok()) {
    Fail(stats, document, fs.error());
    return std::nullopt;
  }
  Result<std::optional<std::string>> text = fs->ReadFile("/etc/passwd", kMaxPasswdBytes);
  if (!text.ok()) {
    Fail(stats, document, text.error());
    return std::nullopt;
  }
  std::vector<UserHome> homes = text.value() ? ParseUserHomes(*text.value()) : std::vector<UserHome>{};
  return UserHomes{std::move(fs.value()), std::move(homes)};
}

std::string Join(std::string_view home, std::string_view rel) {
  std::string p(home);
  if (!p.ends_with('/')) p += '/';
  return p + std::string(rel);
}

// ---- ShellHistoryItem ----

struct HistoryFile {
  std::string_view shell;
  std::string_view rel;
  std::vector<ShellHistoryEntry> (*parse)(std::string_view);
};

constexpr HistoryFile kHistoryFiles[] = {
    {"bash", ".bash_history", ParseBashHistory},
    {"zsh", ".zsh_history", ParseZshHistory},
    {"fish", ".local/share/fish/fish_history", ParseFishHistory},
};

class ShellHistoryCollector final : public Collector {
 public:
  bool live_only() const override { return false; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override {
    CollectorStats stats;
    std::optional<UserHomes> root = OpenHomes(env, "ShellHistoryItem", stats);
    if (!root) return stats;
    const platform::RootFs& fs = root->fs;
    for (const UserHome& h : root->homes) {
      for (const HistoryFile& f : kHistoryFiles) {
        if (env.Stopped()) return stats;
        std::string path = Join(h.home, f.rel);
        Result<std::optional<std::string>> text = fs.ReadFile(path, kMaxHistoryBytes);
        if (!text.ok()) {
          Fail(stats, "ShellHistoryItem", text.error());
          continue;
        }
        if (!text.value()) continue;  // this user has no history of that shell
        for (const ShellHistoryEntry& e : f.parse(*text.value())) {
          if (!env.InWindow(e.time)) continue;
          ++stats.items;
          Emit(h, f.shell, path, e, visit);
        }
      }
    }
    return stats;
  }

 private:
  static void Emit(const UserHome& h, std::string_view shell, const std::string& path, const ShellHistoryEntry& e,
                   const ItemVisitor& visit) {
    RecordItem item;
    item.Add("ShellHistoryItem/Command", RecordItem::Text(e.command))
        .Add("ShellHistoryItem/FileOrder", RecordItem::Int(e.order))
        .Add("ShellHistoryItem/Shell", RecordItem::Text(std::string(shell)))
        .Add("ShellHistoryItem/UserName", RecordItem::Text(h.user))
        .Add("ShellHistoryItem/HistoryFile", RecordItem::Text(path));
    if (e.time) item.Add("ShellHistoryItem/Timestamp", RecordItem::Date(*e.time));
    item.Show("UserName", CardValue::Text(h.user)).Show("Shell", CardValue::Text(shell));
    if (e.time) item.Show("Timestamp", CardValue::Date(*e.time));  // absent: the entry is undated
    item.Show("Command", CardValue::Text(e.command))
        .Show("HistoryFile", CardValue::Text(path))
        .Show("FileOrder", CardValue::Int(e.order));
    visit(item);
  }
};

// ---- UrlHistoryItem ----

std::vector<BrowserProfile> FindProfiles(const platform::RootFs& fs, const std::vector<UserHome>& homes) {
  std::vector<BrowserProfile> out;
  auto add = [&](const BrowserLayout& b, const UserHome& h, std::string name, std::string db) {
    std::string shown = fs.HostPath(db);
    out.push_back({&b, h.user, std::move(name), std::move(db), std::move(shown)});
  };
  for (const UserHome& h : homes) {
    for (const BrowserLayout& b : BrowserLayouts()) {
      std::string dir = Join(h.home, b.dir);
      if (b.single_profile) {
        std::string db = Join(dir, b.database);
        if (fs.Stat(db)) add(b, h, "Default", db);
        continue;
      }
      Result<std::vector<platform::RootFs::Entry>> entries = fs.List(dir);
      if (!entries.ok()) continue;  // an unreadable browser folder: nothing known to be there
      for (const platform::RootFs::Entry& e : entries.value()) {
        if (e.type != platform::RootFs::Type::kDir) continue;
        std::string db = Join(Join(dir, e.name), b.database);
        if (fs.Stat(db)) add(b, h, e.name, db);
      }
    }
  }
  return out;
}

class UrlHistoryCollector final : public Collector {
 public:
  bool live_only() const override { return false; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override {
    CollectorStats stats;
    std::optional<UserHomes> root = OpenHomes(env, "UrlHistoryItem", stats);
    if (!root) return stats;
    FileReader read = [&](const std::string& path, std::uint64_t limit) { return root->fs.ReadFile(path, limit); };
    for (const BrowserProfile& p : FindProfiles(root->fs, root->homes)) {
      if (env.Stopped()) break;
      ReadUrlHistory(env, p, read, stats, visit);
    }
    return stats;
  }
};

}  // namespace

std::unique_ptr<Collector> MakeShellHistoryCollector() { return std::make_unique<ShellHistoryCollector>(); }
std::unique_ptr<Collector> MakeUrlHistoryCollector() { return std::make_unique<UrlHistoryCollector>(); }

}  // namespace iocscan::collect
