#include "commands.h"

namespace iocscan::app {

RunFunction AddExportCommand(CLI::App* sub) {
  (void)sub;
  return [] {
    std::fprintf(stderr, "iocscan export: not yet built\n");
    return kExitError;
  };
}

}  // namespace iocscan::app
