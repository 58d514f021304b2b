// One run of a job (`iocscan job run`): lock, scan, store, record, prune, act.
//
//   RunRequest request{&job, &clock};  request.interrupt = &g_stop;
//   RunReport report = RunJob(request);    // report.exit_code: 0 no hits, 1 hits, 2 error
//
// Steps: the results folder is created (0700); the job's lock (<results>/.lock) is taken or the
// run stops at once (exit 2, "another run ... is in progress"); a scheduled run records its
// occurrence in the state file first (so a run that crashes is not retried forever); the IOCs are
// prepared and the host scanned with the job's options and time limit; cards.jsonl and run.json are
// written into a temporary folder that is then renamed (results.h); the state file records the
// run; runs past retention and temporary folders of killed runs are removed; on_match runs when
// there were hits. A run that cannot scan (no usable IOC, bad scope) is stored with status
// "failed" and exits 2. Nothing here prints: messages come back in the report.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/warning.h"
#include "job/clock.h"
#include "job/job_file.h"
#include "job/state.h"
#include "scan/progress.h"

namespace iocscan::job {

struct RunRequest {
  const JobFile* job = nullptr;
  const Clock* clock = nullptr;
  const std::atomic<bool>* interrupt = nullptr;   // SIGINT/SIGTERM: stop, status "interrupted"
  std::optional<std::int64_t> occurrence;         // the scheduled occurrence this run is for
  std::function<void(const scan::Progress&)> on_progress;
  // Asked under the lock with the state read there (--if-due): false = no longer due, no run.
  std::function<bool(const JobState&)> still_due;
};

struct RunReport {
  int exit_code = 2;
  std::string run_id;      // "" when no run was stored
  std::string run_dir;
  std::string status;      // complete | timeout | interrupted | failed ("" when none stored)
  std::uint64_t hits = 0;
  std::optional<Error> error;  // why the run failed or could not start
  Warnings notes;          // problems that did not fail the run (pruning, on_match, state file)
  std::vector<std::string> pruned;
  bool skipped = false;    // still_due said no: nothing was run or stored (exit code 0)
};

RunReport RunJob(const RunRequest& request);

}  // namespace iocscan::job
