#include "platform/linux/unit_dirs.h"

#include <sys/stat.h>

#include <map>

namespace iocscan::platform {
namespace {

constexpr std::uint64_t kMaxUnitBytes = 1u << 20;  // unit files are a few KiB; cap a hostile one

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string_view BaseName(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool IsDirLike(RootFs::Type t) { return t == RootFs::Type::kDir || t == RootFs::Type::kLink; }

}  // namespace

std::vector<std::string> SystemUnitDirs() {
  return {"/etc/systemd/system", "/run/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system"};
}

std::vector<std::string> GlobalUserUnitDirs() { return {"/etc/systemd/user", "/usr/lib/systemd/user"}; }

std::string HomeUnitDir(std::string_view home) {
  std::string dir(home);
  while (!dir.empty() && dir.back() == '/') dir.pop_back();
  return dir + "/.config/systemd/user";
}

UnitDirs::UnitDirs(const RootFs& fs, std::vector<std::string> dirs) : fs_(fs), dirs_(std::move(dirs)) {
  for (const std::string& dir : dirs_) {
    std::set<std::string>& names = entries_.emplace_back();
    Result<std::vector<RootFs::Entry>> listed = fs_.List(dir);
    if (!listed.ok()) {
      Problem(listed.error());
      continue;
    }
    for (const RootFs::Entry& e : listed.value()) {
      names.insert(e.name);
      if (!IsDirLike(e.type) || !(EndsWith(e.name, ".wants") || EndsWith(e.name, ".requires"))) continue;
      Result<std::vector<RootFs::Entry>> links = fs_.List(dir + "/" + e.name);
      if (!links.ok()) {
        Problem(links.error());
        continue;
      }
      for (const RootFs::Entry& l : links.value()) wanted_.insert(l.name);
    }
  }
}

std::vector<std::string> UnitDirs::Names(std::string_view suffix) const {
  std::set<std::string> names;
  for (const std::set<std::string>& dir : entries_) {
    for (const std::string& n : dir) {
      if (EndsWith(n, suffix) && n.size() > suffix.size()) names.insert(n);
    }
  }
  return {names.begin(), names.end()};
}

bool UnitDirs::Has(std::size_t dir, std::string_view name) const {
  return entries_[dir].count(std::string(name)) != 0;
}

bool UnitDirs::Enabled(std::string_view name) const {
  if (wanted_.count(std::string(name))) return true;
  // A template ("getty@.service") is enabled through its instances ("getty@tty1.service").
  std::size_t at = name.find("@.");
  if (at == std::string_view::npos) return false;
  std::string prefix(name.substr(0, at + 1));
  std::string_view suffix = name.substr(at + 1);
  for (auto it = wanted_.lower_bound(prefix); it != wanted_.end() && it->rfind(prefix, 0) == 0; ++it) {
    if (EndsWith(*it, suffix)) return true;
  }
  return false;
}

void UnitDirs::Problem(const Error& e) {
  warnings_.push_back({e.source, e.message});
  ++errors_;
}

std::optional<std::string> UnitDirs::Read(const std::string& path) {
  Result<std::optional<std::string>> text = fs_.ReadFile(path, kMaxUnitBytes);
  if (!text.ok()) {
    Problem(text.error());
    return std::nullopt;
  }
  return std::move(text).value();
}

std::optional<UnitSource> UnitDirs::Load(std::string_view name) {
  UnitSource unit;
  unit.name = std::string(name);
  bool found = false;
  for (std::size_t d = 0; d < dirs_.size() && !found; ++d) {
    if (!Has(d, name)) continue;
    std::string path = dirs_[d] + "/" + unit.name;
    std::optional<std::string> target = fs_.ReadLink(path);
    bool null_link = target && *target == "/dev/null";
    if (!null_link && target && BaseName(*target) != name) {
      if (unit.masked_by.empty()) return std::nullopt;  // an alias: listed under its own name
      continue;
    }
    std::optional<std::string> text;
    if (!null_link && !(text = Read(path))) continue;  // dangling or unreadable: look below
    if (null_link || text->empty()) {
      // Masked; what it masks (below) still tells what the unit would run.
      if (unit.masked_by.empty()) unit.masked_by = path;
      continue;
    }
    unit.path = path;
    unit.text = std::move(*text);
    found = true;
  }
  if (!found && unit.masked_by.empty()) return std::nullopt;
  unit.masked = !unit.masked_by.empty();
  unit.enabled = Enabled(name);
  LoadDropins(&unit);
  return unit;
}

void UnitDirs::LoadDropins(UnitSource* unit) {
  std::map<std::string, std::string> by_name;  // file name -> path; the highest folder wins
  std::string sub = unit->name + ".d";
  for (std::size_t d = 0; d < dirs_.size(); ++d) {
    if (!Has(d, sub)) continue;
    Result<std::vector<RootFs::Entry>> listed = fs_.List(dirs_[d] + "/" + sub);
    if (!listed.ok()) {
      Problem(listed.error());
      continue;
    }
    for (const RootFs::Entry& e : listed.value()) {
      if (EndsWith(e.name, ".conf")) by_name.try_emplace(e.name, dirs_[d] + "/" + sub + "/" + e.name);
    }
  }
  for (const auto& [file, path] : by_name) {
    std::optional<std::string> text = Read(path);
    if (!text) continue;
    unit->dropin_paths.push_back(path);
    unit->dropin_texts.push_back(std::move(*text));
  }
}

std::optional<bool> SystemUnitActive(std::string_view unit) {
  struct stat st {};
  if (::stat("/run/systemd/system", &st) != 0) return std::nullopt;  // sd_booted()'s own test
  std::string name(unit);
  for (std::string cgroup : {"/sys/fs/cgroup/system.slice/", "/sys/fs/cgroup/systemd/system.slice/"}) {
    if (::stat((cgroup + name).c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return true;
  }
  return ::lstat(("/run/systemd/units/invocation:" + name).c_str(), &st) == 0;
}

}  // namespace iocscan::platform
