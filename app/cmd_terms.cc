#include "commands.h"

namespace iocscan::app {

RunFunction AddTermsCommand(CLI::App* sub) {
  (void)sub;
  return [] {
    std::fprintf(stderr, "iocscan terms: not yet built\n");
    return kExitError;
  };
}

}  // namespace iocscan::app
