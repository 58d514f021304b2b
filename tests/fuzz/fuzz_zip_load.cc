// libFuzzer target: a ZIP collection through LoadIocs. The loader reads archives by path, so each
// input is written to one temp file named *.zip (created once per process, rewritten per input).
// Any archive must load, or be refused as a value: never a crash, a hang, a leak or a write to disk.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "ioc/collection.h"

namespace {

// Removes the temp file when the fuzzer exits normally (crashes leave it in $TMPDIR).
struct TempZip {
  std::string path;
  TempZip() {
    const char* dir = std::getenv("TMPDIR");
    std::string tmpl = std::string(dir && *dir ? dir : "/tmp") + "/iocscan-fuzz-XXXXXX.zip";
    int fd = mkstemps(tmpl.data(), 4);
    if (fd < 0) {
      std::perror("mkstemps");
      std::abort();
    }
    close(fd);
    path = tmpl;
  }
  ~TempZip() { std::remove(path.c_str()); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static TempZip zip;
  std::FILE* f = std::fopen(zip.path.c_str(), "wb");
  if (f == nullptr) std::abort();
  if (size > 0 && std::fwrite(data, 1, size, f) != size) std::abort();
  if (std::fclose(f) != 0) std::abort();
  iocscan::ioc::LoadedIocs loaded = iocscan::ioc::LoadIocs({zip.path});
  // Every IOC of an archive is named "archive.zip:inner/path".
  for (const iocscan::ioc::Ioc& ioc : loaded.iocs) {
    if (ioc.source.rfind(zip.path + ":", 0) != 0) std::abort();
  }
  return 0;
}
