// Owner names for FileItem/Username, Group: uid -> name and gid -> name, read from
// <root>/etc/passwd and <root>/etc/group directly. Never getpwuid/getgrgid: a static binary cannot
// load glibc's NSS modules, and an offline scan (--root /mnt/image) must name owners from the
// image's own files, not the host's. Loaded once per scan and shared read-only by every worker.
//
//   UserDb db = UserDb::Load("");        // /etc/passwd, /etc/group
//   db.UserName(0)   -> "root"
//   db.UserName(4242)-> "4242"           (unknown ids are written as numbers)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace iocscan::platform {

using IdNames = std::unordered_map<std::uint32_t, std::string>;

// Pure parsers of the colon-separated formats (name:password:id:...). Blank lines, comments
// ('#'), NIS entries ('+'/'-') and malformed lines are skipped; the first entry of an id wins, as
// getpwuid returns it. Both files have the id in the third field.
IdNames ParsePasswd(std::string_view text);
IdNames ParseGroup(std::string_view text);

class UserDb {
 public:
  UserDb() = default;
  UserDb(IdNames users, IdNames groups) : users_(std::move(users)), groups_(std::move(groups)) {}

  // Reads <root>/etc/passwd and <root>/etc/group ("" = the running system). A missing or
  // unreadable file leaves that table empty (names fall back to numbers). Each file is capped at
  // 64 MiB.
  static UserDb Load(std::string_view root);

  std::string UserName(std::uint32_t uid) const;
  std::string GroupName(std::uint32_t gid) const;
  std::size_t user_count() const { return users_.size(); }
  std::size_t group_count() const { return groups_.size(); }

 private:
  IdNames users_;
  IdNames groups_;
};

}  // namespace iocscan::platform
