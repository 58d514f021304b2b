#include "collect/pe/version_resource.h"

#include <cstdint>

namespace iocscan::collect::pe {
namespace {

constexpr std::size_t kMaxKeyUnits = 256;
constexpr std::size_t kMaxValueUnits = 4096;

std::uint64_t Align4(std::uint64_t v) { return (v + 3) & ~std::uint64_t{3}; }

void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// One block of the version resource: wLength, wValueLength, wType, szKey, padding, value,
// padding, children. All offsets are relative to the blob (which Windows aligns to 4).
struct Block {
  std::uint64_t end = 0;       // one past the block (clamped to the parent)
  std::uint64_t value = 0;     // where the value starts
  std::uint16_t value_length = 0;
  std::string key;             // UTF-8
};

class Blob {
 public:
  explicit Blob(std::span<const unsigned char> b) : b_(b) {}

  std::uint16_t U16(std::uint64_t off) const {
    return static_cast<std::uint16_t>(b_[off] | (b_[off + 1] << 8));
  }

  // Length in bytes of the NUL-terminated UTF-16 string at off (without the NUL), searching at
  // most `max_units` units before `end`; *terminated tells whether a NUL was found.
  std::uint64_t WideLength(std::uint64_t off, std::uint64_t end, std::size_t max_units, bool* terminated) const {
    std::uint64_t p = off;
    *terminated = false;
    for (std::size_t n = 0; p + 2 <= end && n < max_units; ++n, p += 2) {
      if (U16(p) == 0) {
        *terminated = true;
        break;
      }
    }
    return p - off;
  }

  bool ReadBlock(std::uint64_t off, std::uint64_t limit, Block* out) const {
    if (off + 6 > limit) return false;
    std::uint16_t length = U16(off);
    if (length < 6) return false;
    out->end = std::min<std::uint64_t>(off + length, limit);
    out->value_length = U16(off + 2);
    bool terminated = false;
    std::uint64_t key_bytes = WideLength(off + 6, out->end, kMaxKeyUnits, &terminated);
    out->key = Utf16LeToUtf8(b_.subspan(off + 6, key_bytes));
    out->value = Align4(off + 6 + key_bytes + 2);
    return terminated;
  }

  // Calls fn(block) for each child block between `begin` and `end`; each step advances by at
  // least 8 bytes, so the walk ends.
  template <class Fn>
  void ForEachChild(std::uint64_t begin, std::uint64_t end, Fn fn) const {
    for (std::uint64_t p = Align4(begin); p + 6 <= end;) {
      Block child;
      if (!ReadBlock(p, end, &child)) return;
      if (!fn(child)) return;
      p = Align4(p + U16(p));
    }
  }

  std::string WideValue(std::uint64_t off, std::uint64_t end) const {
    if (off >= end) return {};
    bool terminated = false;
    std::uint64_t bytes = WideLength(off, end, kMaxValueUnits, &terminated);
    return Utf16LeToUtf8(b_.subspan(off, bytes));
  }

  std::uint64_t size() const { return b_.size(); }

 private:
  std::span<const unsigned char> b_;
};

void ParseStringTable(const Blob& blob, const Block& table, const PeLimits& limits, PeInfo& info) {
  VersionTable out;
  out.language = table.key;
  blob.ForEachChild(table.value, table.end, [&](const Block& s) {
    if (out.strings.size() >= limits.max_version_strings) {
      info.truncated = true;
      return false;
    }
    // wValueLength counts characters, but some linkers write bytes; the NUL ends the text anyway.
    out.strings.emplace_back(s.key, s.value_length == 0 ? std::string() : blob.WideValue(s.value, s.end));
    return true;
  });
  info.version_info.push_back(std::move(out));
}

}  // namespace

std::string Utf16LeToUtf8(std::span<const unsigned char> bytes) {
  std::string out;
  std::size_t n = bytes.size() / 2;
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t u = bytes[2 * i] | (bytes[2 * i + 1] << 8);
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n) {
      std::uint32_t lo = bytes[2 * i + 2] | (bytes[2 * i + 3] << 8);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        AppendUtf8(out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
        ++i;
        continue;
      }
    }
    AppendUtf8(out, (u >= 0xD800 && u <= 0xDFFF) ? 0xFFFD : u);
  }
  return out;
}

void ParseVersionResource(std::span<const unsigned char> bytes, const PeLimits& limits, PeInfo& info) {
  Blob blob(bytes);
  Block root;
  if (!blob.ReadBlock(0, blob.size(), &root)) return;
  // VS_VERSION_INFO's value is the binary VS_FIXEDFILEINFO (wValueLength bytes).
  std::uint64_t children = root.value + root.value_length;
  blob.ForEachChild(children, root.end, [&](const Block& info_block) {
    if (info_block.key != "StringFileInfo") return true;  // VarFileInfo and others
    blob.ForEachChild(info_block.value, info_block.end, [&](const Block& table) {
      if (info.version_info.size() >= limits.max_version_tables) {
        info.truncated = true;
        return false;
      }
      ParseStringTable(blob, table, limits, info);
      return true;
    });
    return true;
  });
}

}  // namespace iocscan::collect::pe
