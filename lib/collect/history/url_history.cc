#include "collect/history/url_history.h"

#include <limits>

#include "collect/record_item.h"

namespace iocscan::collect {
namespace {

using report::CardValue;

constexpr std::uint64_t kMaxDatabaseBytes = 512ull << 20;  // held in memory while it is read

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

void Fail(CollectorStats& stats, const Error& e) {
  stats.warnings.push_back({e.source, "UrlHistoryItem: " + e.message});
  ++stats.errors;
}

void Emit(const BrowserProfile& p, const SqliteDb::Row& row, std::int64_t (*to_epoch)(std::int64_t),
          const ItemVisitor& visit) {
  std::string url = row.Text(0).value_or("");
  RecordItem item;
  item.Add("UrlHistoryItem/URL", RecordItem::Text(url))
      .Add("UrlHistoryItem/HostName", RecordItem::Text(HostOfUrl(url)))
      .Add("UrlHistoryItem/BrowserName", RecordItem::Text(std::string(p.browser->name)))
      .Add("UrlHistoryItem/Profile", RecordItem::Text(p.name))
      .Add("UrlHistoryItem/Username", RecordItem::Text(p.user))
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
      .Show("Username", CardValue::Text(p.user));
  visit(item);
}

}  // namespace

void ReadUrlHistory(const CollectorEnv& env, const BrowserProfile& p, const FileReader& read, CollectorStats& stats,
                    const ItemVisitor& visit) {
  Result<SqliteDb> db = SqliteDb::Load(read, p.database, p.shown_path, kMaxDatabaseBytes);
  if (!db.ok()) return Fail(stats, db.error());
  bool firefox = p.browser->kind == BrowserKind::kFirefox;
  auto to_epoch = firefox ? FirefoxTimeToEpoch : ChromeTimeToEpoch;
  auto to_browser = [&](std::int64_t t) { return firefox ? t * 1000000 : EpochToChromeTime(t); };
  std::int64_t params[2] = {env.since ? to_browser(*env.since) : std::numeric_limits<std::int64_t>::min(),
                            env.until ? to_browser(*env.until) + 999999 : std::numeric_limits<std::int64_t>::max()};
  Status s = db->Query(firefox ? kFirefoxSql : kChromiumSql, params, [&](const SqliteDb::Row& row) {
    std::optional<std::int64_t> last = row.Int(3);
    bool in_window = row.Int(7).value_or(0) > 0 || env.InWindow(last ? std::optional(to_epoch(*last)) : std::nullopt);
    if (in_window) {
      ++stats.items;
      Emit(p, row, to_epoch, visit);
    }
    return !env.Stopped();
  });
  if (!s.ok()) Fail(stats, Error{p.shown_path, s.error().message});
}

}  // namespace iocscan::collect
