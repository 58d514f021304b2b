#include "collect/user/user_collectors.h"

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "collect/logs/utmp.h"
#include "collect/record_item.h"
#include "collect/user/accounts.h"
#include "collect/user/lastlog.h"
#include "platform/posix/root_fs.h"

namespace iocscan::collect {
namespace {

using report::CardValue;

constexpr std::uint64_t kMaxDatabaseBytes = 64u << 20;  // as platform::UserDb
constexpr std::uint64_t kMaxWtmpBytes = 256u << 20;     // as LoginHistoryItem's reader

// Reads a file of the scanned system (an account database, wtmp). nullopt when it is missing (a
// note when `required`) or unreadable (a warning and an error count).
std::optional<std::string> ReadDatabase(const platform::RootFs& fs, std::string_view path, std::string_view document,
                                        bool required, CollectorStats* stats,
                                        std::uint64_t max_bytes = kMaxDatabaseBytes) {
  Result<std::optional<std::string>> text = fs.ReadFile(path, max_bytes);
  if (!text.ok()) {
    stats->warnings.push_back({text.error().source, std::string(document) + ": " + text.error().message});
    ++stats->errors;
    return std::nullopt;
  }
  if (!text.value() && required) {
    stats->warnings.push_back({fs.HostPath(path), std::string(document) + ": does not exist"});
  }
  return std::move(text).value();
}

// Opens the scanned system's RootFs; an error is the collector's one warning.
std::optional<platform::RootFs> OpenRoot(const CollectorEnv& env, std::string_view document, CollectorStats* stats) {
  Result<platform::RootFs> fs = platform::RootFs::Open(env.root);
  if (fs.ok()) return std::move(fs).value();
  stats->warnings.push_back({fs.error().source, std::string(document) + ": " + fs.error().message});
  ++stats->errors;
  return std::nullopt;
}

// The last logins the system recorded: the lastlog record of each uid (read by offset, when a
// term asks) and the latest login of each account name in /var/log/wtmp (read once: systems
// with lastlog2 keep no lastlog, and lastlog misses logins that bypass pam_lastlog). Shared by the
// lazy LastLogin fields of every user.
class LastLogins {
 public:
  LastLogins(std::optional<platform::OpenedFile> lastlog, std::unordered_map<std::string, std::int64_t> wtmp)
      : lastlog_(std::move(lastlog)), wtmp_(std::move(wtmp)) {}

  // The later of the two; empty when neither knows a login.
  compile::FieldValue Of(std::uint32_t uid, const std::string& name) {
    std::optional<std::int64_t> latest = FromLastlog(uid);
    if (auto it = wtmp_.find(name); it != wtmp_.end() && (!latest || it->second > *latest)) latest = it->second;
    if (!latest) return {};
    return {RecordItem::Date(*latest)};
  }

 private:
  std::optional<std::int64_t> FromLastlog(std::uint32_t uid) {
    if (!lastlog_) return std::nullopt;
    char record[kLastlogRecordSize];
    std::int64_t n = lastlog_->ReadAt(LastlogOffset(uid), record, sizeof record);
    if (n <= 0) return std::nullopt;
    std::optional<LastlogRecord> r = ParseLastlogRecord(std::string_view(record, static_cast<std::size_t>(n)));
    return r ? std::optional<std::int64_t>(r->time) : std::nullopt;
  }

  std::optional<platform::OpenedFile> lastlog_;
  std::unordered_map<std::string, std::int64_t> wtmp_;  // account name -> latest login
};

std::optional<platform::OpenedFile> OpenLastlog(const platform::RootFs& fs, CollectorStats* stats) {
  platform::OpenResult opened = fs.OpenFile("/var/log/lastlog");
  if (opened.failure == platform::OpenFailure::kVanished) return std::nullopt;  // not kept on this system
  if (!opened.ok()) {
    stats->warnings.push_back({fs.HostPath("/var/log/lastlog"), "UserItem: LastLogin not read: " +
                                                                    std::string(platform::OpenFailureName(opened.failure))});
    ++stats->errors;
    return std::nullopt;
  }
  return std::move(opened.file);
}

std::unordered_map<std::string, std::int64_t> LatestWtmpLogins(const platform::RootFs& fs, CollectorStats* stats) {
  std::unordered_map<std::string, std::int64_t> latest;
  std::optional<std::string> bytes = ReadDatabase(fs, "/var/log/wtmp", "UserItem", false, stats, kMaxWtmpBytes);
  if (!bytes) return latest;
  for (const UtmpRecord& r : ParseUtmp(*bytes)) {
    if (r.type != kUtUserProcess || r.user.empty()) continue;
    auto [it, added] = latest.try_emplace(r.user, r.time);
    if (!added && r.time > it->second) it->second = r.time;
  }
  return latest;
}

// user name -> the groups listing it, and gid -> group name.
struct GroupIndex {
  std::unordered_map<std::uint32_t, std::string> names;
  std::unordered_map<std::string, std::vector<std::string>> of_member;

