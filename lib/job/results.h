// The stored runs of a job, one folder per run under the job's `results` folder:
//
//   <results>/                      0700, created by the first run
//     .lock                         the job's exclusive lock (platform/job_os.h)
//     state.json                    job/state.h
//     20261201T013012Z-4711/        one run: its id is its start time (UTC) and a number
//       cards.jsonl                 the cards, warnings and summary, as `scan --format jsonl`
//       run.json                    job name, host, start, end, status, hits, counts, options
//     .20261208T013005Z-4790.tmp/   a run being written
//
// A run is written into its hidden temporary folder and renamed to its id once both files are
// complete, so a crash or kill at any moment leaves either a complete run or a temporary folder
// that listings ignore (and the next run under the lock removes). Only folders whose name is a run
// id and that hold a readable run.json are runs: nothing else in the folder is ever listed or pruned.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/warning.h"

namespace iocscan::job {

// "20261201T013012Z-4711" for a run started at `start` by process 4711.
std::string MakeRunId(std::int64_t start, std::uint64_t unique);
bool IsRunId(std::string_view name);

// Creates `dir` (and missing parents) with mode 0700; an existing folder is kept, tightened to
// 0700 when it is ours. Errors: not a folder, cannot create.
Status EnsureResultsDir(const std::string& dir);

// One run being written.
class RunWriter {
 public:
  // Creates <results>/.<id>.tmp/ (0700).
  static Result<RunWriter> Begin(const std::string& results_dir, const std::string& id);

  const std::string& temp_path() const { return temp_; }
  const std::string& final_path() const { return final_; }
  std::string TempFile(std::string_view name) const { return temp_ + "/" + std::string(name); }

  // Writes a file of the run atomically.
  Status Write(std::string_view name, std::string_view contents) const;
  // Renames the temporary folder to its final name: the run becomes visible, complete.
  Status Commit() const;

 private:
  std::string temp_, final_;
};

struct StoredRun {
  std::string id;
  std::string path;        // the run's folder
  nlohmann::ordered_json run;  // run.json
  std::int64_t start = 0;
  std::int64_t end = 0;
  double duration_seconds = 0;
  std::string status;
  std::uint64_t hits = 0;
};

// The complete runs, oldest first. Errors: the results folder cannot be read.
// A missing folder is no runs.
Result<std::vector<StoredRun>> ListRuns(const std::string& results_dir);

struct PruneOutcome {
  std::vector<std::string> removed;  // run ids, and the temporary folders of interrupted runs
  Warnings problems;
};

// Removes the runs that started before now - retention_days (0: none), and the temporary folders
// left by runs that were killed. The caller holds the job's lock (so no temporary folder is live).
PruneOutcome PruneRuns(const std::string& results_dir, int retention_days, std::int64_t now);

}  // namespace iocscan::job
