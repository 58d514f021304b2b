#include "collect/service/unit_scopes.h"

#include <set>

#include "collect/service/passwd_homes.h"
#include "platform/linux/unit_dirs.h"

namespace iocscan::collect {

std::string UnitScope::Label() const {
  switch (kind) {
    case Kind::kSystem: return "system";
    case Kind::kUser: return "user";
    case Kind::kHome: return "user:" + user;
  }
  return "system";
}

std::vector<UnitScope> UnitScopes(const platform::RootFs& fs, Warnings* warnings, std::uint64_t* errors) {
  std::vector<UnitScope> out;
  out.push_back({UnitScope::Kind::kSystem, "", platform::SystemUnitDirs()});
  out.push_back({UnitScope::Kind::kUser, "", platform::GlobalUserUnitDirs()});
  Result<std::optional<std::string>> passwd = fs.ReadFile("/etc/passwd", 64u << 20);
  if (!passwd.ok()) {
    warnings->push_back({passwd.error().source, passwd.error().message});
    ++*errors;
    return out;
  }
  if (!passwd.value()) return out;
  std::set<std::string> homes;  // several system accounts share "/", "/nonexistent", ...
  for (const Account& a : ParseAccounts(*passwd.value())) {
    if (!homes.insert(a.home).second) continue;
    out.push_back({UnitScope::Kind::kHome, a.name, {platform::HomeUnitDir(a.home)}});
  }
  return out;
}

}  // namespace iocscan::collect
