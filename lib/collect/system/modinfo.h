// The .modinfo section of a kernel module file (.ko): NUL-separated "key=value" strings that
// modinfo(8) prints (license, vermagic, alias, retpoline, ...). Pure: bytes in, values out.
// Only uncompressed 64-bit little-endian ELF files are read (x86_64, aarch64); a compressed
// module (.ko.xz, .ko.zst) or any other file gives nothing.
//
//   Modinfo info = ParseModinfo(ko_bytes);
//   info.Values("license") -> {"GPL"}; info.Values("alias") -> {"fs-ext4", "ext3", ...}
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iocscan::collect {

struct Modinfo {
  std::vector<std::pair<std::string, std::string>> entries;  // in section order
  std::vector<std::string> Values(std::string_view key) const;
};

Modinfo ParseModinfo(std::string_view elf_bytes);

}  // namespace iocscan::collect