  explicit GroupIndex(const std::vector<GroupEntry>& groups) {
    for (const GroupEntry& g : groups) {
      names.try_emplace(g.gid, g.name);
      for (const std::string& m : g.members) of_member[m].push_back(g.name);
    }
  }
  std::vector<std::string> GroupsOf(const PasswdEntry& u) const {
    auto primary = names.find(u.gid);
    std::vector<std::string> out{primary != names.end() ? primary->second : std::to_string(u.gid)};
    if (auto it = of_member.find(u.name); it != of_member.end()) {
      for (const std::string& g : it->second) {
        if (g != out[0]) out.push_back(g);
      }
    }
    return out;
  }
};

class UserCollector final : public Collector {
 public:
  bool live_only() const override { return false; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override;
};

CollectorStats UserCollector::Collect(const CollectorEnv& env, const ItemVisitor& visit) {
  CollectorStats stats;
  std::optional<platform::RootFs> fs = OpenRoot(env, "UserItem", &stats);
  if (!fs) return stats;
  std::optional<std::string> passwd = ReadDatabase(*fs, "/etc/passwd", "UserItem", true, &stats);
  if (!passwd) return stats;
  std::optional<GroupIndex> groups;
  if (env.Needs("UserItem/grouplist/groupname")) {
    std::optional<std::string> text = ReadDatabase(*fs, "/etc/group", "UserItem", false, &stats);
    if (text) groups.emplace(ParseGroupEntries(*text));
  }
  std::optional<std::unordered_set<std::string>> locked;
  if (env.Needs("UserItem/disabled")) {
    std::optional<std::string> text = ReadDatabase(*fs, "/etc/shadow", "UserItem", false, &stats);
    if (text) locked = ParseShadowLocked(&*text);
  }
  std::shared_ptr<LastLogins> logins;
  if (env.Needs("UserItem/LastLogin")) {
    logins = std::make_shared<LastLogins>(OpenLastlog(*fs, &stats), LatestWtmpLogins(*fs, &stats));
  }

  for (const PasswdEntry& u : ParsePasswdEntries(*passwd)) {
    if (env.Stopped()) break;
    RecordItem item;
    item.Add("UserItem/Username", RecordItem::Text(u.name))
        .Add("UserItem/userid", RecordItem::Int(u.uid))
        .Add("UserItem/homedirectory", RecordItem::Text(u.home));
    // Empty GECOS and shell fields are absent, not "" (a negated term must not match them).
    if (!u.full_name.empty()) item.Add("UserItem/fullname", RecordItem::Text(u.full_name));
    if (!u.shell.empty()) item.Add("UserItem/shell", RecordItem::Text(u.shell));
    if (groups) {
      for (const std::string& g : groups->GroupsOf(u)) item.Add("UserItem/grouplist/groupname", RecordItem::Text(g));
    }
    if (locked) item.Add("UserItem/disabled", RecordItem::Bool(locked->count(u.name) != 0));
    if (logins) item.Lazy("UserItem/LastLogin", [logins, uid = u.uid, name = u.name] { return logins->Of(uid, name); });
    item.Show("Username", CardValue::Text(u.name)).Show("userid", CardValue::Int(u.uid));
    if (!u.full_name.empty()) item.Show("fullname", CardValue::Text(u.full_name));
    item.Show("homedirectory", CardValue::Text(u.home)).Show("shell", CardValue::Text(u.shell));
    ++stats.items;
    visit(item);
  }
  return stats;
}

class GroupCollector final : public Collector {
 public:
  bool live_only() const override { return false; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override;
};

CollectorStats GroupCollector::Collect(const CollectorEnv& env, const ItemVisitor& visit) {
  CollectorStats stats;
  std::optional<platform::RootFs> fs = OpenRoot(env, "GroupItem", &stats);
  if (!fs) return stats;
  std::optional<std::string> group = ReadDatabase(*fs, "/etc/group", "GroupItem", true, &stats);
  if (!group) return stats;
  std::unordered_map<std::uint32_t, std::vector<std::string>> primary;  // gid -> accounts
  if (std::optional<std::string> passwd = ReadDatabase(*fs, "/etc/passwd", "GroupItem", false, &stats)) {
    for (const PasswdEntry& u : ParsePasswdEntries(*passwd)) primary[u.gid].push_back(u.name);
  }
  for (const GroupEntry& g : ParseGroupEntries(*group)) {
    if (env.Stopped()) break;
    std::vector<std::string> members = g.members;
    if (auto it = primary.find(g.gid); it != primary.end()) {
      for (const std::string& name : it->second) {
        if (std::find(members.begin(), members.end(), name) == members.end()) members.push_back(name);
      }
    }
    RecordItem item;
    item.Add("GroupItem/GroupName", RecordItem::Text(g.name)).Add("GroupItem/gid", RecordItem::Int(g.gid));
    std::vector<CardValue> shown;
    for (const std::string& m : members) {
      item.Add("GroupItem/userlist/username", RecordItem::Text(m));
      shown.push_back(CardValue::Text(m));
    }
    item.Show("GroupName", CardValue::Text(g.name)).Show("gid", CardValue::Int(g.gid));
    if (!shown.empty()) item.Show("userlist", std::move(shown));
    ++stats.items;
    visit(item);
  }
  return stats;
}

}  // namespace

std::unique_ptr<Collector> MakeUserCollector() { return std::make_unique<UserCollector>(); }
std::unique_ptr<Collector> MakeGroupCollector() { return std::make_unique<GroupCollector>(); }

}  // namespace iocscan::collect
