// iocscan show IOC...: each IOC (a file, or every IOC of a folder or ZIP collection) as metadata and
// an indented tree. Refused inputs are one line each on stderr and make the exit code 2.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "compile/compiler.h"
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
    // Compiled only to mark the terms this build cannot evaluate; shown as written otherwise.
    compile::CompiledSet set = compile::Compile(loaded.iocs);
    for (std::size_t i = 0; i < set.size(); ++i) {
      if (i > 0) std::fputs("\n", stdout);
      std::string text = compile::RenderTree(set.ioc(i), &set.report(i));
      std::fwrite(text.data(), 1, text.size(), stdout);
    }
    if (!loaded.refused.empty()) return kExitError;
    if (set.size() == 0) {
      std::fprintf(stderr, "iocscan: no IOC found\n");
      return kExitError;
    }
    return kExitClean;
  };
}

}  // namespace iocscan::app
