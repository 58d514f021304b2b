#include "commands.h"

namespace iocscan::app {

RunFunction AddCheckCommand(CLI::App* sub) {
  (void)sub;
  return [] {
    std::fprintf(stderr, "iocscan check: not yet built\n");
    return kExitError;
  };
}

}  // namespace iocscan::app
