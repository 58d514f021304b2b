#include "platform/windows/collect/url_history_collector.h"

#include <windows.h>

#include <string>
#include <vector>

#include "collect/history/url_history.h"
#include "platform/safe_open.h"
#include "platform/windows/sid_names.h"
#include "platform/windows/win_text.h"

namespace iocscan::collect {
namespace {

namespace win = platform::win;

constexpr wchar_t kProfileList[] = L"SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList";

struct UserProfile {
  std::string user;
  std::string folder;  // C:\Users\alice
};

std::string LastComponent(const std::string& path) { return path.substr(path.find_last_of('\\') + 1); }

// ProfileImagePath of one ProfileList subkey ("" when absent). RRF_RT_REG_SZ also takes a
// REG_EXPAND_SZ, expanded ("%SystemDrive%\Users\alice"); its size is only known once expanded,
// so the buffer holds the longest path Windows allows.
std::string ProfileFolder(HKEY list, const std::wstring& sid) {
  std::wstring path(32768, L'\0');
  DWORD bytes = static_cast<DWORD>(path.size() * sizeof(wchar_t));
  if (::RegGetValueW(list, sid.c_str(), L"ProfileImagePath", RRF_RT_REG_SZ, nullptr, path.data(), &bytes) !=
      ERROR_SUCCESS) {
    return "";
  }
  path.resize(wcsnlen(path.c_str(), bytes / sizeof(wchar_t)));
  while (!path.empty() && path.back() == L'\\') path.pop_back();
  return win::Utf8(path);
}

std::vector<UserProfile> UserProfiles(CollectorStats& stats) {
  std::vector<UserProfile> out;
  HKEY list = nullptr;
  LSTATUS rc = ::RegOpenKeyExW(HKEY_LOCAL_MACHINE, kProfileList, 0, KEY_READ, &list);
  if (rc != ERROR_SUCCESS) {
    ++stats.errors;
    stats.warnings.push_back({"HKEY_LOCAL_MACHINE\\" + win::Utf8(kProfileList),
                              "UrlHistoryItem: the user profiles cannot be listed (Win32 error " +
                                  std::to_string(rc) + ")"});
    return out;
  }
  wchar_t name[256];
  for (DWORD i = 0;; ++i) {
    DWORD length = 256;
    if (::RegEnumKeyExW(list, i, name, &length, nullptr, nullptr, nullptr, nullptr) != ERROR_SUCCESS) break;
    std::wstring sid(name, length);
    std::string folder = ProfileFolder(list, sid);
    if (folder.empty()) continue;
    std::string user = win::AccountNameOfSid(win::Utf8(sid));
    out.push_back({user.empty() ? LastComponent(folder) : user, folder});
  }
  ::RegCloseKey(list);
  return out;
}

// The sub-folders of `dir` that are not reparse points; empty when it cannot be listed.
std::vector<std::string> SubFolders(const std::string& dir) {
  std::vector<std::string> out;
  WIN32_FIND_DATAW entry;
  HANDLE h = ::FindFirstFileExW(win::ExtendedPath(dir + "\\*").c_str(), FindExInfoBasic, &entry,
                                FindExSearchNameMatch, nullptr, 0);
  if (h == INVALID_HANDLE_VALUE) return out;
  do {
    std::wstring_view name = entry.cFileName;
    if (name == L"." || name == L"..") continue;
    DWORD attributes = entry.dwFileAttributes;
    if ((attributes & FILE_ATTRIBUTE_DIRECTORY) && !(attributes & FILE_ATTRIBUTE_REPARSE_POINT)) {
      out.push_back(win::Utf8(name));
    }
  } while (::FindNextFileW(h, &entry));
  ::FindClose(h);
  return out;
}

bool IsFile(const std::string& path) {
  DWORD attributes = ::GetFileAttributesW(win::ExtendedPath(path).c_str());
  return attributes != INVALID_FILE_ATTRIBUTES && !(attributes & FILE_ATTRIBUTE_DIRECTORY);
}

std::vector<BrowserProfile> BrowserProfiles(const std::vector<UserProfile>& users) {
  std::vector<BrowserProfile> out;
  auto add = [&](const BrowserLayout& b, const UserProfile& u, std::string name, const std::string& db) {
    if (IsFile(db)) out.push_back({&b, u.user, std::move(name), db, db});
  };
  for (const UserProfile& u : users) {
    for (const BrowserLayout& b : WindowsBrowserLayouts()) {
      std::string dir = u.folder + "\\" + std::string(b.dir);
      if (b.single_profile) {
        add(b, u, "Default", dir + "\\" + std::string(b.database));
        continue;
      }
      for (const std::string& name : SubFolders(dir)) add(b, u, name, dir + "\\" + name + "\\" + std::string(b.database));
    }
  }
  return out;
}

// SafeOpen shares read, write and delete: a running browser keeps writing while it is read.
Result<std::optional<std::string>> ReadFileStart(const std::string& path, std::uint64_t limit) {
  platform::OpenResult opened = platform::SafeOpen(platform::kCurrentDir, path.c_str(), {});
  if (opened.failure == platform::OpenFailure::kVanished) return std::optional<std::string>();
  if (!opened.ok()) return Error{path, "cannot be read (" + std::string(platform::OpenFailureName(opened.failure)) + ")"};
  return std::optional<std::string>(opened.file.ReadUpTo(limit));
}

class WinUrlHistoryCollector final : public Collector {
 public:
  bool live_only() const override { return true; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override {
    CollectorStats stats;
    for (const BrowserProfile& p : BrowserProfiles(UserProfiles(stats))) {
      if (env.Stopped()) break;
      ReadUrlHistory(env, p, ReadFileStart, stats, visit);
    }
    return stats;
  }
};

}  // namespace

std::unique_ptr<Collector> MakeWinUrlHistoryCollector() { return std::make_unique<WinUrlHistoryCollector>(); }

}  // namespace iocscan::collect
