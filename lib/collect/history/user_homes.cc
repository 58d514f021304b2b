#include "collect/history/user_homes.h"

#include <set>

namespace iocscan::collect {

std::vector<UserHome> ParseUserHomes(std::string_view passwd) {
  std::vector<UserHome> out;
  std::set<std::string, std::less<>> seen;
  while (!passwd.empty()) {
    std::size_t nl = passwd.find('\n');
    std::string_view line = passwd.substr(0, nl);
    passwd = nl == std::string_view::npos ? std::string_view{} : passwd.substr(nl + 1);
    if (line.empty() || line[0] == '#' || line[0] == '+' || line[0] == '-') continue;
    std::string_view f[7];
    std::size_t n = 0;
    for (; n < 7 && !line.empty(); ++n) {
      std::size_t colon = line.find(':');
      f[n] = line.substr(0, colon);
      line = colon == std::string_view::npos ? std::string_view{} : line.substr(colon + 1);
    }
    if (n < 6 || f[0].empty() || !f[5].starts_with('/')) continue;
    std::int64_t uid = 0;
    bool ok = !f[2].empty();
    for (char c : f[2]) {
      if (c < '0' || c > '9') ok = false;
      else uid = uid * 10 + (c - '0');
    }
    if (!ok || !seen.insert(std::string(f[5])).second) continue;
    out.push_back({std::string(f[0]), uid, std::string(f[5])});
  }
  return out;
}

}  // namespace iocscan::collect
