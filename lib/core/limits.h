// Every hard limit of iocscan, in one place, each with the reason for its value.
#pragma once

#include <cstddef>
#include <cstdint>

namespace iocscan::limits {

// The largest real IOC in the corpus is 92 KB, but feeds exported as one IOC are far bigger: 10,000
// SHA-256 terms in the usual indented layout take 3.2 MB, and 16 MiB holds about 50,000. tinyxml2
// holds the whole DOM (about 9x the text): a 16 MiB IOC peaks near 150 MB during the load, which is
// the most a hostile file can cost.
inline constexpr std::uint64_t kMaxIocFileBytes = 16ull << 20;
inline constexpr const char* kMaxIocFileSize = "16 MiB";  // kMaxIocFileBytes in messages

// A ZIP collection is refused whole (before anything is expanded) past these: a zip bomb declares
// sizes far beyond what an IOC collection needs. Sizes are also enforced while reading, because the
// declared sizes of a hostile archive cannot be trusted.
inline constexpr std::uint64_t kMaxZipTotalBytes = 256ull << 20;
inline constexpr std::uint64_t kMaxZipEntries = 10000;

// XML element nesting. Real IOCs nest Indicators 7 deep at most (about 12 elements). tinyxml2 parses
// recursively and refuses more than 100 levels itself (XML_ELEMENT_DEPTH_EXCEEDED); our own tree
// passes use explicit stacks, so this is only a sanity cap reported as a clear error.
inline constexpr int kMaxXmlDepth = 100;

// Folder recursion when loading a collection (no symlinked folders are followed there).
inline constexpr int kMaxCollectionDepth = 64;

// Directory depth during a sweep. The walk keeps no call-stack recursion, so this protects only
// against pathological trees (a 10,000-deep chain is still walked: deeper entries are counted as
// skipped).
inline constexpr int kMaxWalkDepth = 4096;

// Default --max-size: files larger than this are not read for content terms.
inline constexpr std::uint64_t kDefaultMaxReadBytes = 512ull << 20;

// Matched items kept for the cards of one scan. Cards list every matching item (semantics.md), but an
// IOC that matches, say, every empty file of a disk must not grow memory without bound: past this,
// items still count for the host-level result and the summary warns that the cards are cut.
inline constexpr std::uint64_t kMaxMatchedItems = 100000;

// Regular expressions: RE2's default of 8 MiB is too small for large alternations seen in IOCs.
inline constexpr std::int64_t kRegexMaxMemory = 64ll << 20;

}  // namespace iocscan::limits
