#include "collect/registry/registry_path.h"

#include <array>
#include <cstddef>

namespace iocscan::collect {
namespace {

struct HiveSpelling {
  std::string_view name;
  Hive hive;
};
constexpr std::array<HiveSpelling, 8> kSpellings = {{
    {"HKEY_LOCAL_MACHINE", Hive::kLocalMachine},
    {"HKLM", Hive::kLocalMachine},
    {"\\REGISTRY\\MACHINE", Hive::kLocalMachine},
    {"HKEY_USERS", Hive::kUsers},
    {"HKU", Hive::kUsers},
    {"\\REGISTRY\\USER", Hive::kUsers},
    {"HKEY_CURRENT_USER", Hive::kCurrentUser},
    {"HKCU", Hive::kCurrentUser},
}};

}  // namespace

std::string CleanKey(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    std::size_t end = text.find('\\');
    std::string_view name = text.substr(0, end);
    if (!name.empty()) out = JoinKey(out, name);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return out;
}

std::string_view HiveName(Hive hive) {
  switch (hive) {
    case Hive::kLocalMachine:
      return "HKEY_LOCAL_MACHINE";
    case Hive::kUsers:
      return "HKEY_USERS";
    case Hive::kCurrentUser:
      return "HKEY_CURRENT_USER";
  }
  return "";
}

std::optional<KeyName> ParseKeyName(std::string_view text) {
  for (const HiveSpelling& s : kSpellings) {
    if (!StartsWithIgnoreCase(text, s.name)) continue;
    std::string_view rest = text.substr(s.name.size());
    if (!rest.empty() && rest[0] != '\\') continue;  // "HKLMX", "HKEY_USERSfoo"
    return KeyName{s.hive, CleanKey(rest)};
  }
  return std::nullopt;
}

std::string JoinKey(std::string_view parent, std::string_view child) {
  if (parent.empty()) return std::string(child);
  if (child.empty()) return std::string(parent);
  std::string out;
  out.reserve(parent.size() + 1 + child.size());
  out.append(parent).append(1, '\\').append(child);
  return out;
}

std::string RegistryPath(Hive hive, std::string_view key, std::string_view value_name) {
  return JoinKey(JoinKey(HiveName(hive), key), value_name);
}

}  // namespace iocscan::collect
