#include "collect/pe/pe_info.h"

#include "collect/pe/version_resource.h"

#include <array>
#include <cmath>

namespace iocscan::collect::pe {
namespace {

constexpr std::uint16_t kDllFlag = 0x2000;  // IMAGE_FILE_DLL
constexpr std::size_t kExportDir = 0, kImportDir = 1, kResourceDir = 2, kSecurityDir = 4;
constexpr std::uint32_t kRtVersion = 16;

// Bounds-checked little-endian reads over the span; every accessor fails rather than overrun.
class Bytes {
 public:
  explicit Bytes(std::span<const unsigned char> b) : b_(b) {}
  std::uint64_t size() const { return b_.size(); }
  bool Has(std::uint64_t off, std::uint64_t len) const {
    return off <= b_.size() && len <= b_.size() - off;
  }
  bool U16(std::uint64_t off, std::uint16_t* v) const {
    if (!Has(off, 2)) return false;
    *v = static_cast<std::uint16_t>(b_[off] | (b_[off + 1] << 8));
    return true;
  }
  bool U32(std::uint64_t off, std::uint32_t* v) const {
    if (!Has(off, 4)) return false;
    *v = static_cast<std::uint32_t>(b_[off]) | (static_cast<std::uint32_t>(b_[off + 1]) << 8) |
         (static_cast<std::uint32_t>(b_[off + 2]) << 16) | (static_cast<std::uint32_t>(b_[off + 3]) << 24);
    return true;
  }
  bool U64(std::uint64_t off, std::uint64_t* v) const {
    std::uint32_t lo = 0, hi = 0;
    if (!U32(off, &lo) || !U32(off + 4, &hi)) return false;
    *v = lo | (static_cast<std::uint64_t>(hi) << 32);
    return true;
  }
  // A NUL-terminated byte string of at most `max` bytes; false when it leaves the span.
  bool CString(std::uint64_t off, std::size_t max, std::string* out) const {
    out->clear();
    for (std::uint64_t i = off; i < b_.size(); ++i) {
      if (b_[i] == 0) return true;
      if (out->size() >= max) return true;  // cut, not failed: the name is still useful
      out->push_back(static_cast<char>(b_[i]));
    }
    return false;
  }
  std::span<const unsigned char> Sub(std::uint64_t off, std::uint64_t len) const {
    return Has(off, len) ? b_.subspan(off, len) : std::span<const unsigned char>();
  }

 private:
  std::span<const unsigned char> b_;
};

struct DataDir {
  std::uint32_t rva = 0;
  std::uint32_t size = 0;
};

struct Image {
  Bytes bytes;
  const PeLimits& limits;
  PeInfo& info;
  std::array<DataDir, 16> dirs{};
  std::uint32_t size_of_headers = 0;

