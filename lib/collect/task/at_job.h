// at(1) spool files (/var/spool/cron/atjobs on Debian, /var/spool/at on Red Hat). Pure.
//
// The file name is the job: "a0000b01a2b3c4" = queue 'a', job number 0x0000b, run time 0x01a2b3c4
// minutes since the epoch. The content is the shell script atd runs: a preamble written by at
// ("# atrun uid=1000 gid=1000", umask, the saved environment, "cd <dir> || { ... }") and then
// the user's commands, inside a here-document "${SHELL:-/bin/sh} << 'marcinDELIMITER...'" since
// at 3.1.14, or plainly after the cd block before.
//
//   std::optional<AtJob> job = ParseAtJobName("a0000b01a2b3c4");
//   ParseAtJobScript(text, &*job);   // uid, commands
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace iocscan::collect {

struct AtJob {
  char queue = 'a';
  std::uint32_t number = 0;
  std::int64_t run_time = 0;          // seconds since the epoch
  std::optional<std::uint32_t> uid;   // from the "# atrun uid=" line
  std::string commands;               // the user's commands, one per line
  std::string path_env;               // PATH saved by at ("PATH=...; export PATH"); "" when none
};

// nullopt when `name` is not an at job file (e.g. ".SEQ", the sequence file).
std::optional<AtJob> ParseAtJobName(std::string_view name);
void ParseAtJobScript(std::string_view text, AtJob* job);
// The first command line of the job (blank and comment lines skipped); "" when none.
std::string FirstCommand(std::string_view commands);

}  // namespace iocscan::collect
