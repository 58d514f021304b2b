// Builds small, valid PE32 images in memory for the PE parser and FileItem tests: DOS header,
// PE header, three sections (.text, .rdata with one import and an export table, .rsrc with a
// version resource) and a certificate table. Each test can then corrupt a copy.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iocscan::testing {

class ByteWriter {
 public:
  explicit ByteWriter(std::size_t size = 0) : b_(size, 0) {}
  std::vector<unsigned char>& bytes() { return b_; }
  std::size_t size() const { return b_.size(); }
  void Grow(std::size_t end) {
    if (b_.size() < end) b_.resize(end, 0);
  }
  void U16(std::size_t at, std::uint16_t v) {
    Grow(at + 2);
    b_[at] = v & 0xFF;
    b_[at + 1] = v >> 8;
  }
  void U32(std::size_t at, std::uint32_t v) {
    U16(at, v & 0xFFFF);
    U16(at + 2, v >> 16);
  }
  void Str(std::size_t at, std::string_view s) {  // with its NUL
    Grow(at + s.size() + 1);
    for (std::size_t i = 0; i < s.size(); ++i) b_[at + i] = static_cast<unsigned char>(s[i]);
    b_[at + s.size()] = 0;
  }
  void Append(const std::vector<unsigned char>& more) { b_.insert(b_.end(), more.begin(), more.end()); }
  void Pad4() { Grow((b_.size() + 3) & ~std::size_t{3}); }

 private:
  std::vector<unsigned char> b_;
};

// UTF-16LE of an ASCII/UTF-8 string limited to the BMP, with a terminating NUL.
inline std::vector<unsigned char> Wide(std::u16string_view s) {
  std::vector<unsigned char> out;
  for (char16_t c : s) {
    out.push_back(static_cast<unsigned char>(c & 0xFF));
    out.push_back(static_cast<unsigned char>(c >> 8));
  }
  out.push_back(0);
  out.push_back(0);
  return out;
}

// One VS_VERSIONINFO-style block: wLength, wValueLength, wType, key, pad, value, pad, children.
inline std::vector<unsigned char> VersionBlock(std::u16string_view key, const std::vector<unsigned char>& value,
                                               std::uint16_t value_length, std::uint16_t type,
                                               const std::vector<std::vector<unsigned char>>& children) {
  ByteWriter w(6);
  w.U16(2, value_length);
  w.U16(4, type);
  w.Append(Wide(key));
  w.Pad4();
  w.Append(value);
  for (const auto& child : children) {
    w.Pad4();
    w.Append(child);
  }
  w.U16(0, static_cast<std::uint16_t>(w.size()));
  return w.bytes();
}

inline std::vector<unsigned char> VersionString(std::u16string_view key, std::u16string_view value) {
  return VersionBlock(key, Wide(value), static_cast<std::uint16_t>(value.size() + 1), 1, {});
}

inline std::vector<unsigned char> VersionResource() {
  std::vector<unsigned char> fixed(52, 0);
  fixed[0] = 0xBD, fixed[1] = 0x04, fixed[2] = 0xEF, fixed[3] = 0xFE;
  auto table = VersionBlock(u"040904b0", {}, 0, 1,
                            {VersionString(u"CompanyName", u"Evil Corp"),
                             VersionString(u"FileDescription", u"Evil \u00fc tool"),
                             VersionString(u"FileVersion", u"1.2.3.4"),
                             VersionString(u"InternalName", u"evil"),
                             VersionString(u"LegalCopyright", u"(c) nobody"),
                             VersionString(u"OriginalFilename", u"evil.dll"),
                             VersionString(u"ProductName", u"Evil Product"),
                             VersionString(u"ProductVersion", u"1.2"),
                             VersionString(u"Comments", u""),
                             VersionString(u"SpecialBuild", u"special")});
  auto string_info = VersionBlock(u"StringFileInfo", {}, 0, 1, {table});
  auto var = VersionBlock(u"Translation", {0x09, 0x04, 0xB0, 0x04}, 4, 0, {});
  auto var_info = VersionBlock(u"VarFileInfo", {}, 0, 1, {var});
  return VersionBlock(u"VS_VERSION_INFO", fixed, 52, 0, {var_info, string_info});
}

struct PeImageOptions {
  bool dll = true;
  std::uint32_t timestamp = 0x5F000000;  // 2020-07-04T00:00:00Z
  bool signature = true;
};

