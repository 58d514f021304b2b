#include "commands.h"

namespace iocscan::app {

RunFunction AddShowCommand(CLI::App* sub) {
  (void)sub;
  return [] {
    std::fprintf(stderr, "iocscan show: not yet built\n");
    return kExitError;
  };
}

}  // namespace iocscan::app
