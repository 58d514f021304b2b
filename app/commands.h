// The table of subcommands. Each command lives in its own app/cmd_<name>.cc: it declares its options
// on the CLI11 subcommand it is given and returns the function that runs it (the exit code).
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string_view>

namespace iocscan::app {

// Exit codes (cli.md): like grep and clamscan.
inline constexpr int kExitClean = 0;    // no IOC matched / everything usable
inline constexpr int kExitMatched = 1;  // at least one IOC matched (scan), not due (job due)
inline constexpr int kExitError = 2;    // bad arguments, no usable IOC, cannot write output

using RunFunction = std::function<int()>;

struct CommandSpec {
  std::string_view name;
  std::string_view summary;
  RunFunction (*add)(CLI::App* sub);
};

RunFunction AddScanCommand(CLI::App* sub);
RunFunction AddCheckCommand(CLI::App* sub);
RunFunction AddShowCommand(CLI::App* sub);
RunFunction AddExportCommand(CLI::App* sub);
RunFunction AddTermsCommand(CLI::App* sub);
RunFunction AddJobCommand(CLI::App* sub);

}  // namespace iocscan::app
