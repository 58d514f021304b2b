#include "collect/user/lastlog.h"


namespace iocscan::collect {
namespace {

// A fixed-size char array: up to its first NUL.
std::string CField(std::string_view bytes) { return std::string(bytes.substr(0, bytes.find('\0'))); }

}  // namespace

std::optional<LastlogRecord> ParseLastlogRecord(std::string_view record) {
  if (record.size() < kLastlogRecordSize) return std::nullopt;
  const auto* b = reinterpret_cast<const unsigned char*>(record.data());
  // Little-endian whatever the host (the records are read from x86_64/aarch64 images).
  std::uint32_t raw = b[0] | (b[1] << 8) | (b[2] << 16) | (static_cast<std::uint32_t>(b[3]) << 24);
  std::int32_t t = static_cast<std::int32_t>(raw);
  if (t == 0) return std::nullopt;
  return LastlogRecord{t, CField(record.substr(4, 32)), CField(record.substr(36, 256))};
}

}  // namespace iocscan::collect
