// The local account databases of a Linux system as records: /etc/passwd, /etc/group and the one
// fact UserItem needs from /etc/shadow. Pure parsers (text in, records out), tested on literal
// text; collect/user/user_collectors.cc reads the files (live or under an offline root).
//
//   for (const PasswdEntry& u : ParsePasswdEntries(passwd_text)) { u.name; u.uid; u.shell; }
//   for (const GroupEntry& g : ParseGroupEntries(group_text)) { g.name; g.gid; g.members; }
//   std::unordered_set<std::string> locked = ParseShadowLocked(&shadow_text);   // text is wiped
//
// Every parser skips what getpwent(3) would not return as a local entry: blank lines, comments
// ('#'), NIS compat lines ('+'/'-'), lines with too few fields or a non-numeric id. A CR before
// the newline is tolerated. Duplicate names are kept (the collector reports what is on disk).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace iocscan::collect {

// name:password:uid:gid:gecos:home:shell (passwd(5)). The password field is never kept.
struct PasswdEntry {
  std::string name;
  std::uint32_t uid = 0;
  std::uint32_t gid = 0;
  std::string full_name;  // the GECOS field up to its first ',' (room, phones follow it)
  std::string home;
  std::string shell;      // "" when the field is empty (login(1) then runs /bin/sh)
};
std::vector<PasswdEntry> ParsePasswdEntries(std::string_view text);

// name:password:gid:member,member (group(5)).
struct GroupEntry {
  std::string name;
  std::uint32_t gid = 0;
  std::vector<std::string> members;  // the explicit member list, empty names dropped
};
std::vector<GroupEntry> ParseGroupEntries(std::string_view text);

// The names of the accounts whose /etc/shadow password field starts with '!' or '*': locked
// (passwd -l, usermod -L) or never given a password, so no password login is possible. That is
// iocscan's rule for UserItem/disabled (shells such as nologin are not looked at: an account with
// a password and a nologin shell can still authenticate to services like FTP or IMAP).
// Only that first character is looked at, and `*text` is overwritten with zeros before
// returning, so no password hash outlives the call.
std::unordered_set<std::string> ParseShadowLocked(std::string* text);

}  // namespace iocscan::collect
