// The one registry of every term iocscan knows: document, search path, value type, platforms where
// the vendor term lists define it, and platforms where iocscan collects it. It feeds
// `iocscan terms`, the compiler (supported / "not collected on linux" / unknown) and the collectors
// (which look their fields up by search path once, at start-up).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

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

// The index of a row of AllTerms() (`term` must be a reference into AllTerms()).
FieldId IdOf(const TermInfo& term);

// Platform names of a mask, in the fixed order linux, macos, windows: {"linux", "macos"}.
std::vector<std::string_view> PlatformNames(std::uint8_t mask);
// The same joined with commas: "linux,macos"; "" for an empty mask.
std::string PlatformList(std::uint8_t mask);

// Every document that has at least one term, in table order ("FileItem", "ProcessItem", ...).
std::span<const std::string_view> AllDocuments();
// The registry's spelling of a document, matched case-insensitively; nullopt when unknown.
std::optional<std::string_view> CanonicalDocument(std::string_view document);
inline bool IsKnownDocument(std::string_view document) {
  return CanonicalDocument(document).has_value();
}
// The terms of one document (contiguous in AllTerms()), case-insensitive; empty when unknown.
std::span<const TermInfo> TermsOfDocument(std::string_view document);

// True when iocscan collects the term on platform `p`.
inline bool CollectedOn(const TermInfo& term, Platform p) { return (term.collected & p) != 0; }

}  // namespace iocscan::terms
