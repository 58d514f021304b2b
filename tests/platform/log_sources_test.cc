// The Linux log sources for real: rotated logs found in time order and read line by line (a gzip
// rotation of two members inflated, a cap honoured); SQLite snapshots read in memory with the
// committed frames of a live -wal applied and no file created; journalctl argv and a live read
// when journalctl works on this machine.
#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <zlib.h>

#include <filesystem>

#include "platform/linux/journal_reader.h"
#include "platform/linux/log_files.h"
#include "platform/linux/sqlite_db.h"
#include "platform/posix/root_fs.h"
#include "support/scratch_dir.h"

namespace iocscan::platform {
namespace {

using iocscan::testing::ScratchDir;

void Gzip(const std::string& path, const std::vector<std::string>& members) {
  std::string all;
  for (const std::string& m : members) {  // each member a complete gzip stream, concatenated
    gzFile gz = gzopen((path + ".part").c_str(), "wb");
    gzwrite(gz, m.data(), static_cast<unsigned>(m.size()));
    gzclose(gz);
    FILE* f = std::fopen((path + ".part").c_str(), "rb");
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) all.append(buf, n);
    std::fclose(f);
  }
  std::filesystem::remove(path + ".part");
  FILE* f = std::fopen(path.c_str(), "wb");
  std::fwrite(all.data(), 1, all.size(), f);
  std::fclose(f);
}

std::vector<std::string> Lines(const RootFs& fs, const LogFile& file, std::uint64_t max = 1 << 20,
                               bool* truncated = nullptr) {
  std::vector<std::string> lines;
  Result<LogReadStats> r = ReadLogLines(fs, file, max, [](std::int64_t) {},
                                        [&](std::string_view l) { lines.emplace_back(l); return true; });
  REQUIRE(r.ok());
  if (truncated) *truncated = r->truncated;
  return lines;
}

TEST_CASE("rotations are found oldest first and gzip ones are inflated", "[platform][logs]") {
  ScratchDir root;
  std::filesystem::create_directories(root.Join("var/log"));
  root.Write("var/log/auth.log", "now 1\nnow 2");  // no final newline: the last line still counts
  root.Write("var/log/auth.log.1", "yesterday\n");
  Gzip(root.Join("var/log/auth.log.2.gz"), {"old 1\n", "old 2\n"});
  root.Write("var/log/auth.log-20261101.gz", "");
  root.Write("var/log/auth.logger", "not a rotation\n");
  root.Write("var/log/auth.log.bak", "not a rotation\n");
  Result<RootFs> fs = RootFs::Open(root.path());
  REQUIRE(fs.ok());
  Result<std::vector<LogFile>> files = FindLogFiles(fs.value(), "/var/log", "auth.log");
  REQUIRE(files.ok());
  std::vector<std::string> paths;
  for (const LogFile& f : files.value()) paths.push_back(f.path);
  CHECK(paths == std::vector<std::string>{"/var/log/auth.log-20261101.gz", "/var/log/auth.log.2.gz",
                                          "/var/log/auth.log.1", "/var/log/auth.log"});
  CHECK(files.value()[1].gzip);
  CHECK(Lines(fs.value(), files.value()[1]) == std::vector<std::string>{"old 1", "old 2"});
  CHECK(Lines(fs.value(), files.value()[3]) == std::vector<std::string>{"now 1", "now 2"});
  bool truncated = false;
  // A line cut by the cap is not handed out (it would be misread).
  CHECK(Lines(fs.value(), files.value()[3], 8, &truncated) == std::vector<std::string>{"now 1"});
  CHECK(truncated);
  CHECK(FindLogFiles(fs.value(), "/nowhere", "auth.log").value().empty());
}

TEST_CASE("corrupt gzip data is an error after the good lines", "[platform][logs]") {
  ScratchDir root;
  Gzip(root.Join("x.gz"), {"good line\n"});
  {
    FILE* f = std::fopen(root.Join("x.gz").c_str(), "ab");
    std::fputs("garbage that is not gzip", f);
    std::fclose(f);
  }
  Result<RootFs> fs = RootFs::Open(root.path());
  std::vector<std::string> lines;
  Result<LogReadStats> r = ReadLogLines(fs.value(), {"/x.gz", true}, 1 << 20, [](std::int64_t) {},
                                        [&](std::string_view l) { lines.emplace_back(l); return true; });
  CHECK_FALSE(r.ok());
  CHECK(lines == std::vector<std::string>{"good line"});
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
          "[platform][sqlite]") {
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

  Result<RootFs> fs = RootFs::Open(root.path());
  Result<SqliteDb> db = SqliteDb::Load(fs.value(), "/places.sqlite", 64 << 20);
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

TEST_CASE("files that are not SQLite databases, too large, or missing are errors", "[platform][sqlite]") {
  ScratchDir root;
  root.Write("History", std::string(200, 'x'));
  Result<RootFs> fs = RootFs::Open(root.path());
  CHECK_FALSE(SqliteDb::Load(fs.value(), "/History", 1 << 20).ok());
  CHECK_FALSE(SqliteDb::Load(fs.value(), "/History", 100).ok());
  CHECK_FALSE(SqliteDb::Load(fs.value(), "/missing", 1 << 20).ok());
}

TEST_CASE("a torn or stale -wal is not applied", "[platform][sqlite]") {
  std::string image(4096, '\0');
  CHECK(ApplyWal(image, "") == 0);
  CHECK(ApplyWal(image, std::string(32, '\x37')) == 0);  // bad magic
  CHECK(image.size() == 4096);
}

TEST_CASE("journalctl gets argv only, with the window as @epoch bounds", "[platform][journal]") {
  JournalQuery q;
  q.since = 100;
  q.until = 200;
  q.matches = {"SYSLOG_IDENTIFIER=sudo"};
  CHECK(JournalArgs("/usr/bin/journalctl", q) ==
        std::vector<std::string>{"/usr/bin/journalctl", "-o", "json", "--no-pager", "-q", "--since=@100",
                                 "--until=@201", "SYSLOG_IDENTIFIER=sudo"});
}

TEST_CASE("the live journal is read line by line when journalctl works here", "[platform][journal][live]") {
  JournalQuery q;
  q.max_records = 5;
  std::vector<std::string> lines;
  Result<JournalReadStats> r = ReadJournal(q, nullptr, [&](std::string_view l) { lines.emplace_back(l); return true; });
  if (!r.ok() || !r->found) {
    WARN("journalctl missing or failing here: " << (r.ok() ? std::string("not found") : r.error().Text()) << "; skipped");
    return;
  }
  if (lines.empty()) {
    WARN("the journal is empty on this machine; skipped");
    return;
  }
  CHECK(lines.size() <= 5);
  CHECK(lines.front().front() == '{');
  CHECK(lines.front().find("__REALTIME_TIMESTAMP") != std::string::npos);
}

}  // namespace
}  // namespace iocscan::platform
