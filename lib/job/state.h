// The small state file of a job, `<results>/state.json`: which scheduled occurrence was last run and
// how the last run went. `job due` reads it, `job run` writes it (atomically, under the job's lock).
//
//   {"last_occurrence":"2026-12-01T01:30:00Z",
//    "last_run":{"id":"20261201T013012Z-4711","start":"...","end":"...","status":"complete","hits":0}}
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"

namespace iocscan::job {

struct LastRun {
  std::string id;
  std::int64_t start = 0;
  std::int64_t end = 0;
  std::string status;
  std::uint64_t hits = 0;
};

struct JobState {
  std::optional<std::int64_t> last_occurrence;
  std::optional<LastRun> last_run;
};

std::string StatePath(const std::string& results_dir);

// A missing file is an empty state; a file that cannot be read or parsed is an error.
Result<JobState> LoadState(const std::string& results_dir);

Status SaveState(const std::string& results_dir, const JobState& state);

}  // namespace iocscan::job
