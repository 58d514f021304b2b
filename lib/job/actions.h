// The job's on_match action: an argv (no shell) whose arguments may hold placeholders, run when a
// run stored hits. Placeholders are replaced inside any argument, as often as they appear:
//   {run_dir}  the run's folder        {cards}   its cards.jsonl
//   {hits}     the number of cards     {run_id}  the run's id       {job}  the job's name
// Other text in braces is left as written. The program is started with posix_spawn
// (platform/job_os.h), stdin /dev/null, sharing iocscan's stdout and stderr; iocscan waits for it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/result.h"

namespace iocscan::job {

std::vector<std::string> ExpandPlaceholders(const std::vector<std::string>& argv,
                                            const std::map<std::string, std::string>& values);

// Runs the expanded argv; the program's exit status (128 + signal when killed by one).
Result<int> RunAction(const std::vector<std::string>& argv);

}  // namespace iocscan::job
