// A problem that does not stop the work: an IOC skipped, a term that cannot be collected, a ZIP
// entry ignored. Warnings are collected as values and reported by the CLI (text or JSON).
#pragma once

#include <string>
#include <vector>

namespace iocscan {

struct Warning {
  std::string source;   // file, "bundle.zip:inner/x.ioc", or "" for the scan itself
  std::string message;  // one line, no trailing period

  std::string Text() const { return source.empty() ? message : source + ": " + message; }
};

using Warnings = std::vector<Warning>;

}  // namespace iocscan
