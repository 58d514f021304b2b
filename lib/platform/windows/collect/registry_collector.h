// RegistryItem on Windows: the values (and the keys without values) of HKEY_LOCAL_MACHINE,
// HKEY_CURRENT_USER and the user hives loaded under HKEY_USERS, read with RegOpenKeyExW,
// RegQueryInfoKeyW, RegEnumValueW and RegEnumKeyExW below the keys the IOCs name
// (collect/registry/registry_scope.h: the scope rule, --registry-key, the default keys).
//
// One item per value: Path (hive\key\value; a default value has the key's path and ValueName
// "(Default)"), Hive, KeyPath, ValueName, Type, Text and Value (the data as text, both the same:
// collect/registry/registry_value.h), ReportedLengthInBytes, and the key's Modified (last write),
// NumSubKeys, NumValues; Username for a user's hive (the current user's is HKEY_CURRENT_USER and
// is not read again under HKEY_USERS; .DEFAULT, an alias of S-1-5-18, and the *_Classes hives are
// not read as users). A key without values is one item with the key's fields only.
// Bounds: data over 1 MiB is not read (the item has Type and length, no Text; a warning), a sweep
// stops after 2,000,000 keys and values and 64 key levels below a scope's key (a warning); a key
// that cannot be opened (access denied) is a warning and an error count; a missing key is silent.
#pragma once

#include <memory>

#include "collect/collector.h"

namespace iocscan::collect {

std::unique_ptr<Collector> MakeRegistryCollector();

}  // namespace iocscan::collect
