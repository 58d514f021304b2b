// Where systemd units come from on a system: the system manager's folders, the folders every
// user manager reads, and each user's own ~/.config/systemd/user (homes from the scanned system's
// /etc/passwd). Shared by the ServiceItem (services) and TaskItem (timers) collectors.
//
//   Warnings w; std::uint64_t errors = 0;
//   for (const UnitScope& s : UnitScopes(fs, &w, &errors)) { platform::UnitDirs dirs(fs, s.dirs); ... }
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/warning.h"
#include "platform/posix/root_fs.h"

namespace iocscan::collect {

struct UnitScope {
  enum class Kind { kSystem, kUser, kHome };
  Kind kind = Kind::kSystem;
  std::string user;               // kHome: the account whose home holds the units
  std::vector<std::string> dirs;  // highest precedence first

  // "system", "user" or "user:alice", as shown on cards.
  std::string Label() const;
};

std::vector<UnitScope> UnitScopes(const platform::RootFs& fs, Warnings* warnings, std::uint64_t* errors);

}  // namespace iocscan::collect
