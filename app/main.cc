// iocscan: wires the subcommands; everything else lives in lib/.
#include <cstdio>
#include <vector>

#include "commands.h"

namespace iocscan::app {
namespace {

constexpr CommandSpec kCommands[] = {
    {"scan", "Load IOCs and sweep this host; print a match card per matched IOC", &AddScanCommand},
    {"check", "Parse and validate IOCs without scanning", &AddCheckCommand},
    {"show", "Print an IOC as an indented tree with its metadata", &AddShowCommand},
    {"export", "Write validated IOCs into one ZIP collection", &AddExportCommand},
    {"terms", "List every term iocscan knows and where it is collected", &AddTermsCommand},
    {"job", "Run, check, install and list scheduled scan jobs (TOML job files)", &AddJobCommand},
};

int Main(int argc, char** argv) {
  CLI::App app{"iocscan: scan this host for OpenIOC 1.0/1.1 indicators", "iocscan"};
  app.set_version_flag("--version", "iocscan " IOCSCAN_VERSION);
  // Options are only ever --long or -s (cli.md): on Windows "/Users/x.ioc" is a path on the
  // current drive, which CLI11 would otherwise read as an option. Set before the subcommands,
  // which copy it.
  app.allow_windows_style_options(false);
  app.require_subcommand(1);
  std::vector<RunFunction> runs;
  std::vector<CLI::App*> subs;
  for (const CommandSpec& spec : kCommands) {
    CLI::App* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
    subs.push_back(sub);
    runs.push_back(spec.add(sub));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitClean : kExitError;
  }
  for (size_t i = 0; i < subs.size(); ++i) {
    if (subs[i]->parsed()) return runs[i]();
  }
  return kExitError;
}

}  // namespace
}  // namespace iocscan::app

int main(int argc, char** argv) {
  try {
    return iocscan::app::Main(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "iocscan: %s\n", e.what());
    return iocscan::app::kExitError;
  }
}
