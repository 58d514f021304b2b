// Which keys the RegistryItem collector reads. Enumerating the whole registry is slow (a Windows
// install holds millions of values), so the collector reads only what the IOCs can match:
//
// 1. `--registry-key KEY` (repeatable) overrides everything: each KEY ("HKLM\SOFTWARE\X", any hive
//    spelling of ParseKeyName; "HKEY_USERS\*\Software\X" = that key in every user's hive) is read
//    with all its subkeys.
// 2. Else the scope is derived from the terms on RegistryItem/Path and RegistryItem/KeyPath that
//    are not negated and use `is`, `starts-with` or `contains`:
//      - a text starting with a hive ("HKEY_LOCAL_MACHINE\SOFTWARE\...\Run") is read in that hive;
//      - a text below a hive ("Software\Microsoft\X") is read in HKEY_LOCAL_MACHINE and in every
//        user's hive, when it is a KeyPath `is`/`starts-with` or its first name is a top-level key
//        of a hive (SOFTWARE, SYSTEM, Control Panel, ...); a `contains` is taken as anchored at
//        the hive's root. Other texts ("CurrentVersion\Run") give no scope.
//      - `Path is`: the key holding the value (and the subkey of that name, for a default value);
//        `KeyPath is`: that key's values; `starts-with`/`contains`: the key named by the text up
//        to its last '\', restricted to the values and subkeys whose names start with the rest
//        (a text ending in '\' names the whole key: "...\Run\" reads Run, not RunOnce).
// 3. An IOC none of whose RegistryItem terms gives a scope (it tests only Text, or
//    `Path contains "CurrentVersion\Run"`) makes the collector read the default scope below (the
//    usual persistence keys, DefaultScope()), with a warning.
// Limits of the rule: an OR of a scoped Path term and an unscoped term of the same IOC reads only
// the scope; a value whose name holds '\' is found by `Path is` only when the key is read anyway.
// Pure code, tested on Linux.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "collect/collector.h"
#include "collect/registry/registry_path.h"

namespace iocscan::collect {

// Where a scope is read: one hive, or every user's (HKEY_CURRENT_USER and each other user hive
// loaded under HKEY_USERS).
enum class ScopeRoot : std::uint8_t { kLocalMachine, kUsers, kCurrentUser, kEveryUser };

inline constexpr std::uint32_t kAnyDepth = std::numeric_limits<std::uint32_t>::max();

struct KeyScope {
  ScopeRoot root = ScopeRoot::kLocalMachine;
  std::string key;          // below the root; "" = its top
  std::string name_prefix;  // only the values and subkeys of `key` whose names start with it (no case)
  std::uint32_t depth = kAnyDepth;  // subkey levels read below `key` (0: its values only)

  bool operator==(const KeyScope&) const = default;
};

struct DerivedScope {
  std::vector<KeyScope> keys;   // simplified (Simplify)
  std::size_t defaulted = 0;    // IOCs that gave no scope: DefaultScope() is part of `keys`
};

// Rule 2 and 3 on the terms of the RegistryItem document.
DerivedScope DeriveScope(std::span<const ScopeTerm> terms);

// Rule 1: nullopt when `key` names no hive the collector reads.
std::optional<KeyScope> ParseScopeKey(std::string_view key);

// The persistence keys read when the IOCs name none: Run/RunOnce (machine, WOW64, every user),
// Services, Winlogon, Image File Execution Options, Windows (AppInit_DLLs, load, run), Shell
// Folders, Browser Helper Objects, Active Setup, Session Manager, Lsa, print monitors, Environment.
std::vector<KeyScope> DefaultScope();

// Without duplicates and without scopes another one reads entirely.
std::vector<KeyScope> Simplify(std::vector<KeyScope> keys);

// True when a name at the top of `scope` (a value or subkey of scope.key) is read.
inline bool InScope(const KeyScope& scope, std::string_view name) {
  return StartsWithIgnoreCase(name, scope.name_prefix);
}

}  // namespace iocscan::collect
