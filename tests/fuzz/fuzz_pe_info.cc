// libFuzzer target: the PE parser over arbitrary bytes, both as a whole file and as the beginning
// of a larger one. It must never read outside the span, crash or loop, whatever the offsets say.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <span>

#include "collect/pe/pe_info.h"

namespace pe = iocscan::collect::pe;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::span<const unsigned char> bytes(data, size);
  std::optional<pe::PeInfo> info = pe::ParsePe(bytes);
  if (info) {
    (void)pe::TypeName(*info);
    (void)pe::SubsystemName(info->subsystem);
    for (const pe::Section& s : info->sections) {
      if (s.entropy && (*s.entropy < 0.0 || *s.entropy > 8.0 + 1e-9)) std::abort();  // bits per byte
    }
  }
  // The same bytes as the first part of a file ten times larger: still bounded by the span.
  (void)pe::ParsePe(bytes, static_cast<std::uint64_t>(size) * 10 + 1);
  return 0;
}
