#include "collect/history/history_collectors.h"

#include <limits>

#include "collect/history/browser_profiles.h"
#include "collect/history/shell_history.h"
#include "collect/history/user_homes.h"
#include "collect/record_item.h"
#include "platform/linux/sqlite_db.h"
#include "platform/posix/root_fs.h"

namespace iocscan::collect {
namespace {

using report::CardValue;

constexpr std::uint64_t kMaxPasswdBytes = 64ull << 20;
constexpr std::uint64_t kMaxHistoryBytes = 256ull << 20;  // HISTSIZE=-1 users reach tens of MiB
constexpr std::uint64_t kMaxDatabaseBytes = 512ull << 20;  // held in memory while it is read

void Fail(CollectorStats& stats, std::string_view document, const Error& e) {
  stats.warnings.push_back({e.source, std::string(document) + ": " + e.message});
  ++stats.errors;
}

// The accounts with a home; empty (with a warning) when passwd cannot be read.
std::optional<std::vector<UserHome>> Homes(const platform::RootFs& fs, std::string_view document,
                                           CollectorStats& stats) {
  Result<std::optional<std::string>> text = fs.ReadFile("/etc/passwd", kMaxPasswdBytes);
  if (!text.ok()) {
    Fail(stats, document, text.error());
    return std::nullopt;
  }
  if (!text.value()) return std::vector<UserHome>{};
  return ParseUserHomes(*text.value());
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
    Result<platform::RootFs> fs = platform::RootFs::Open(env.root);
    if (!fs.ok()) {
      Fail(stats, "ShellHistoryItem", fs.error());
      return stats;
    }
    std::optional<std::vector<UserHome>> homes = Homes(fs.value(), "ShellHistoryItem", stats);
    for (const UserHome& h : homes.value_or(std::vector<UserHome>{})) {
      for (const HistoryFile& f : kHistoryFiles) {
        if (env.Stopped()) return stats;
        std::string path = Join(h.home, f.rel);
        Result<std::optional<std::string>> text = fs->ReadFile(path, kMaxHistoryBytes);
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

// One row per URL: url, title, visit count, last visit, hidden, typed, first visit, visits in the
// window (?1..?2, in the browser's own time unit).
constexpr std::string_view kFirefoxSql =
    "SELECT p.url, p.title, p.visit_count, p.last_visit_date, p.hidden, p.typed,"
    " (SELECT MIN(v.visit_date) FROM moz_historyvisits v WHERE v.place_id = p.id),"
    " (SELECT COUNT(*) FROM moz_historyvisits v WHERE v.place_id = p.id AND v.visit_date BETWEEN ?1 AND ?2)"
    " FROM moz_places p WHERE p.last_visit_date IS NOT NULL";
constexpr std::string_view kChromiumSql =
    "SELECT u.url, u.title, u.visit_count, u.last_visit_time, u.hidden, u.typed_count,"
    " (SELECT MIN(v.visit_time) FROM visits v WHERE v.url = u.id),"
    " (SELECT COUNT(*) FROM visits v WHERE v.url = u.id AND v.visit_time BETWEEN ?1 AND ?2)"
    " FROM urls u WHERE u.last_visit_time > 0";

struct Profile {
  const BrowserLayout* browser;
  const UserHome* home;
  std::string name;
  std::string database;  // path on the scanned system
};

class UrlHistoryCollector final : public Collector {
 public:
  bool live_only() const override { return false; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override;

 private:
  static std::vector<Profile> FindProfiles(const platform::RootFs& fs, const std::vector<UserHome>& homes);
  static void ReadProfile(const CollectorEnv& env, const platform::RootFs& fs, const Profile& p,
                          CollectorStats& stats, const ItemVisitor& visit);
  static void Emit(const Profile& p, const platform::SqliteDb::Row& row, std::int64_t (*to_epoch)(std::int64_t),
                   const ItemVisitor& visit);
};

std::vector<Profile> UrlHistoryCollector::FindProfiles(const platform::RootFs& fs,
                                                       const std::vector<UserHome>& homes) {
  std::vector<Profile> out;
  for (const UserHome& h : homes) {
    for (const BrowserLayout& b : BrowserLayouts()) {
      std::string dir = Join(h.home, b.dir);
      if (b.single_profile) {
        std::string db = Join(dir, b.database);
        if (fs.Stat(db)) out.push_back({&b, &h, "Default", db});
        continue;
      }
      Result<std::vector<platform::RootFs::Entry>> entries = fs.List(dir);
      if (!entries.ok()) continue;  // an unreadable browser folder: nothing known to be there
      for (const platform::RootFs::Entry& e : entries.value()) {
        if (e.type != platform::RootFs::Type::kDir) continue;
        std::string db = Join(Join(dir, e.name), b.database);
        if (fs.Stat(db)) out.push_back({&b, &h, e.name, db});
      }
    }
  }
  return out;
}

void UrlHistoryCollector::Emit(const Profile& p, const platform::SqliteDb::Row& row,
                               std::int64_t (*to_epoch)(std::int64_t), const ItemVisitor& visit) {
  std::string url = row.Text(0).value_or("");
  RecordItem item;
  item.Add("UrlHistoryItem/URL", RecordItem::Text(url))
      .Add("UrlHistoryItem/HostName", RecordItem::Text(HostOfUrl(url)))
      .Add("UrlHistoryItem/BrowserName", RecordItem::Text(std::string(p.browser->name)))
      .Add("UrlHistoryItem/Profile", RecordItem::Text(p.name))
      .Add("UrlHistoryItem/Username", RecordItem::Text(p.home->user))
      .Add("UrlHistoryItem/Hidden", RecordItem::Bool(row.Int(4).value_or(0) != 0))
      .Add("UrlHistoryItem/Typed", RecordItem::Bool(row.Int(5).value_or(0) != 0));
  if (std::optional<std::string> title = row.Text(1)) item.Add("UrlHistoryItem/PageTitle", RecordItem::Text(*title));
  if (std::optional<std::int64_t> n = row.Int(2)) item.Add("UrlHistoryItem/VisitCount", RecordItem::Int(*n));
  std::optional<std::int64_t> last = row.Int(3);
  if (last) item.Add("UrlHistoryItem/LastVisitDate", RecordItem::Date(to_epoch(*last)));
  if (std::optional<std::int64_t> first = row.Int(6)) {
    item.Add("UrlHistoryItem/FirstVisitDate", RecordItem::Date(to_epoch(*first)));
  }
  item.Show("URL", CardValue::Text(url));
  if (last) item.Show("LastVisitDate", CardValue::Date(to_epoch(*last)));
  item.Show("BrowserName", CardValue::Text(p.browser->name))
      .Show("Profile", CardValue::Text(p.name))
      .Show("Username", CardValue::Text(p.home->user));
  visit(item);
}

void UrlHistoryCollector::ReadProfile(const CollectorEnv& env, const platform::RootFs& fs, const Profile& p,
                                      CollectorStats& stats, const ItemVisitor& visit) {
  Result<platform::SqliteDb> db = platform::SqliteDb::Load(fs, p.database, kMaxDatabaseBytes);
  if (!db.ok()) return Fail(stats, "UrlHistoryItem", db.error());
  bool firefox = p.browser->kind == BrowserKind::kFirefox;
  auto to_epoch = firefox ? FirefoxTimeToEpoch : ChromeTimeToEpoch;
  auto to_browser = [&](std::int64_t t) { return firefox ? t * 1000000 : EpochToChromeTime(t); };
  std::int64_t params[2] = {env.since ? to_browser(*env.since) : std::numeric_limits<std::int64_t>::min(),
                            env.until ? to_browser(*env.until) + 999999 : std::numeric_limits<std::int64_t>::max()};
  Status s = db->Query(firefox ? kFirefoxSql : kChromiumSql, params, [&](const platform::SqliteDb::Row& row) {
    std::optional<std::int64_t> last = row.Int(3);
    bool in_window = row.Int(7).value_or(0) > 0 || env.InWindow(last ? std::optional(to_epoch(*last)) : std::nullopt);
    if (in_window) {
      ++stats.items;
      Emit(p, row, to_epoch, visit);
    }
    return !env.Stopped();
  });
  if (!s.ok()) Fail(stats, "UrlHistoryItem", Error{fs.HostPath(p.database), s.error().message});
}

CollectorStats UrlHistoryCollector::Collect(const CollectorEnv& env, const ItemVisitor& visit) {
  CollectorStats stats;
  Result<platform::RootFs> fs = platform::RootFs::Open(env.root);
  if (!fs.ok()) {
    Fail(stats, "UrlHistoryItem", fs.error());
    return stats;
  }
  std::optional<std::vector<UserHome>> homes = Homes(fs.value(), "UrlHistoryItem", stats);
  if (!homes) return stats;
  for (const Profile& p : FindProfiles(fs.value(), *homes)) {
    if (env.Stopped()) break;
    ReadProfile(env, fs.value(), p, stats, visit);
  }
  return stats;
}

}  // namespace

std::unique_ptr<Collector> MakeShellHistoryCollector() { return std::make_unique<ShellHistoryCollector>(); }
std::unique_ptr<Collector> MakeUrlHistoryCollector() { return std::make_unique<UrlHistoryCollector>(); }

}  // namespace iocscan::collect
