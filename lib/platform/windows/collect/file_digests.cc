#include "platform/windows/collect/file_digests.h"

#include "core/limits.h"
#include "platform/safe_open.h"

namespace iocscan::platform::win {

std::optional<hash::Digests> DigestFile(const std::string& utf8_path, hash::DigestMask mask, bool follow_links) {
  OpenResult opened = SafeOpen(kCurrentDir, utf8_path.c_str(), {}, follow_links);
  if (!opened.ok() || opened.file.size() > limits::kDefaultMaxReadBytes) return std::nullopt;
  hash::MultiDigest d(mask ? mask : hash::kAllDigests);
  static thread_local char buffer[1 << 16];
  std::int64_t n = 0;
  while ((n = opened.file.Read(buffer, sizeof buffer)) > 0) d.Update(buffer, static_cast<std::size_t>(n));
  if (n < 0) return std::nullopt;
  return d.Finish();
}

}  // namespace iocscan::platform::win
