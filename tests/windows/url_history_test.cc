// The Windows UrlHistoryItem collector on the real OS (Wine in CI): a Chrome profile and a Firefox
// profile the test creates in the current user's profile folder (found by the collector through
// the registry's ProfileList), the Firefox one in WAL mode with its writer still open, as a
// running browser keeps it. Both are removed afterwards.
#include <catch2/catch.hpp>

#include <windows.h>

#include <sqlite3.h>

#include <ctime>
#include <filesystem>
#include <string>

#include "collect/history/browser_profiles.h"
#include "windows/collector_support.h"

namespace iocscan::collect {
namespace {

namespace fs = std::filesystem;

fs::path UserProfileFolder() {
  wchar_t buffer[MAX_PATH];
  DWORD n = ::GetEnvironmentVariableW(L"USERPROFILE", buffer, MAX_PATH);
  REQUIRE((n > 0 && n < MAX_PATH));
  return fs::path(std::wstring(buffer, n));
}

// Creates `dir`, and on destruction removes it and the ancestors it had to create.
class PlantedFolder {
 public:
  explicit PlantedFolder(fs::path dir) : dir_(std::move(dir)) {
    for (fs::path p = dir_; !fs::exists(p); p = p.parent_path()) created_.push_back(p);
    fs::create_directories(dir_);
  }
  ~PlantedFolder() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
    for (const fs::path& p : created_) fs::remove(p, ignored);  // deepest first
  }
  const fs::path& path() const { return dir_; }

 private:
  fs::path dir_;
  std::vector<fs::path> created_;
};

sqlite3* OpenDatabase(const fs::path& file, const char* schema) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open16(file.c_str(), &db) == SQLITE_OK);  // UTF-16: the path may not be ASCII
  REQUIRE(sqlite3_exec(db, schema, nullptr, nullptr, nullptr) == SQLITE_OK);
  return db;
}

void Run(sqlite3* db, const std::string& sql) {
  INFO(sql);
  REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
}

std::vector<Fields> ItemsOfProfile(const std::string& profile, CollectorStats* stats) {
  return CollectWhere(
      "UrlHistoryItem", [&](const Fields& f) { return Text(f, "UrlHistoryItem/Profile") == profile; }, stats);
}

TEST_CASE("windows UrlHistoryItem: a Chrome profile and a live Firefox profile of the current user",
          "[windows][collect]") {
  const std::string profile = "iocscan-test-" + std::to_string(::GetCurrentProcessId());
  const std::int64_t visited = static_cast<std::int64_t>(std::time(nullptr)) - 3600;
  const fs::path home = UserProfileFolder();

  PlantedFolder chrome(home / "AppData" / "Local" / "Google" / "Chrome" / "User Data" / profile);
  sqlite3* chrome_db = OpenDatabase(chrome.path() / "History",
                                    "CREATE TABLE urls (id INTEGER PRIMARY KEY, url TEXT, title TEXT,"
                                    " visit_count INTEGER, typed_count INTEGER, last_visit_time INTEGER,"
                                    " hidden INTEGER);"
                                    "CREATE TABLE visits (id INTEGER PRIMARY KEY, url INTEGER, visit_time INTEGER);");
  const std::int64_t chrome_time = EpochToChromeTime(visited);
  Run(chrome_db, "INSERT INTO urls VALUES (1, 'https://paste.example.net:8443/raw/x1', 'raw paste', 2, 1, " +
                     std::to_string(chrome_time) + ", 0);"
                     "INSERT INTO visits VALUES (1, 1, " + std::to_string(chrome_time - 60000000) + ");"
                     "INSERT INTO visits VALUES (2, 1, " + std::to_string(chrome_time) + ");");
  sqlite3_close(chrome_db);

  PlantedFolder firefox(home / "AppData" / "Roaming" / "Mozilla" / "Firefox" / "Profiles" / profile);
  sqlite3* writer = OpenDatabase(firefox.path() / "places.sqlite",
                                 "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;"
                                 "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT, title TEXT,"
                                 " visit_count INTEGER, last_visit_date INTEGER, hidden INTEGER, typed INTEGER);"
                                 "CREATE TABLE moz_historyvisits (id INTEGER PRIMARY KEY, place_id INTEGER,"
                                 " visit_date INTEGER);"
                                 "PRAGMA wal_checkpoint(TRUNCATE);");
  // Only in places.sqlite-wal while the writer stays open.
  Run(writer, "INSERT INTO moz_places VALUES (1, 'http://c2.example.org/gate.php', NULL, 1, " +
                  std::to_string(visited * 1000000) + ", 0, 0);"
                  "INSERT INTO moz_historyvisits VALUES (1, 1, " + std::to_string(visited * 1000000) + ");");

  CollectorStats stats;
  std::vector<Fields> items = ItemsOfProfile(profile, &stats);
  sqlite3_close(writer);
  REQUIRE(items.size() == 2);
  CHECK(stats.errors == 0);
  const Fields& c = Text(items[0], "UrlHistoryItem/BrowserName") == "Chrome" ? items[0] : items[1];
  const Fields& f = Text(items[0], "UrlHistoryItem/BrowserName") == "Firefox" ? items[0] : items[1];
  CHECK(Text(c, "UrlHistoryItem/BrowserName") == "Chrome");
  CHECK(Text(c, "UrlHistoryItem/URL") == "https://paste.example.net:8443/raw/x1");
  CHECK(Text(c, "UrlHistoryItem/HostName") == "paste.example.net");
  CHECK(Text(c, "UrlHistoryItem/PageTitle") == "raw paste");
  CHECK(Int(c, "UrlHistoryItem/VisitCount") == 2);
  CHECK(Int(c, "UrlHistoryItem/LastVisitDate") == visited);
  CHECK(Int(c, "UrlHistoryItem/FirstVisitDate") == visited - 60);
  CHECK(Text(c, "UrlHistoryItem/Username") != "<absent>");
  CHECK(Text(f, "UrlHistoryItem/BrowserName") == "Firefox");
  CHECK(Text(f, "UrlHistoryItem/URL") == "http://c2.example.org/gate.php");
  CHECK(Text(f, "UrlHistoryItem/HostName") == "c2.example.org");
  CHECK_FALSE(Has(f, "UrlHistoryItem/PageTitle"));
  CHECK(Int(f, "UrlHistoryItem/LastVisitDate") == visited);
  CHECK(Text(f, "UrlHistoryItem/Username") == Text(c, "UrlHistoryItem/Username"));
}

TEST_CASE("windows UrlHistoryItem: a History file that is not a database is one warning", "[windows][collect]") {
  const std::string profile = "iocscan-test-bad-" + std::to_string(::GetCurrentProcessId());
  PlantedFolder edge(UserProfileFolder() / "AppData" / "Local" / "Microsoft" / "Edge" / "User Data" / profile);
  std::FILE* f = _wfopen((edge.path() / "History").c_str(), L"wb");
  REQUIRE(f);
  std::fputs("not a database at all, but long enough to be read as one: .........................................", f);
  std::fclose(f);
  CollectorStats stats;
  CHECK(ItemsOfProfile(profile, &stats).empty());
  bool named = false;
  for (const Warning& w : stats.warnings) {
    named |= w.source.find(profile) != std::string::npos && w.message == "UrlHistoryItem: not an SQLite database";
  }
  CHECK(named);
}

}  // namespace
}  // namespace iocscan::collect
