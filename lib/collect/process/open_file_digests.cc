#include "collect/process/open_file_digests.h"

#include <sys/stat.h>

#include <optional>
#include <vector>

namespace iocscan::collect {
namespace {

std::optional<hash::Digests> ReadDigests(platform::OpenedFile& file, hash::DigestMask mask) {
  hash::MultiDigest digest(mask);
  std::vector<char> buffer(1 << 16);
  while (true) {
    std::int64_t n = file.Read(buffer.data(), buffer.size());
    if (n < 0) return std::nullopt;
    if (n == 0) break;
    digest.Update(buffer.data(), static_cast<std::size_t>(n));
  }
  return digest.Finish();
}

}  // namespace

const hash::Digests* OpenFileDigests::Of(const platform::ProcFs& proc, int pid, const char* link) {
  struct stat st {};
  if (proc.StatTarget(pid, link, &st) != platform::ProcStatus::kOk || !S_ISREG(st.st_mode)) return nullptr;
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes_) return nullptr;
  Key key{st.st_dev, st.st_ino, st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec};
  auto it = cache_.find(key);
  if (it != cache_.end()) return &it->second;
  // Failures are not kept: whether the magic link may be opened depends on the process, not the file.
  platform::OpenResult opened = proc.OpenTarget(pid, link, {st.st_dev, st.st_ino});
  if (!opened.ok()) return nullptr;
  std::optional<hash::Digests> d = ReadDigests(opened.file, mask_);
  if (!d) return nullptr;
  return &cache_.emplace(key, std::move(*d)).first->second;
}

}  // namespace iocscan::collect