// The layout (file offsets): headers 0x000, .text 0x200 (RVA 0x1000), .rdata 0x400 (RVA 0x2000),
// .rsrc 0x800 (RVA 0x3000), certificate table 0xC00.
inline std::vector<unsigned char> BuildPe(const PeImageOptions& o = {}) {
  ByteWriter w(0xC00);
  w.U16(0, 0x5A4D);
  w.U32(0x3C, 0x80);
  w.U32(0x80, 0x00004550);
  const std::size_t coff = 0x84, opt = 0x98;
  w.U16(coff, 0x14C);
  w.U16(coff + 2, 3);
  w.U32(coff + 4, o.timestamp);
  w.U16(coff + 16, 0xE0);
  w.U16(coff + 18, static_cast<std::uint16_t>(0x0102 | (o.dll ? 0x2000 : 0)));
  w.U16(opt, 0x10B);
  w.U32(opt + 28, 0x10000000);  // ImageBase
  w.U32(opt + 32, 0x1000);
  w.U32(opt + 36, 0x200);
  w.U32(opt + 56, 0x4000);      // SizeOfImage
  w.U32(opt + 60, 0x200);       // SizeOfHeaders
  w.U32(opt + 64, 0x1234);      // CheckSum
  w.U16(opt + 68, 2);           // Windows GUI
  w.U32(opt + 92, 16);
  const std::size_t dirs = opt + 96;
  w.U32(dirs + 0, 0x2200), w.U32(dirs + 4, 40);       // export
  w.U32(dirs + 8, 0x2000), w.U32(dirs + 12, 40);      // import
  w.U32(dirs + 16, 0x3000), w.U32(dirs + 20, 0x400);  // resource
  if (o.signature) w.U32(dirs + 32, 0xC00), w.U32(dirs + 36, 8);
  struct Sec { const char* name; std::uint32_t va, raw, size; };
  const Sec secs[] = {{".text", 0x1000, 0x200, 0x200}, {".rdata", 0x2000, 0x400, 0x400}, {".rsrc", 0x3000, 0x800, 0x400}};
  for (int i = 0; i < 3; ++i) {
    std::size_t at = opt + 0xE0 + 40 * i;
    w.Str(at, secs[i].name);
    w.U32(at + 8, secs[i].size);
    w.U32(at + 12, secs[i].va);
    w.U32(at + 16, secs[i].size);
    w.U32(at + 20, secs[i].raw);
  }
  // .text: every byte value twice, entropy exactly 8 bits per byte.
  for (int i = 0; i < 0x200; ++i) w.bytes()[0x200 + i] = static_cast<unsigned char>(i & 0xFF);
  // .rdata: one import descriptor (KERNEL32.dll: CreateFileW and ordinal 7), then the exports.
  const std::size_t rd = 0x400;
  auto rva = [](std::size_t off) { return static_cast<std::uint32_t>(0x2000 + off); };
  w.U32(rd + 0, rva(0x100));
  w.U32(rd + 12, rva(0x80));
  w.U32(rd + 16, rva(0x120));
  w.Str(rd + 0x80, "KERNEL32.dll");
  for (std::size_t t : {0x100, 0x120}) {
    w.U32(rd + t, rva(0x140));
    w.U32(rd + t + 4, 0x80000007);
  }
  w.Str(rd + 0x142, "CreateFileW");
  w.U32(rd + 0x204, 0x5F000001);
  w.U32(rd + 0x20C, rva(0x260));
  w.U32(rd + 0x210, 1);
  w.U32(rd + 0x214, 2);
  w.U32(rd + 0x218, 2);
  w.U32(rd + 0x21C, rva(0x240));
  w.U32(rd + 0x220, rva(0x248));
  w.U32(rd + 0x224, rva(0x250));
  w.U32(rd + 0x240, 0x1000), w.U32(rd + 0x244, 0x1010);
  w.U32(rd + 0x248, rva(0x270)), w.U32(rd + 0x24C, rva(0x280));
  w.U16(rd + 0x252, 1);
  w.Str(rd + 0x260, "evil.dll");
  w.Str(rd + 0x270, "DoEvil");
  w.Str(rd + 0x280, "Install");
  // .rsrc: RT_VERSION -> id 1 -> language 0x409 -> data entry -> the version blob at +0x60.
  const std::size_t rs = 0x800;
  w.U16(rs + 14, 1), w.U32(rs + 16, 16), w.U32(rs + 20, 0x80000000u | 0x18);
  w.U16(rs + 0x18 + 14, 1), w.U32(rs + 0x28, 1), w.U32(rs + 0x2C, 0x80000000u | 0x30);
  w.U16(rs + 0x30 + 14, 1), w.U32(rs + 0x40, 0x409), w.U32(rs + 0x44, 0x48);
  std::vector<unsigned char> blob = VersionResource();
  w.U32(rs + 0x48, 0x3060);
  w.U32(rs + 0x4C, static_cast<std::uint32_t>(blob.size()));
  for (std::size_t i = 0; i < blob.size() && 0x60 + i < 0x400; ++i) w.bytes()[rs + 0x60 + i] = blob[i];
  if (o.signature) {
    w.U32(0xC00, 8);
    w.U16(0xC04, 0x200);
    w.U16(0xC06, 2);
  }
  return w.bytes();
}

}  // namespace iocscan::testing
