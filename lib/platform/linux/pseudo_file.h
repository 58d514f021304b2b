// Reading the kernel's virtual files (/proc, /sys): they report a size of 0, so they are read to
// the end instead of up to a size seen at open, and they are never regular files on disk, so the
// walker's SafeOpen rules (regular files, size-capped) do not fit them. Paths are fixed by the
// caller (never taken from scanned data); opened O_NOFOLLOW|O_NONBLOCK, capped at `max` bytes.
//
//   std::optional<std::string> text = ReadPseudoFile("/proc/modules");   // nullopt: missing
//   std::vector<std::string> names = ListPseudoDir("/sys/module/ext4/parameters");
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace iocscan::platform {

inline constexpr std::size_t kMaxPseudoFileBytes = 16u << 20;

// The whole file; nullopt when it does not exist; an error when it exists but cannot be read.
Result<std::optional<std::string>> ReadPseudoFile(const std::string& path, std::size_t max = kMaxPseudoFileBytes);

// The same, "" for missing or unreadable and the final newline removed: for one-value attributes
// such as /sys/module/<m>/srcversion.
std::string ReadPseudoValue(const std::string& path);

// The names in a folder (no "." or ".."), sorted; empty when missing or unreadable.
std::vector<std::string> ListPseudoDir(const std::string& path);

}  // namespace iocscan::platform
