// Internal to lib/terms: the term table, one constexpr array per document family (table_*.cc),
// and the small constexpr helpers that keep each row on one or two lines. registry.cc joins the
// families, in the order below, into AllTerms(); a term's FieldId is its index there.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "terms/registry.h"

namespace iocscan::terms::table {

// Short names for the rows.
inline constexpr ValueType kString = ValueType::kString;
inline constexpr ValueType kInt = ValueType::kInt;
inline constexpr ValueType kDouble = ValueType::kDouble;
inline constexpr ValueType kDate = ValueType::kDate;
inline constexpr ValueType kBool = ValueType::kBool;
inline constexpr ValueType kIp = ValueType::kIp;
inline constexpr ValueType kMd5 = ValueType::kMd5;
inline constexpr ValueType kSha1 = ValueType::kSha1;
inline constexpr ValueType kSha256 = ValueType::kSha256;

inline constexpr unsigned kL = kLinux;
inline constexpr unsigned kM = kMacos;
inline constexpr unsigned kW = kWindows;
inline constexpr unsigned kAll = kAllPlatforms;
// Where the POSIX collectors run; a term also collected on Windows adds kW.
inline constexpr unsigned kPosix = kLinux | kMacos;

// Row flags.
inline constexpr unsigned kNone = 0;
inline constexpr unsigned kList = 1;  // the path goes through a list
inline constexpr unsigned kRaw = 2;   // values are raw bytes

// "FileItem/Md5sum" -> "FileItem": the document is the first segment of the search path.
constexpr std::string_view DocumentOf(std::string_view search) {
  return search.substr(0, search.find('/'));
}

// A term iocscan collects on the platforms in `collected`.
constexpr TermInfo Collected(std::string_view search, ValueType type, unsigned vendor,
                             unsigned collected, Cost cost, unsigned flags,
                             std::string_view description) {
  return TermInfo{DocumentOf(search),
                  search,
                  type,
                  static_cast<std::uint8_t>(vendor),
                  static_cast<std::uint8_t>(collected),
                  cost,
                  (flags & kList) != 0,
                  (flags & kRaw) != 0,
                  description};
}

// A term iocscan knows (type, vendor platforms) but collects nowhere yet.
constexpr TermInfo Known(std::string_view search, ValueType type, unsigned vendor, unsigned flags,
                         std::string_view description) {
  return Collected(search, type, vendor, 0, Cost::kOther, flags, description);
}

std::span<const TermInfo> FileTerms();      // FileItem
std::span<const TermInfo> ProcessTerms();   // processes, ports, modules, drivers, services, tasks
std::span<const TermInfo> HostTerms();      // registry, system, users, logs, volumes, net tables
std::span<const TermInfo> HistoryTerms();   // browser history
std::span<const TermInfo> EventTerms();     // real-time event documents
std::span<const TermInfo> IntelTerms();     // Email, Network, Snort, Yara

}  // namespace iocscan::terms::table
