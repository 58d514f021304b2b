// The systemd unit files of a system (live or an offline root), found the way systemd finds them
// (systemd.unit(5) "Unit File Load Path"): folders in precedence order, the first one holding a
// unit name defines it, "<unit>.d/*.conf" drop-ins of every folder applied in file-name order (a
// name in a folder of higher precedence hides the same name below), a symlink to /dev/null (or an
// empty file) masks the unit, and a symlink in some "*.wants/" or "*.requires/" folder enables it.
// Reading only: no systemctl, no D-Bus.
//
//   UnitDirs dirs(fs, SystemUnitDirs());
//   for (const std::string& name : dirs.Names(".service")) {
//     std::optional<UnitSource> unit = dirs.Load(name);   // nullopt: an alias, or unreadable
//   }
//   dirs.warnings(), dirs.errors()                        // folders and files that could not be read
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/warning.h"
#include "platform/posix/root_fs.h"

namespace iocscan::platform {

// System units, highest precedence first (/lib and /usr/lib are both listed: without merged /usr
// they differ).
std::vector<std::string> SystemUnitDirs();
// Units every user's manager reads (after the user's own ~/.config/systemd/user).
std::vector<std::string> GlobalUserUnitDirs();
// A user's own units: "<home>/.config/systemd/user".
std::string HomeUnitDir(std::string_view home);

struct UnitSource {
  std::string name;     // "evil.service"
  std::string path;       // path on the scanned system of the file that defines it ("" when only a mask)
  std::string text;       // its content
  bool masked = false;
  std::string masked_by;  // the symlink to /dev/null (or empty file) that masks it
  bool enabled = false;
  std::vector<std::string> dropin_paths;  // in the order systemd applies them
  std::vector<std::string> dropin_texts;
};

class UnitDirs {
 public:
  // Lists each folder (and its *.wants/*.requires folders) once.
  UnitDirs(const RootFs& fs, std::vector<std::string> dirs);

  // Names of the units ending in `suffix` (".service", ".timer"), sorted, each once.
  std::vector<std::string> Names(std::string_view suffix) const;
  // The unit's files; nullopt when no folder has it, when it is only an alias (a symlink with
  // another name: the unit is listed under its own name) or when its file cannot be read.
  std::optional<UnitSource> Load(std::string_view name);

  const Warnings& warnings() const { return warnings_; }
  std::uint64_t errors() const { return errors_; }

 private:
  bool Has(std::size_t dir, std::string_view name) const;
  bool Enabled(std::string_view name) const;
  void LoadDropins(UnitSource* unit);
  std::optional<std::string> Read(const std::string& path);
  void Problem(const Error& e);

  const RootFs& fs_;
  std::vector<std::string> dirs_;
  std::vector<std::set<std::string>> entries_;  // per folder
  std::set<std::string> wanted_;                // names linked from *.wants / *.requires
  Warnings warnings_;
  std::uint64_t errors_ = 0;
};

// Live system only: whether a system unit is running now (its cgroup exists, or systemd keeps an
// invocation id for it); nullopt when this host does not run systemd.
std::optional<bool> SystemUnitActive(std::string_view unit);

}  // namespace iocscan::platform
