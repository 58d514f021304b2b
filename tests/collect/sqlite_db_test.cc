// SQLite snapshots for real: databases written by libsqlite3 with a live writer, read in memory
// with the committed frames of the -wal applied, read-only, and no file created next to them.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <filesystem>

#include "collect/history/sqlite_db.h"
#include "platform/posix/root_fs.h"
#include "support/scratch_dir.h"

namespace iocscan::collect {
namespace {

using iocscan::testing::ScratchDir;

FileReader ReaderOf(const platform::RootFs& fs) {
  return [&fs](const std::string& path, std::uint64_t limit) { return fs.ReadFile(path, limit); };
}

int Count(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  int n = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return n;
}

TEST_CASE("an SQLite snapshot includes the committed frames of a live -wal and creates no file",
          "[collect][sqlite]") {
  ScratchDir root;
  std::string path = root.Join("places.sqlite");
  sqlite3* writer = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &writer) == SQLITE_OK);
  REQUIRE(sqlite3_exec(writer,
                       "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;"
                       "CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('checkpointed');"
                       "PRAGMA wal_checkpoint(TRUNCATE);"
                       "INSERT INTO t VALUES ('in the wal 1'); INSERT INTO t VALUES ('in the wal 2');",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  // The writer stays open, as a running browser would: the last rows are only in places.sqlite-wal.
  REQUIRE(std::filesystem::file_size(path + "-wal") > 0);
  auto before = std::filesystem::directory_iterator(root.path());
  std::size_t files_before = std::distance(before, std::filesystem::directory_iterator());

  Result<platform::RootFs> fs = platform::RootFs::Open(root.path());
  Result<SqliteDb> db = SqliteDb::Load(ReaderOf(fs.value()), "/places.sqlite", path, 64 << 20);
  REQUIRE(db.ok());
  CHECK(db->wal_frames() > 0);
  std::vector<std::string> values;
  std::int64_t min_len = 3;
  Status s = db->Query("SELECT v FROM t WHERE length(v) > ?1 ORDER BY rowid", std::span(&min_len, 1),
                       [&](const SqliteDb::Row& row) { values.push_back(row.Text(0).value_or("")); return true; });
  REQUIRE(s.ok());
  CHECK(values == std::vector<std::string>{"checkpointed", "in the wal 1", "in the wal 2"});
  CHECK_FALSE(db->Query("SELECT * FROM missing", {}, [](const SqliteDb::Row&) { return true; }).ok());
  // Read-only: the snapshot refuses writes, and nothing new appeared next to the database.
  CHECK_FALSE(db->Query("INSERT INTO t VALUES ('x')", {}, [](const SqliteDb::Row&) { return true; }).ok());
  auto after = std::filesystem::directory_iterator(root.path());
  CHECK(static_cast<std::size_t>(std::distance(after, std::filesystem::directory_iterator())) == files_before);
  CHECK(Count(writer, "SELECT COUNT(*) FROM t") == 3);
  sqlite3_close(writer);
}

TEST_CASE("files that are not SQLite databases, too large, or missing are errors", "[collect][sqlite]") {
  ScratchDir root;
  root.Write("History", std::string(200, 'x'));
  root.Write("Big", std::string("SQLite format 3\0", 16) + std::string(200, 'x'));
  Result<platform::RootFs> fs = platform::RootFs::Open(root.path());
  FileReader read = ReaderOf(fs.value());
  Result<SqliteDb> foreign = SqliteDb::Load(read, "/History", "shown/History", 1 << 20);
  REQUIRE_FALSE(foreign.ok());
  CHECK(foreign.error().source == "shown/History");
  CHECK(foreign.error().message == "not an SQLite database");
  Result<SqliteDb> big = SqliteDb::Load(read, "/Big", "Big", 100);
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().message.starts_with("larger than"));
  Result<SqliteDb> missing = SqliteDb::Load(read, "/missing", "missing", 1 << 20);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "vanished");
}

TEST_CASE("a torn or stale -wal is not applied", "[collect][sqlite]") {
  std::string image(4096, '\0');
  CHECK(ApplyWal(image, "") == 0);
  CHECK(ApplyWal(image, std::string(32, '\x37')) == 0);  // bad magic
  CHECK(image.size() == 4096);
}

}  // namespace
}  // namespace iocscan::collect
