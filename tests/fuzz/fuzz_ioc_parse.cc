// libFuzzer target: one OpenIOC document through ParseIoc. Any input must give an Ioc or an Error
// (never a crash, a hang or a leak), and a parsed Ioc must keep the bytes verbatim.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/warning.h"
#include "ioc/parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  iocscan::Warnings warnings;
  iocscan::Result<iocscan::ioc::Ioc> result = iocscan::ioc::ParseIoc(bytes, "fuzz.ioc", &warnings);
  if (result.ok() && result.value().bytes != bytes) std::abort();  // parse.h: bytes kept verbatim
  return 0;
}
