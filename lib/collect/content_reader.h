// The seam between FileItem and the file system for content reads (ninja's DiskInterface idea):
// every open of a file's content goes through a ContentReader, so a test can wrap the real one
// and prove which files were opened — "a file whose name already rules it out is never read".
#pragma once

#include "platform/safe_open.h"

namespace iocscan::collect {

class ContentReader {
 public:
  virtual ~ContentReader() = default;
  // Opens `name` in `dir_fd` for reading, refusing anything but the regular file that was listed.
  virtual platform::OpenResult Open(int dir_fd, const char* name, platform::ListedIdentity expected,
                                    bool follow_symlink) = 0;
};

// The real thing: platform::SafeOpen.
class SafeContentReader final : public ContentReader {
 public:
  platform::OpenResult Open(int dir_fd, const char* name, platform::ListedIdentity expected,
                            bool follow_symlink) override {
    return platform::SafeOpen(dir_fd, name, expected, follow_symlink);
  }
};

}  // namespace iocscan::collect
