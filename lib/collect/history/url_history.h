// UrlHistoryItem from one browser profile's database, on any OS: the platform's collector finds
// the profiles (homes of /etc/passwd on POSIX, the ProfileList of the registry on Windows) and
// gives the reader of its files; this reads the database as an in-memory snapshot
// (collect/history/sqlite_db.h) and emits one item per URL whose last visit, or any recorded
// visit, is inside the scan's window.
//
//   BrowserProfile p{&layout, "alice", "Default", path, path};
//   ReadUrlHistory(env, p, read, stats, visit);
#pragma once

#include <string>

#include "collect/collector.h"
#include "collect/history/browser_profiles.h"
#include "collect/history/sqlite_db.h"

namespace iocscan::collect {

struct BrowserProfile {
  const BrowserLayout* browser;
  std::string user;        // UrlHistoryItem/Username: the account whose home or profile holds it
  std::string name;        // UrlHistoryItem/Profile: the profile folder ("Default", "x.default-release")
  std::string database;    // the path `read` opens
  std::string shown_path;  // the same file as the user knows it, for warnings
};

// Unreadable, oversized or foreign databases are a warning and an error count in `stats`.
void ReadUrlHistory(const CollectorEnv& env, const BrowserProfile& profile, const FileReader& read,
                    CollectorStats& stats, const ItemVisitor& visit);

}  // namespace iocscan::collect
