// iocscan show IOC...: each IOC (a file, or every IOC of a folder or ZIP collection) as metadata and
// an indented tree. Refused inputs are one line each on stderr and make the exit code 2.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "compile/render.h"
#include "ioc/collection.h"

namespace iocscan::app {

RunFunction AddShowCommand(CLI::App* sub) {
  auto paths = std::make_shared<std::vector<std::string>>();
  sub->add_option("IOC", *paths, "IOC file, folder or ZIP collection")->required();
  return [paths] {
    ioc::LoadedIocs loaded = ioc::LoadIocs(*paths);
    for (const Warning& w : loaded.warnings) {
      std::fprintf(stderr, "iocscan: warning: %s\n", compile::EscapeForDisplay(w.Text()).c_str());
    }
    for (const Warning& r : loaded.refused) {
      std::fprintf(stderr, "iocscan: %s\n", compile::EscapeForDisplay(r.Text()).c_str());
    }
    for (std::size_t i = 0; i < loaded.iocs.size(); ++i) {
      if (i > 0) std::fputs("\n", stdout);
      std::string text = compile::RenderTree(loaded.iocs[i]);
      std::fwrite(text.data(), 1, text.size(), stdout);
    }
    if (!loaded.refused.empty()) return kExitError;
    if (loaded.iocs.empty()) {
      std::fprintf(stderr, "iocscan: no IOC found\n");
      return kExitError;
    }
    return kExitClean;
  };
}

}  // namespace iocscan::app
