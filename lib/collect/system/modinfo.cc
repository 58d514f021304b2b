#include "collect/system/modinfo.h"

#include <algorithm>
#include <cstdint>

namespace iocscan::collect {
namespace {

// Little-endian integer of `size` bytes at `at`; false when out of bounds.
bool ReadLe(std::string_view b, std::uint64_t at, int size, std::uint64_t* out) {
  if (at > b.size() || b.size() - at < static_cast<std::uint64_t>(size)) return false;
  *out = 0;
  for (int i = size - 1; i >= 0; --i) *out = (*out << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
  return true;
}

// The bytes of the ELF64 section named `name`; empty when absent or malformed.
std::string_view Section(std::string_view b, std::string_view name) {
  if (b.size() < 64 || b.substr(0, 4) != "\x7f" "ELF" || b[4] != 2 || b[5] != 1) return {};
  std::uint64_t shoff, shentsize, shnum, shstrndx;
  if (!ReadLe(b, 0x28, 8, &shoff) || !ReadLe(b, 0x3a, 2, &shentsize) || !ReadLe(b, 0x3c, 2, &shnum) ||
      !ReadLe(b, 0x3e, 2, &shstrndx) || shentsize < 64 || shstrndx >= shnum || shoff > b.size() ||
      shnum * shentsize > b.size() - shoff) {
    return {};  // every header inside the file: no offset arithmetic can overflow below
  }
  auto header = [&](std::uint64_t i, std::uint64_t* name_at, std::uint64_t* off, std::uint64_t* size) {
    std::uint64_t h = shoff + i * shentsize;
    return ReadLe(b, h, 4, name_at) && ReadLe(b, h + 0x18, 8, off) && ReadLe(b, h + 0x20, 8, size) &&
           *off <= b.size() && *size <= b.size() - *off;
  };
  std::uint64_t unused, str_off, str_size;
  if (!header(shstrndx, &unused, &str_off, &str_size)) return {};
  std::string_view names = b.substr(str_off, str_size);
  for (std::uint64_t i = 0; i < shnum; ++i) {
    std::uint64_t name_at, off, size;
    if (!header(i, &name_at, &off, &size) || name_at >= names.size()) continue;
    std::string_view n = names.substr(name_at);
    if (n.substr(0, n.find('\0')) == name) return b.substr(off, size);
  }
  return {};
}

}  // namespace

std::vector<std::string> Modinfo::Values(std::string_view key) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : entries) {
    if (k == key) out.push_back(v);
  }
  return out;
}

Modinfo ParseModinfo(std::string_view elf_bytes) {
  Modinfo info;
  std::string_view s = Section(elf_bytes, ".modinfo");
  while (!s.empty()) {
    std::string_view entry = s.substr(0, s.find('\0'));
    s.remove_prefix(std::min(s.size(), entry.size() + 1));
    std::size_t eq = entry.find('=');
    if (eq != 0 && eq != std::string_view::npos) info.entries.emplace_back(entry.substr(0, eq), entry.substr(eq + 1));
  }
  return info;
}

}  // namespace iocscan::collect
