// The one-line progress display of `iocscan scan` on a terminal's stderr: files, bytes, rate and
// the current folder, rewritten in place and cleared at the end. Names are escaped (no raw control
// character reaches the terminal) and cut to the terminal's width.
#pragma once

#include <cstdio>

#include "scan/progress.h"

namespace iocscan::app {

class ProgressLine {
 public:
  explicit ProgressLine(std::FILE* terminal) : out_(terminal) {}
  void Show(const scan::Progress& progress);
  void Clear();

 private:
  std::FILE* out_;
  bool shown_ = false;
};

}  // namespace iocscan::app
