// A job file: one task an administrator sets up once (TOML, see samples/jobs/*.toml and
// schemas/job.schema.json). Parsing validates everything a run, `due` or `install` relies on, so a
// bad file is refused before anything happens, with one line naming the file, the line, the key
// and the problem:
//
//   Result<JobFile> job = LoadJobFile("/etc/iocscan/weekly.toml");
//   // error: "/etc/iocscan/weekly.toml:14: schedule.every: must be from 1 to 1000"
//
// Keys (defaults in parentheses; every other key is an error):
//   name             1..100 characters, none of " * < > ? \ : | and no control character
//   iocs             IOC files, folders or ZIPs (at least one)
//   documents        ([]: every document the IOCs use)
//   results          folder of the stored runs (created 0700 if missing)
//   retention_days   (0: keep every run) runs that started longer ago are pruned after each run
//   time_limit       (none) a duration ("2h"): the scan stops there, status "timeout"
//   [scope]          paths ([]: the whole local filesystem), exclude, max_size ("512M"),
//                    one_file_system, follow_symlinks, network_mounts, low_priority (false), threads (0)
//   [retrospective]  since, until: ISO 8601 or a duration ago ("2d"), resolved when the job runs
//   [schedule]       frequency (required), every (1), days (weekly, required there), at ("00:00"; a
//                    full local date-time for once), start, end (local dates or date-times),
//                    run_missed (false), randomize (none)  -- semantics in schedule.h
//   [actions]        on_match: argv run when a run has hits; placeholders {run_dir} {cards} {hits}
// Paths: relative ones are relative to the job file's folder and normalised ("../iocs" next to the
// job's folder). Where iocscan writes and deletes (`results`) and what it executes (on_match's
// program) must not contain a ".." component: a job file says plainly where it writes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "job/schedule.h"
#include "scan/scan_options.h"

namespace iocscan::job {

struct JobFile {
  std::string path;                  // absolute path of the job file itself
  std::string name;
  std::vector<std::string> iocs;     // absolute
  std::vector<std::string> documents;
  std::string results;               // absolute
  int retention_days = 0;
  std::int64_t time_limit_seconds = 0;

  std::vector<std::string> paths;    // absolute
  std::vector<std::string> excludes;
  std::uint64_t max_read_bytes = 0;  // 0: the scan's default
  bool one_file_system = false;
  bool follow_symlinks = false;
  bool network_mounts = false;
  bool low_priority = false;
  int threads = 0;

  std::string since, until;          // as written ("" = none)

  Schedule schedule;
  std::vector<std::string> on_match;
};

// Largest job file read, and other caps on what a job file may ask.
inline constexpr std::size_t kMaxJobFileBytes = 1 << 20;

// Reads and validates `path`.
Result<JobFile> LoadJobFile(const std::string& path);

// Validates `text`; `path` is the job file's absolute path (relative paths are resolved against
// its folder, errors name it).
Result<JobFile> ParseJobFile(std::string_view text, const std::string& path);

// The scan a run of `job` does; since/until are resolved against `now`.
Result<scan::ScanOptions> ToScanOptions(const JobFile& job, std::int64_t now);

// Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" or "YYYY-MM-DD HH:MM[:SS]" (a local time; no zone).
Result<LocalDateTime> ParseLocalDateTime(std::string_view text);

}  // namespace iocscan::job
