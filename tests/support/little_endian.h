// Binary test inputs: an integer as `bytes` little-endian bytes (zeros past its eight), for the
// formats built field by field (.job files, registry DynamicInfo values).
#pragma once

#include <cstdint>
#include <string>

namespace iocscan::testing {

inline std::string LittleEndian(std::uint64_t value, int bytes) {
  std::string out;
  for (int i = 0; i < bytes; ++i) out += static_cast<char>(i < 8 ? (value >> (8 * i)) & 0xff : 0);
  return out;
}

}  // namespace iocscan::testing
