#include "collect/program_file.h"

#include <sys/stat.h>

#include "core/limits.h"

namespace iocscan::collect {

std::string ResolveProgram(const platform::RootFs& fs, std::string_view program, std::string_view search_path) {
  if (program.empty() || program.find('/') != std::string_view::npos) return std::string(program);
  while (!search_path.empty()) {
    std::size_t colon = search_path.find(':');
    std::string_view dir = search_path.substr(0, colon);
    search_path = colon == std::string_view::npos ? std::string_view() : search_path.substr(colon + 1);
    if (dir.empty() || dir[0] != '/') continue;
    std::string candidate = std::string(dir) + "/" + std::string(program);
    std::optional<struct stat> st = fs.Stat(candidate);
    if (st && S_ISREG(st->st_mode)) return candidate;
  }
  return std::string(program);
}

compile::FieldValue ProgramDigests::Field(std::string hash::Digests::*digest) {
  if (!digests_) {
    digests_.emplace();
    if (!path_.empty() && path_[0] == '/') {
      platform::OpenResult opened = fs_.OpenFile(path_);
      if (opened.ok() && opened.file.size() <= limits::kDefaultMaxReadBytes) {
        hash::MultiDigest d(mask_ ? mask_ : hash::kAllDigests);
        char buffer[65536];
        std::int64_t n = 0;
        while ((n = opened.file.Read(buffer, sizeof buffer)) > 0) d.Update(buffer, static_cast<std::size_t>(n));
        if (n == 0) digests_ = d.Finish();
      }
    }
  }
  const std::string& value = (*digests_).*digest;
  if (value.empty()) return {};
  return {compile::Scalar{value, 0, 0}};
}

}  // namespace iocscan::collect
