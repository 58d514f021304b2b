// The accounts of /etc/passwd with their home folders, for the documents read from users' homes
// (shell history, browser history). Pure: parsed from the file's text.
//
//   ParseUserHomes("alice:x:1000:1000:Alice:/home/alice:/bin/bash\n") -> {{"alice", 1000, "/home/alice"}}
//
// Comments, NIS lines ('+'/'-'), malformed lines and homes that are not absolute are skipped; a
// home shared by several accounts is listed once, with its first account (its history is read once).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iocscan::collect {

struct UserHome {
  std::string user;
  std::int64_t uid = 0;
  std::string home;
};

std::vector<UserHome> ParseUserHomes(std::string_view passwd);

}  // namespace iocscan::collect
