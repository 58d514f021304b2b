// `iocscan export IOC... -o FILE.zip [--force] [-q]`: writes every given IOC, byte for byte as
// loaded, into one ZIP collection. Validation first: when any input is refused (missing, over the size
// limit, malformed, refused ZIP) nothing is written, so the collection is never a silent subset of
// what was asked for. IOCs that parse but that this platform cannot evaluate are still valid OpenIOC:
// they are exported, with a warning. The ZIP is written atomically and an existing FILE is kept
// unless --force.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "compile/compiler.h"
#include "ioc/collection.h"
#include "ioc/export.h"
#include "report/escape.h"

namespace iocscan::app {
namespace {

struct ExportOptions {
  std::vector<std::string> paths;
  std::string output;
  bool force = false;
  bool quiet = false;
};

std::string Safe(std::string_view s) { return report::TerminalSafe(s); }

int RunExport(const ExportOptions& options) {
  ioc::LoadedIocs loaded = ioc::LoadIocs(options.paths);
  if (!options.quiet) {
    for (const Warning& w : loaded.warnings) {
      std::fprintf(stderr, "iocscan export: warning: %s\n", Safe(w.Text()).c_str());
    }
  }
  // One self-contained line per refused input: what, why, and that nothing was written.
  for (const Warning& r : loaded.refused) {
    std::fprintf(stderr, "iocscan export: %s; %s not written\n", Safe(r.Text()).c_str(),
                 Safe(options.output).c_str());
  }
  if (!loaded.refused.empty()) return kExitError;
  if (loaded.iocs.empty()) {
    std::fprintf(stderr, "iocscan export: no IOC found, %s not written\n", Safe(options.output).c_str());
    return kExitError;
  }

  // Compiled only to tell the user which IOCs this build could not scan for.
  const compile::CompiledSet set = compile::Compile(std::move(loaded.iocs));
  std::vector<const ioc::Ioc*> iocs;
  for (std::size_t i = 0; i < set.size(); ++i) {
    iocs.push_back(&set.ioc(i));
    if (!options.quiet && !set.report(i).usable()) {
      std::fprintf(stderr,
                   "iocscan export: warning: %s: no term is supported on this platform; exported as "
                   "written\n",
                   Safe(set.ioc(i).source).c_str());
    }
  }

  Status written = ioc::ExportZip(iocs, options.output, options.force);
  if (!written.ok()) {
    std::fprintf(stderr, "iocscan export: %s\n", Safe(written.error().Text()).c_str());
    return kExitError;
  }
  if (!options.quiet) {
    std::fprintf(stderr, "wrote %zu IOC(s) to %s\n", iocs.size(), Safe(options.output).c_str());
  }
  return kExitClean;
}

}  // namespace

RunFunction AddExportCommand(CLI::App* sub) {
  auto options = std::make_shared<ExportOptions>();
  sub->add_option("IOC", options->paths, "IOC file, folder or ZIP collection")->required();
  sub->add_option("-o,--output", options->output, "The ZIP collection to write")->required();
  sub->add_flag("--force", options->force, "Replace FILE when it exists");
  sub->add_flag("-q,--quiet", options->quiet, "No warnings and no summary line on stderr (errors still)");
  return [options] { return RunExport(*options); };
}

}  // namespace iocscan::app
