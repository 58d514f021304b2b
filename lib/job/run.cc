#include "job/run.h"

#include <unistd.h>

#include <cmath>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/native_path.h"
#include "core/time.h"
#include "job/actions.h"
#include "job/results.h"
#include "job/state.h"
#include "platform/host_info.h"
#include "platform/job_os.h"
#include "report/json_card.h"
#include "report/sink.h"
#include "scan/prepare.h"
#include "scan/scan.h"

namespace iocscan::job {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::size_t kMaxWarningsInRunJson = 1000;

Json OptionsJson(const JobFile& job, const scan::ScanOptions* o) {
  Json j = Json::object();
  j["iocs"] = job.iocs;
  j["documents"] = job.documents;
  j["paths"] = job.paths;
  j["exclude"] = job.excludes;
  j["max_read_bytes"] = o != nullptr ? o->max_read_bytes : job.max_read_bytes;
  j["time_limit_seconds"] = job.time_limit_seconds;
  j["one_file_system"] = job.one_file_system;
  j["follow_symlinks"] = job.follow_symlinks;
  j["network_mounts"] = job.network_mounts;
  j["low_priority"] = job.low_priority;
  j["threads"] = job.threads;
  j["since"] = o != nullptr && o->since ? Json(FormatIsoTime(*o->since)) : Json(nullptr);
  j["until"] = o != nullptr && o->until ? Json(FormatIsoTime(*o->until)) : Json(nullptr);
  return j;
}

Json RunJson(const JobFile& job, const std::string& id, std::int64_t start, std::int64_t end, double duration,
             const std::string& status, std::uint64_t hits, std::optional<std::int64_t> occurrence) {
  const platform::HostInfo host = platform::CurrentHost();
  Json j = Json::object();
  j["job"] = job.name;
  j["job_file"] = job.path;
  j["id"] = id;
  j["host"] = Json{{"hostname", host.hostname}, {"os", host.os}};
  j["start"] = FormatIsoTime(start);
  j["end"] = FormatIsoTime(end);
  j["duration_seconds"] = std::round(duration * 1000) / 1000;
  j["status"] = status;
  j["hits"] = hits;
  j["occurrence"] = occurrence ? Json(FormatIsoTime(*occurrence)) : Json(nullptr);
  j["iocscan_version"] = IOCSCAN_VERSION;
  return j;
}

// JSON strings must be valid UTF-8: warnings and errors may carry raw file names.
std::string SafeDump(const Json& j) { return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n"; }

}  // namespace

RunReport RunJob(const RunRequest& request) {
  const JobFile& job = *request.job;
  RunReport report;
  if (Status made = EnsureResultsDir(job.results); !made.ok()) {
    report.error = made.error();
    return report;
  }
  const std::string lock_path = job.results + kPathSeparator + ".lock";
  platform::ExclusiveLock lock = platform::ExclusiveLock::TryAcquire(lock_path);
  if (lock.state() == platform::ExclusiveLock::State::kBusy) {
    report.error = Error{job.path, "another run of this job is in progress (lock " + lock_path + " " + lock.message() + ")"};
    return report;
  }
  if (lock.state() != platform::ExclusiveLock::State::kHeld) {
    report.error = Error{lock_path, "cannot take the job's lock: " + lock.message()};
    return report;
  }

  JobState state;
  if (Result<JobState> loaded = LoadState(job.results); loaded.ok()) {
    state = loaded.value();
  } else {
    report.notes.push_back({loaded.error().source, loaded.error().message + "; starting a new one"});
  }
  if (request.still_due && !request.still_due(state)) {
    report.skipped = true;
    report.exit_code = 0;
    return report;
  }
  const std::int64_t start = request.clock->Now();
  if (request.occurrence) {
    state.last_occurrence = request.occurrence;
    if (Status saved = SaveState(job.results, state); !saved.ok()) {
      report.notes.push_back({saved.error().source, "cannot record the occurrence: " + saved.error().message});
    }
  }

  std::string id = MakeRunId(start, static_cast<std::uint64_t>(::getpid()));
  Result<RunWriter> writer = RunWriter::Begin(job.results, id);
  for (int n = 2; !writer.ok() && n < 100; ++n) {  // the same second and pid: a run that came back
    id = MakeRunId(start, static_cast<std::uint64_t>(::getpid()) * 100 + static_cast<std::uint64_t>(n));
    writer = RunWriter::Begin(job.results, id);
  }
  if (!writer.ok()) {
    report.error = writer.error();
    return report;
  }

  // Prepare and scan; a failure here is stored as a "failed" run.
  std::optional<Error> failure;
  Result<scan::ScanOptions> options = ToScanOptions(job, start);
  std::optional<scan::PreparedIocs> prepared;
  if (!options.ok()) {
    failure = options.error();
  } else {
    Result<scan::PreparedIocs> p = scan::PrepareIocs(job.iocs, job.documents);
    if (p.ok()) {
      prepared = std::move(p).value();
    } else {
      failure = p.error();
    }
  }

  Json run;
  std::uint64_t hits = 0;
  std::string status = "failed";
  std::ostringstream unused_out, unused_err;
  if (prepared) {
    scan::ScanControl control;
    control.interrupt = request.interrupt;
    control.on_progress = request.on_progress;
    scan::ScanOutcome outcome = scan::RunScan(prepared->set, options.value(), control);
    outcome.summary.iocs_loaded += prepared->refused.size();

    report::SinkOptions sink_options;
    sink_options.format = report::Format::kJsonl;
    sink_options.output_path = writer->TempFile("cards.jsonl");
    std::unique_ptr<report::CardSink> sink = report::MakeSink(sink_options, unused_out, unused_err);
    Warnings all = prepared->refused;
    all.insert(all.end(), prepared->warnings.begin(), prepared->warnings.end());
    all.insert(all.end(), outcome.warnings.begin(), outcome.warnings.end());
    for (const Warning& w : all) sink->OnWarning(w);
    for (const report::Card& c : outcome.cards) sink->OnCard(c);
    if (Status written = sink->Finish(outcome.summary); !written.ok()) {
      report.error = Error{writer->temp_path(), "cannot write the cards: " + written.error().Text()};
      return report;  // the temporary folder is removed by the next run
    }
    hits = outcome.cards.size();
    status = std::string(report::ScanStatusName(outcome.summary.status));
    const double duration = outcome.summary.duration_seconds;
    run = RunJson(job, id, start, start + static_cast<std::int64_t>(std::llround(duration)), duration, status, hits,
                  request.occurrence);
    report::Summary counted = outcome.summary;
    counted.cards = hits;
    counted.warnings = all.size();
    run["summary"] = report::SummaryJson(counted);
    Json warnings = Json::array();
    for (std::size_t i = 0; i < all.size() && i < kMaxWarningsInRunJson; ++i) {
      warnings.push_back(report::WarningJson(all[i]));
    }
    run["warnings"] = warnings;
  } else {
    run = RunJson(job, id, start, start, 0, status, 0, request.occurrence);
    run["error"] = failure->Text();
    if (Status written = writer->Write("cards.jsonl", ""); !written.ok()) {
      report.error = written.error();
      return report;
    }
  }
  run["options"] = OptionsJson(job, options.ok() ? &options.value() : nullptr);
  if (Status written = writer->Write("run.json", SafeDump(run)); !written.ok()) {
    report.error = Error{written.error().source, "cannot write run.json: " + written.error().message};
    return report;
  }
  if (Status committed = writer->Commit(); !committed.ok()) {
    report.error = committed.error();
    return report;
  }
  report.run_id = id;
  report.run_dir = writer->final_path();
  report.status = status;
  report.hits = hits;

  state.last_run = LastRun{id, start, run.contains("end") ? ParseIsoTime(run["end"].get<std::string>()).value() : start, status, hits};
  if (Status saved = SaveState(job.results, state); !saved.ok()) {
    report.notes.push_back({saved.error().source, "cannot update the state file: " + saved.error().message});
  }
  PruneOutcome pruned = PruneRuns(job.results, job.retention_days, start);
  report.pruned = pruned.removed;
  report.notes.insert(report.notes.end(), pruned.problems.begin(), pruned.problems.end());

  if (hits > 0 && !job.on_match.empty()) {
    std::vector<std::string> argv = ExpandPlaceholders(
        job.on_match, {{"run_dir", report.run_dir}, {"cards", report.run_dir + kPathSeparator + "cards.jsonl"},
                       {"hits", std::to_string(hits)}, {"run_id", id}, {"job", job.name}});
    Result<int> acted = RunAction(argv);
    if (!acted.ok()) {
      report.notes.push_back({"on_match", acted.error().Text()});
    } else if (acted.value() != 0) {
      report.notes.push_back({"on_match", argv[0] + " exited with status " + std::to_string(acted.value())});
    }
  }

  if (failure) {
    report.error = failure;
    report.exit_code = 2;
  } else {
    report.exit_code = hits > 0 ? 1 : 0;
  }
  return report;
}

}  // namespace iocscan::job
