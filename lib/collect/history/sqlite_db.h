// An SQLite database of the scanned system (a browser's history), opened as a private in-memory
// snapshot: the file and its committed -wal frames are read by the caller's reader (RootFs on
// POSIX, SafeOpen on Windows), and libsqlite3 opens the bytes with sqlite3_deserialize, read-only.
//
// Why not sqlite3_open_v2("file:<path>?immutable=1", SQLITE_OPEN_READONLY|SQLITE_OPEN_URI): it
// would take no lock and create no -wal/-journal either, but SQLite resolves the path itself, so a
// symlink in an offline image could lead it out of the root; and with immutable=1 a live -wal is
// never read, so a running Firefox's recent visits (places.sqlite is in WAL mode) would be missed.
// Copying db + wal to a private temp folder would fix both but writes to the host. Here nothing is
// written anywhere, no lock is taken, the browser never notices, and the -wal's committed frames
// (salts and checksums checked, as SQLite's recovery does) are applied to the in-memory copy.
// The cost is memory: databases over `max_bytes` are refused with an error.
//
//   Result<SqliteDb> db = SqliteDb::Load(read, "/home/alice/.mozilla/firefox/x.default/places.sqlite",
//                                        shown_path, 256 << 20);
//   Status s = db->Query("SELECT url, visit_count FROM moz_places WHERE last_visit_date >= ?1",
//                        {{since_us}}, [&](const SqliteDb::Row& row) { row.Text(0); row.Int(1); return true; });
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace iocscan::collect {

// Reads the first `limit` bytes of a file of the scanned system (all of a smaller one); nullopt
// when it does not exist. Errors name the file.
using FileReader = std::function<Result<std::optional<std::string>>(const std::string& path, std::uint64_t limit)>;

class SqliteDb {
 public:
  class Row {
   public:
    explicit Row(sqlite3_stmt* stmt) : stmt_(stmt) {}
    std::optional<std::int64_t> Int(int column) const;     // nullopt for NULL
    std::optional<std::string> Text(int column) const;     // nullopt for NULL
   private:
    sqlite3_stmt* stmt_;
  };

  // Reads `path` and `path`-wal with `read`. Error (naming `shown_path`, the path as the user
  // knows it): the file cannot be read, is larger than max_bytes, or is not an SQLite database.
  static Result<SqliteDb> Load(const FileReader& read, const std::string& path, const std::string& shown_path,
                               std::uint64_t max_bytes);

  // Runs `sql` with ?1, ?2... bound to `params`; on_row returns false to stop. Error: the SQL
  // failed (a table missing in an old or foreign database).
  Status Query(std::string_view sql, std::span<const std::int64_t> params,
               const std::function<bool(const Row&)>& on_row) const;

  // Frames of the -wal applied (0 when there was none or none committed).
  std::uint64_t wal_frames() const { return wal_frames_; }

 private:
  struct Closer {
    void operator()(sqlite3* db) const;
  };
  std::unique_ptr<sqlite3, Closer> db_;
  std::uint64_t wal_frames_ = 0;
};

// Applies the committed frames of a -wal file to a database image (pure, for the tests). Returns
// the number of frames applied; the image grows or shrinks to the last commit's size.
std::uint64_t ApplyWal(std::string& image, std::string_view wal);

}  // namespace iocscan::collect
