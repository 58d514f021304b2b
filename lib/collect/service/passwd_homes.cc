#include "collect/service/passwd_homes.h"

#include <charconv>

namespace iocscan::collect {

std::vector<Account> ParseAccounts(std::string_view passwd) {
  std::vector<Account> out;
  while (!passwd.empty()) {
    std::size_t nl = passwd.find('\n');
    std::string_view line = passwd.substr(0, nl);
    passwd = nl == std::string_view::npos ? std::string_view() : passwd.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#' || line[0] == '+' || line[0] == '-') continue;
    std::string_view fields[7];
    std::size_t n = 0;
    while (n < 7) {
      std::size_t colon = line.find(':');
      fields[n++] = line.substr(0, colon);
      if (colon == std::string_view::npos) break;
      line = line.substr(colon + 1);
    }
    if (n < 6 || fields[0].empty() || fields[5].empty() || fields[5][0] != '/') continue;
    Account a;
    auto [end, ec] = std::from_chars(fields[2].data(), fields[2].data() + fields[2].size(), a.uid);
    if (ec != std::errc() || end != fields[2].data() + fields[2].size()) continue;
    a.name = std::string(fields[0]);
    a.home = std::string(fields[5]);
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace iocscan::collect
