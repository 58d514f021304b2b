// The accounts of /etc/passwd with their home folders, for the per-user systemd units
// (~/.config/systemd/user). Pure; read from the scanned system's own file, never through NSS.
//
//   for (const Account& a : ParseAccounts(passwd_text)) { a.name; a.uid; a.home; }
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iocscan::collect {

struct Account {
  std::string name;
  std::uint32_t uid = 0;
  std::string home;
};

// Comments, NIS lines ('+'/'-'), malformed lines and entries without an absolute home are skipped.
std::vector<Account> ParseAccounts(std::string_view passwd);

}  // namespace iocscan::collect