  // RVA -> file offset through the section table; nullopt when no section maps it.
  std::optional<std::uint64_t> Offset(std::uint32_t rva) const {
    for (const Section& s : info.sections) {
      std::uint64_t span = std::max(s.virtual_size, s.raw_size);
      if (rva >= s.virtual_address && rva - s.virtual_address < span) {
        std::uint64_t delta = rva - s.virtual_address;
        if (delta >= s.raw_size) return std::nullopt;  // in the zero-filled tail, not in the file
        return static_cast<std::uint64_t>(s.raw_offset) + delta;
      }
    }
    if (rva < size_of_headers) return rva;
    return std::nullopt;
  }
  bool StringAt(std::uint32_t rva, std::string* out) {
    auto off = Offset(rva);
    if (!off || !bytes.CString(*off, limits.max_name_bytes, out)) {
      info.truncated = true;
      return false;
    }
    return true;
  }
};

bool ParseHeaders(Image& img, std::uint64_t* section_table) {
  std::uint32_t lfanew = 0, signature = 0;
  std::uint16_t mz = 0;
  if (!img.bytes.U16(0, &mz) || mz != 0x5A4D || !img.bytes.U32(0x3C, &lfanew)) return false;
  if (!img.bytes.U32(lfanew, &signature) || signature != 0x00004550) return false;
  std::uint64_t coff = static_cast<std::uint64_t>(lfanew) + 4;
  std::uint16_t opt_size = 0;
  if (!img.bytes.U16(coff, &img.info.machine) || !img.bytes.U16(coff + 2, &img.info.number_of_sections) ||
      !img.bytes.U32(coff + 4, &img.info.timestamp) || !img.bytes.U16(coff + 16, &opt_size) ||
      !img.bytes.U16(coff + 18, &img.info.characteristics)) {
    return false;
  }
  img.info.is_dll = (img.info.characteristics & kDllFlag) != 0;
  std::uint64_t opt = coff + 20;
  *section_table = opt + opt_size;
  std::uint16_t magic = 0;
  if (opt_size < 2 || !img.bytes.U16(opt, &magic) || (magic != 0x10b && magic != 0x20b)) {
    return true;  // an image without a (known) optional header: COFF facts only
  }
  PeInfo& info = img.info;
  info.has_optional_header = true;
  info.pe32_plus = magic == 0x20b;
  std::uint64_t dir_base = opt + (info.pe32_plus ? 112 : 96);
  std::uint32_t base32 = 0, dir_count = 0;
  bool ok = info.pe32_plus ? img.bytes.U64(opt + 24, &info.image_base)
                           : img.bytes.U32(opt + 28, &base32);
  if (!info.pe32_plus) info.image_base = base32;
  ok = ok && img.bytes.U32(opt + 60, &img.size_of_headers) && img.bytes.U32(opt + 64, &info.checksum) &&
       img.bytes.U16(opt + 68, &info.subsystem) &&
       img.bytes.U32(opt + (info.pe32_plus ? 108 : 92), &dir_count);
  if (!ok) {
    info.truncated = true;
    return true;
  }
  for (std::uint32_t i = 0; i < dir_count && i < img.dirs.size(); ++i) {
    std::uint64_t at = dir_base + 8ull * i;
    if (at + 8 > opt + opt_size) break;  // the directory must lie inside the optional header
    if (!img.bytes.U32(at, &img.dirs[i].rva) || !img.bytes.U32(at + 4, &img.dirs[i].size)) break;
  }
  return true;
}

void ParseSections(Image& img, std::uint64_t table) {
  std::size_t count = std::min<std::size_t>(img.info.number_of_sections, img.limits.max_sections);
  if (count < img.info.number_of_sections) img.info.truncated = true;
  for (std::size_t i = 0; i < count; ++i) {
    std::uint64_t at = table + 40ull * i;
    Section s;
    if (!img.bytes.Has(at, 40) || !img.bytes.U32(at + 8, &s.virtual_size) ||
        !img.bytes.U32(at + 12, &s.virtual_address) || !img.bytes.U32(at + 16, &s.raw_size) ||
        !img.bytes.U32(at + 20, &s.raw_offset) || !img.bytes.U32(at + 36, &s.characteristics)) {
      img.info.truncated = true;
      return;
    }
    for (std::span<const unsigned char> n = img.bytes.Sub(at, 8); unsigned char c : n) {
      if (c == 0) break;
      s.name.push_back(static_cast<char>(c));
    }
    std::span<const unsigned char> raw = img.bytes.Sub(s.raw_offset, s.raw_size);
    if (raw.size() == s.raw_size) {
      s.entropy = Entropy(raw);
    } else {
      img.info.truncated = true;
    }
    img.info.sections.push_back(std::move(s));
  }
}

void ParseImportThunks(Image& img, std::uint32_t thunk_rva, ImportedModule& module, std::size_t* total) {
  auto off = img.Offset(thunk_rva);
  if (!off) {
    img.info.truncated = true;
    return;
  }
  const std::uint64_t width = img.info.pe32_plus ? 8 : 4;
  for (std::size_t i = 0;; ++i) {
    if (i >= img.limits.max_functions_per_module || *total >= img.limits.max_total_imports) {
      img.info.truncated = true;
      return;
    }
    std::uint64_t entry = 0;
    std::uint32_t e32 = 0;
    bool ok = width == 8 ? img.bytes.U64(*off + i * width, &entry) : img.bytes.U32(*off + i * width, &e32);
    if (width == 4) entry = e32;
    if (!ok) {
      img.info.truncated = true;
      return;
    }
    if (entry == 0) return;
    std::uint64_t ordinal_flag = width == 8 ? (1ull << 63) : (1ull << 31);
    std::string name;
    if (entry & ordinal_flag) {
      name = "#" + std::to_string(entry & 0xFFFF);
    } else if (!img.StringAt(static_cast<std::uint32_t>(entry & 0x7FFFFFFF) + 2, &name)) {
      continue;  // skip the unreadable name, keep the rest
    }
    module.functions.push_back(std::move(name));
    ++*total;
  }
}

void ParseImports(Image& img) {
  const DataDir& dir = img.dirs[kImportDir];
  if (dir.rva == 0 || dir.size == 0) return;
  auto off = img.Offset(dir.rva);
  if (!off) {
    img.info.truncated = true;
    return;
  }
  std::size_t total = 0;
  for (std::size_t i = 0;; ++i) {
    if (i >= img.limits.max_modules) {
      img.info.truncated = true;
      return;
    }
    std::uint64_t at = *off + 20ull * i;
    std::uint32_t lookup = 0, name_rva = 0, first_thunk = 0;
    if (!img.bytes.U32(at, &lookup) || !img.bytes.U32(at + 12, &name_rva) ||
        !img.bytes.U32(at + 16, &first_thunk)) {
      img.info.truncated = true;
      return;
    }
    if (lookup == 0 && name_rva == 0 && first_thunk == 0) return;  // the terminating descriptor
    ImportedModule module;
    img.StringAt(name_rva, &module.name);
    std::uint32_t thunks = lookup != 0 ? lookup : first_thunk;
    if (thunks != 0) ParseImportThunks(img, thunks, module, &total);
    img.info.imports.push_back(std::move(module));
  }
}

void ParseExports(Image& img) {
  const DataDir& dir = img.dirs[kExportDir];
  if (dir.rva == 0 || dir.size == 0) return;
  auto off = img.Offset(dir.rva);
  std::uint32_t name_rva = 0, names_rva = 0;
  PeInfo& info = img.info;
  if (!off || !img.bytes.U32(*off + 4, &info.export_timestamp) || !img.bytes.U32(*off + 12, &name_rva) ||
      !img.bytes.U32(*off + 20, &info.export_function_count) ||
      !img.bytes.U32(*off + 24, &info.export_name_count) || !img.bytes.U32(*off + 32, &names_rva)) {
    info.truncated = true;
    return;
  }
  info.has_exports = true;
  img.StringAt(name_rva, &info.export_dll_name);
  if (info.export_name_count == 0) return;
  auto names = img.Offset(names_rva);
  if (!names) {
    info.truncated = true;
    return;
  }
  std::size_t count = std::min<std::size_t>(info.export_name_count, img.limits.max_exports);
  if (count < info.export_name_count) info.truncated = true;
  for (std::size_t i = 0; i < count; ++i) {
    std::uint32_t rva = 0;
    if (!img.bytes.U32(*names + 4ull * i, &rva)) {
      info.truncated = true;
      return;
    }
    std::string name;
    if (img.StringAt(rva, &name)) info.exports.push_back(std::move(name));
  }
}

void ParseSignature(Image& img, std::uint64_t file_size) {
  // The security directory holds a file offset (not an RVA) of the certificate table.
  const DataDir& dir = img.dirs[kSecurityDir];
  img.info.signature_exists = dir.rva != 0 && dir.size >= 8 &&
                              static_cast<std::uint64_t>(dir.rva) + dir.size <= file_size;
}

// Resource tree: type -> name -> language -> data entry. Offsets inside the tree are relative to
// the start of the resource directory; fixed depth, so no recursion and no cycles to follow.
struct ResourceDir {
  std::uint64_t base;  // file offset of the resource directory
};

// Calls `fn(id, offset_field)` for each entry of the directory at `dir_off` (relative).
template <class Fn>
void ForEachResourceEntry(Image& img, const ResourceDir& rd, std::uint32_t dir_off, std::size_t cap, Fn fn) {
  std::uint16_t named = 0, ids = 0;
  std::uint64_t at = rd.base + dir_off;
  if (!img.bytes.U16(at + 12, &named) || !img.bytes.U16(at + 14, &ids)) {
    img.info.truncated = true;
    return;
  }
  std::size_t count = std::min<std::size_t>(static_cast<std::size_t>(named) + ids, cap);
  for (std::size_t i = 0; i < count; ++i) {
    std::uint32_t id = 0, target = 0;
    if (!img.bytes.U32(at + 16 + 8ull * i, &id) || !img.bytes.U32(at + 20 + 8ull * i, &target)) {
      img.info.truncated = true;
      return;
    }
    if (!fn(id, target)) return;
  }
}

void ParseResources(Image& img) {
  const DataDir& dir = img.dirs[kResourceDir];
  if (dir.rva == 0 || dir.size == 0) return;
  auto base = img.Offset(dir.rva);
  if (!base) {
    img.info.truncated = true;
    return;
  }
  ResourceDir rd{*base};
  constexpr std::uint32_t kSubdir = 0x80000000u;
  std::size_t blobs = 0;
  ForEachResourceEntry(img, rd, 0, 4096, [&](std::uint32_t type, std::uint32_t t1) {
    if ((type & kSubdir) || type != kRtVersion) return true;  // named types are never RT_VERSION
    if (!(t1 & kSubdir)) return false;
    ForEachResourceEntry(img, rd, t1 & ~kSubdir, 64, [&](std::uint32_t, std::uint32_t t2) {
      if (!(t2 & kSubdir)) return true;
      ForEachResourceEntry(img, rd, t2 & ~kSubdir, 64, [&](std::uint32_t, std::uint32_t t3) {
        if (t3 & kSubdir) return true;  // a fourth level does not exist in a valid tree
        std::uint32_t data_rva = 0, size = 0;
        if (!img.bytes.U32(rd.base + t3, &data_rva) || !img.bytes.U32(rd.base + t3 + 4, &size)) {
          img.info.truncated = true;
          return false;
        }
        auto data = img.Offset(data_rva);
        std::span<const unsigned char> blob = data ? img.bytes.Sub(*data, size) : std::span<const unsigned char>();
        if (blob.size() != size || size == 0) {
          img.info.truncated = true;
          return true;
        }
        ParseVersionResource(blob, img.limits, img.info);
        return ++blobs < 4;
      });
      return blobs < 4;
    });
    return false;
  });
}

}  // namespace

std::optional<PeInfo> ParsePe(std::span<const unsigned char> bytes, std::uint64_t file_size,
                              const PeLimits& limits) {
  PeInfo info;
  Image img{Bytes(bytes), limits, info};
  std::uint64_t section_table = 0;
  if (!ParseHeaders(img, &section_table)) return std::nullopt;
  if (file_size < bytes.size()) file_size = bytes.size();
  ParseSections(img, section_table);
  if (info.has_optional_header) {
    ParseImports(img);
    ParseExports(img);
    ParseResources(img);
    ParseSignature(img, file_size);
  }
  return info;
}

std::string_view TypeName(const PeInfo& info) { return info.is_dll ? "DLL" : "Executable"; }

std::string_view SubsystemName(std::uint16_t subsystem) {
  switch (subsystem) {
    case 1: return "Native";
    case 2: return "Windows_GUI";
    case 3: return "Windows_CUI";
    case 5: return "OS2_CUI";
    case 7: return "POSIX_CUI";
    case 8: return "Native_Windows";
    case 9: return "Windows_CE_GUI";
    case 10: return "EFI_Application";
    case 11: return "EFI_Boot_Service_Driver";
    case 12: return "EFI_Runtime_Driver";
    case 13: return "EFI_ROM";
    case 14: return "Xbox";
    case 16: return "Windows_Boot_Application";
    default: return "Unknown";
  }
}

double Entropy(std::span<const unsigned char> bytes) {
  if (bytes.empty()) return 0;
  std::array<std::uint64_t, 256> counts{};
  for (unsigned char c : bytes) ++counts[c];
  double h = 0;
  const double n = static_cast<double>(bytes.size());
  for (std::uint64_t c : counts) {
    if (c == 0) continue;
    double p = static_cast<double>(c) / n;
    h -= p * std::log2(p);
  }
  return h;
}

}  // namespace iocscan::collect::pe
