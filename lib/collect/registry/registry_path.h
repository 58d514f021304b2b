// Names of registry keys and values as RegistryItem writes them: Path is the hive, the key below
// it and the value name joined by '\' ("HKEY_LOCAL_MACHINE\SOFTWARE\...\Run\evil"), Hive is the
// hive's full name, KeyPath the key below the hive. Pure code, tested on Linux.
//
//   RegistryPath(Hive::kLocalMachine, "SOFTWARE\\X", "v") == "HKEY_LOCAL_MACHINE\\SOFTWARE\\X\\v"
//   ParseKeyName("HKLM\\Software\\X") -> {Hive::kLocalMachine, "Software\\X"}
//
// A user's hive is under HKEY_USERS: its KeyPath starts with the SID ("S-1-5-21-...\Software\...").
// The default (unnamed) value of a key has the key's own Path, as regedit shows it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/ascii.h"  // StartsWithIgnoreCase: registry names ignore ASCII case

namespace iocscan::collect {

enum class Hive : std::uint8_t { kLocalMachine, kUsers, kCurrentUser };

// "HKEY_LOCAL_MACHINE", "HKEY_USERS", "HKEY_CURRENT_USER".
std::string_view HiveName(Hive hive);

struct KeyName {
  Hive hive = Hive::kLocalMachine;
  std::string key;  // below the hive; "" = the hive's root
};

// A key as people write it: the hive's full name or abbreviation (HKLM, HKU, HKCU) or the native
// form (\REGISTRY\MACHINE, \REGISTRY\USER), any case, then '\'-separated names. Empty names
// (doubled or trailing separators) are dropped. nullopt when no hive this collector reads starts it.
std::optional<KeyName> ParseKeyName(std::string_view text);

// `text` without empty names (doubled, leading or trailing separators): \a\\b\ -> a\b.
std::string CleanKey(std::string_view text);

// `parent` '\' `child`; either may be empty.
std::string JoinKey(std::string_view parent, std::string_view child);

// The Path of a value (an empty `value_name` is the default value: the key's own path).
std::string RegistryPath(Hive hive, std::string_view key, std::string_view value_name);

}  // namespace iocscan::collect
