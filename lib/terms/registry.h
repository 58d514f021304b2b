// The one registry of every term iocscan knows: document, search path, value type, platforms where
// the vendor term lists define it, and platforms where iocscan collects it. It feeds
// `iocscan terms`, the compiler (supported / "not collected on linux" / unknown) and the collectors
// (which look their fields up by search path once, at start-up).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "terms/value.h"

namespace iocscan::terms {

// Platform bit masks.
enum Platform : std::uint8_t { kLinux = 1, kMacos = 2, kWindows = 4, kAllPlatforms = 7 };

// What it costs to get a field of an item, cheapest first; terms in a group are tested in this order.
enum class Cost : std::uint8_t {
  kName,     // from the name/path or the record itself (free)
  kStat,     // one stat call
  kOwner,    // user database lookup
  kDigest,   // reads the whole content
  kPe,       // parses the PE header
  kStrings,  // scans the whole content for strings
  kOther,    // anything else a collector computes
};

struct TermInfo {
  std::string_view document;       // "FileItem"
  std::string_view search;         // canonical spelling, "FileItem/Md5sum"
  ValueType type;
  std::uint8_t vendor_platforms;   // Platform mask from the vendor term lists (kAllPlatforms if unspecified)
  std::uint8_t collected;          // Platform mask where iocscan collects it; 0 = known but not collected
  Cost cost;
  bool list;       // the path goes through a list: true when any element satisfies the condition
  bool raw_bytes;  // values are raw bytes (strings from binaries): `matches` runs in Latin-1 mode
  std::string_view description;    // one line for `iocscan terms`
};

std::span<const TermInfo> AllTerms();

// Case-insensitive lookup ("FileItem/MD5Sum" finds "FileItem/Md5sum"); nullopt when unknown.
std::optional<FieldId> FindTerm(std::string_view search);

const TermInfo& Term(FieldId id);

// The bit of the platform this binary runs on.
Platform CurrentPlatform();

}  // namespace iocscan::terms
