#include "collect/history/sqlite_db.h"

#include <sqlite3.h>

#include <cstring>
#include <map>

namespace iocscan::collect {
namespace {

std::uint32_t Be32(std::string_view b, std::size_t off) {
  const auto* p = reinterpret_cast<const unsigned char*>(b.data() + off);
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

// SQLite's WAL checksum over `data` (a multiple of 8 bytes), continuing from s[0], s[1].
void WalChecksum(std::string_view data, bool big_endian, std::uint32_t s[2]) {
  for (std::size_t i = 0; i + 8 <= data.size(); i += 8) {
    std::uint32_t x0, x1;
    if (big_endian) {
      x0 = Be32(data, i);
      x1 = Be32(data, i + 4);
    } else {
      std::memcpy(&x0, data.data() + i, 4);
      std::memcpy(&x1, data.data() + i + 4, 4);
    }
    s[0] += x0 + s[1];
    s[1] += x1 + s[0];
  }
}

}  // namespace

std::uint64_t ApplyWal(std::string& image, std::string_view wal) {
  if (wal.size() < 32) return 0;
  std::uint32_t magic = Be32(wal, 0);
  if (magic != 0x377f0682 && magic != 0x377f0683) return 0;
  bool big_endian = (magic & 1) != 0;
  std::uint32_t page_size = Be32(wal, 8);
  if (page_size == 1) page_size = 65536;
  if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0) return 0;
  std::uint32_t salt1 = Be32(wal, 16), salt2 = Be32(wal, 20);
  std::uint32_t sum[2] = {0, 0};
  WalChecksum(wal.substr(0, 24), big_endian, sum);
  if (sum[0] != Be32(wal, 24) || sum[1] != Be32(wal, 28)) return 0;
  std::map<std::uint32_t, std::size_t> pending, committed;  // page -> offset of its latest frame
  std::uint32_t db_pages = 0;
  std::uint64_t frames = 0, committed_frames = 0;
  const std::size_t frame_size = 24 + std::size_t{page_size};
  for (std::size_t off = 32; off + frame_size <= wal.size(); off += frame_size) {
    if (Be32(wal, off + 8) != salt1 || Be32(wal, off + 12) != salt2) break;  // a stale frame
    WalChecksum(wal.substr(off, 8), big_endian, sum);
    WalChecksum(wal.substr(off + 24, page_size), big_endian, sum);
    if (sum[0] != Be32(wal, off + 16) || sum[1] != Be32(wal, off + 20)) break;  // torn write
    pending[Be32(wal, off)] = off + 24;
    ++frames;
    if (std::uint32_t commit_size = Be32(wal, off + 4); commit_size != 0) {
      for (auto& [page, at] : pending) committed[page] = at;
      pending.clear();
      db_pages = commit_size;
      committed_frames = frames;
    }
  }
  if (committed_frames == 0) return 0;
  image.resize(std::size_t{db_pages} * page_size, '\0');
  for (auto& [page, at] : committed) {
    if (page == 0 || page > db_pages) continue;
    std::memcpy(image.data() + std::size_t{page - 1} * page_size, wal.data() + at, page_size);
  }
  return committed_frames;
}

void SqliteDb::Closer::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

Result<SqliteDb> SqliteDb::Load(const FileReader& read, const std::string& path, const std::string& where,
                                std::uint64_t max_bytes) {
  // One byte more tells "too large" from "exactly max".
  Result<std::optional<std::string>> main = read(path, max_bytes + 1);
  if (!main.ok()) return main.error();
  if (!main.value()) return Error{where, "vanished"};
  std::string image = std::move(*main.value());
  if (image.size() > max_bytes) return Error{where, "larger than " + std::to_string(max_bytes >> 20) + " MiB: not read"};
  if (image.size() < 100 || image.compare(0, 16, std::string_view("SQLite format 3\0", 16)) != 0) {
    return Error{where, "not an SQLite database"};
  }
  SqliteDb out;
  Result<std::optional<std::string>> wal = read(path + "-wal", max_bytes + 1);
  if (wal.ok() && wal.value() && wal.value()->size() <= max_bytes) out.wal_frames_ = ApplyWal(image, *wal.value());
  // A WAL-mode header (file format 2) would make SQLite look for a -wal next to a file that does
  // not exist: mark the private copy as a rollback-journal database.
  image[18] = 1;
  image[19] = 1;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close_v2(db);
    return Error{where, "sqlite cannot open an in-memory database"};
  }
  out.db_.reset(db);
  // Schema objects of a hostile database must not run anything unexpected.
  sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  auto* buffer = static_cast<unsigned char*>(sqlite3_malloc64(image.size()));
  if (!buffer) return Error{where, "out of memory"};
  std::memcpy(buffer, image.data(), image.size());
  int rc = sqlite3_deserialize(db, "main", buffer, static_cast<sqlite3_int64>(image.size()),
                               static_cast<sqlite3_int64>(image.size()),
                               SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY);
  if (rc != SQLITE_OK) return Error{where, std::string("sqlite: ") + sqlite3_errstr(rc)};
  return out;
}

Status SqliteDb::Query(std::string_view sql, std::span<const std::int64_t> params,
                       const std::function<bool(const Row&)>& on_row) const {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return Error{"", std::string("sqlite: ") + sqlite3_errmsg(db_.get())};
  }
  for (std::size_t i = 0; i < params.size(); ++i) sqlite3_bind_int64(stmt, static_cast<int>(i) + 1, params[i]);
  Row row(stmt);
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    if (!on_row(row)) {
      rc = SQLITE_DONE;
      break;
    }
  }
  std::string message = rc == SQLITE_DONE ? "" : sqlite3_errmsg(db_.get());
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) return Error{"", "sqlite: " + message};
  return Ok{};
}

std::optional<std::int64_t> SqliteDb::Row::Int(int column) const {
  if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
  return sqlite3_column_int64(stmt_, column);
}

std::optional<std::string> SqliteDb::Row::Text(int column) const {
  if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  int size = sqlite3_column_bytes(stmt_, column);
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

}  // namespace iocscan::collect

#if defined(IOCSCAN_SQLITE_NO_DLOPEN)
// The static build links a copy of libsqlite3.a whose dlopen/dlsym/dlclose/dlerror references are
// renamed to these (cmake/Dependencies.cmake): a reference to glibc's dlopen makes a static binary
// depend on shared libraries at run time, and iocscan never loads SQLite extensions anyway.
extern "C" {
void* iocscan_static_dlopen(const char*, int) { return nullptr; }
void* iocscan_static_dlsym(void*, const char*) { return nullptr; }
int iocscan_static_dlclose(void*) { return 0; }
char* iocscan_static_dlerror() {
  static char message[] = "extensions cannot be loaded by the static iocscan";
  return message;
}
}
#endif
