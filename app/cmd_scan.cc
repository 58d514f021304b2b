#include "commands.h"

namespace iocscan::app {

RunFunction AddScanCommand(CLI::App* sub) {
  (void)sub;
  return [] {
    std::fprintf(stderr, "iocscan scan: not yet built\n");
    return kExitError;
  };
}

}  // namespace iocscan::app
