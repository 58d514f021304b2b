// The portable parts of walk/walker.h, shared by every back end.
#include "walk/walker.h"

namespace iocscan::walk {

std::string_view SkipReasonName(SkipReason r) {
  switch (r) {
    case SkipReason::kPseudoFs:
      return "pseudo-filesystem";
    case SkipReason::kNetworkFs:
      return "network-filesystem";
    case SkipReason::kOtherDevice:
      return "other-device";
  }
  return "other-device";
}

std::uint64_t WalkStats::error_count() const {
  std::uint64_t n = 0;
  for (const auto& [err, count] : errors) n += count;
  return n;
}

void WalkStats::Merge(const WalkStats& o) {
  files += o.files;
  dirs += o.dirs;
  skipped_excluded += o.skipped_excluded;
  depth_capped += o.depth_capped;
  for (const auto& [err, count] : o.errors) errors[err] += count;
  for (const ErrorExample& e : o.error_examples) {
    if (error_examples.size() >= kMaxErrorExamples) break;
    error_examples.push_back(e);
  }
  skipped_mounts.insert(skipped_mounts.end(), o.skipped_mounts.begin(), o.skipped_mounts.end());
  stopped = stopped || o.stopped;
}

}  // namespace iocscan::walk
