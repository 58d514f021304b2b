// `iocscan job run|due|install|results JOB.toml`: the job-file layer (lib/job). This file parses
// options, picks the clock (--now) and the seed, owns the signal handler, the randomized sleep and
// the printing; everything else is in lib/job.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "commands.h"
#include "core/time.h"
#include "job/clock.h"
#include "job/install.h"
#include "job/job_file.h"
#include "job/results.h"
#include "job/run.h"
#include "job/schedule.h"
#include "job/state.h"
#include "job/stored_cards.h"
#include "platform/host_info.h"
#include "platform/job_os.h"
#include "platform/terminal.h"
#include "progress_line.h"
#include "report/escape.h"
#include "report/json_card.h"
#include "report/text_card.h"

namespace iocscan::app {
namespace {

struct JobArgs {
  std::string job;
  // run / due
  bool if_due = false;
  std::string now;
  std::string boot_time;
  std::string seed;
  bool quiet = false;
  bool no_progress = false;
  // install
  bool systemd = false;
  bool windows = false;
  bool apply = false;
  bool remove = false;
  bool user = false;
  std::string binary;
  // results
  std::string run;
  std::string format;
  bool prune = false;
};

// Set by Ctrl-C or SIGTERM: the run stops and still stores what it found.
std::atomic<bool> g_stop{false};

void Say(const std::string& line) {
  std::fprintf(stderr, "iocscan job: %s\n", report::TerminalSafe(line).c_str());
}

int Fail(const Error& error) {
  Say(error.Text());
  return kExitError;
}

// Each line escaped on its own (names from the job file may hold anything).
void PrintLines(const std::string& text) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    std::printf("%s\n", report::TerminalSafe(text.substr(start, nl - start)).c_str());
    start = nl + 1;
  }
}

std::string Local(std::int64_t t, const job::TimeZone& zone) { return job::FormatLocal(job::ToLocal(t, zone)); }

// --now / --boot-time: the clock (the real one without them).
Result<std::unique_ptr<job::Clock>> MakeClock(const JobArgs& a) {
  if (a.now.empty() && a.boot_time.empty()) return std::unique_ptr<job::Clock>(std::make_unique<job::SystemClock>());
  job::SystemClock system;
  std::int64_t now = system.Now();
  std::optional<std::int64_t> boot = system.BootTime();
  if (!a.now.empty()) {
    Result<std::int64_t> t = ParseIsoTime(a.now);
    if (!t.ok()) return Error{"--now", t.error().message};
    now = t.value();
  }
  if (!a.boot_time.empty()) {
    Result<std::int64_t> t = ParseIsoTime(a.boot_time);
    if (!t.ok()) return Error{"--boot-time", t.error().message};
    boot = t.value();
  }
  return std::unique_ptr<job::Clock>(std::make_unique<job::FixedClock>(now, boot));
}

// The randomize seed: --seed, else a hash of this host's name and the job file, so every call on
// this host agrees on the delay and different hosts spread out.
Result<std::uint64_t> Seed(const JobArgs& a, const job::JobFile& job) {
  if (!a.seed.empty()) {
    try {
      std::size_t used = 0;
      unsigned long long v = std::stoull(a.seed, &used);
      if (used != a.seed.size()) throw std::invalid_argument("seed");
      return static_cast<std::uint64_t>(v);
    } catch (const std::exception&) {
      return Error{"--seed", "must be a non-negative integer"};
    }
  }
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : platform::CurrentHost().hostname + "\n" + job.path) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

// The state file; one that cannot be read is reported and taken as empty (the next run rewrites
// it), so a damaged file never stops a schedule for good.
job::JobState ReadState(const job::JobFile& job) {
  Result<job::JobState> state = job::LoadState(job.results);
  if (state.ok()) return state.value();
  Say("warning: " + state.error().Text() + "; taken as empty");
  return {};
}

Result<job::DueAnswer> Decide(const JobArgs& a, const job::JobFile& job, const job::Clock& clock,
                              const job::JobState& state) {
  Result<std::uint64_t> seed = Seed(a, job);
  if (!seed.ok()) return seed.error();
  job::DueState due_state;
  due_state.last_occurrence = state.last_occurrence;
  if (state.last_run) due_state.last_run_start = state.last_run->start;
  job::LocalZone zone;
  return job::DecideDue(job.schedule, zone, clock.Now(), due_state, clock.BootTime(), seed.value());
}

int RunDue(const JobArgs& a) {
  Result<job::JobFile> job = job::LoadJobFile(a.job);
  if (!job.ok()) return Fail(job.error());
  Result<std::unique_ptr<job::Clock>> clock = MakeClock(a);
  if (!clock.ok()) return Fail(clock.error());
  Result<job::DueAnswer> answer = Decide(a, job.value(), *clock.value(), ReadState(job.value()));
  if (!answer.ok()) return Fail(answer.error());
  const job::DueAnswer& d = answer.value();
  job::LocalZone zone;
  std::string out = std::string("due      ") + (d.due ? "yes" : "no") + ": " + d.reason + "\n";
  if (d.due) out += "start    " + FormatIsoTime(d.start_at) + " (" + Local(d.start_at, zone) + " local)\n";
  if (d.next) {
    out += "next     " + FormatIsoTime(*d.next) + " (" + Local(*d.next, zone) + " local)\n";
  } else {
    out += std::string("next     ") + (job->schedule.frequency == job::Frequency::kOnLaunch ? "at the next boot" : "none") + "\n";
  }
  PrintLines(out);
  return d.due ? kExitClean : kExitMatched;
}

// Sleeps until `until` on `clock`'s time line (real seconds), or until a signal stops us.
bool SleepUntil(std::int64_t until, const job::Clock& clock) {
  const std::int64_t seconds = until - clock.Now();
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds > 0 ? seconds : 0);
  while (std::chrono::steady_clock::now() < end) {
    if (g_stop.load()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return !g_stop.load();
}

int RunRun(const JobArgs& a) {
  Result<job::JobFile> job = job::LoadJobFile(a.job);
  if (!job.ok()) return Fail(job.error());
  if ((!a.now.empty() || !a.boot_time.empty() || !a.seed.empty()) && !a.if_due) {
    return Fail({"--now", "--now, --boot-time and --seed go with --if-due"});
  }
  Result<std::unique_ptr<job::Clock>> clock = MakeClock(a);
  if (!clock.ok()) return Fail(clock.error());
  platform::SetFlagOnInterrupt(&g_stop);

  job::RunRequest request;
  request.job = &job.value();
  request.clock = clock.value().get();
  request.interrupt = &g_stop;
  if (a.if_due) {
    Result<job::DueAnswer> answer = Decide(a, job.value(), *clock.value(), ReadState(job.value()));
    if (!answer.ok()) return Fail(answer.error());
    if (!answer->due) {
      if (!a.quiet) std::printf("not due: %s\n", report::TerminalSafe(answer->reason).c_str());
      return kExitClean;
    }
    if (!SleepUntil(answer->start_at, *clock.value())) return Fail({"", "stopped by a signal before the run started"});
    request.occurrence = answer->occurrence;
    const job::JobFile* j = &job.value();
    const job::Clock* c = clock.value().get();
    request.still_due = [&a, j, c](const job::JobState& s) {
      Result<job::DueAnswer> again = Decide(a, *j, *c, s);
      return again.ok() && again->due;
    };
  }
  ProgressLine progress(stderr);
  if (!a.no_progress && !a.quiet && platform::IsTerminal(stderr)) {
    request.on_progress = [&progress](const scan::Progress& p) { progress.Show(p); };
  }
  job::RunReport report = job::RunJob(request);
  progress.Clear();
  for (const Warning& w : report.notes) Say("warning: " + w.Text());
  if (report.skipped) {
    if (!a.quiet) std::printf("not due: another run handled this occurrence\n");
    return kExitClean;
  }
  if (!report.run_id.empty() && !a.quiet) {
    std::printf("run %s: %s, %llu hit%s; stored in %s\n", report.run_id.c_str(), report.status.c_str(),
                static_cast<unsigned long long>(report.hits), report.hits == 1 ? "" : "s",
                report::TerminalSafe(report.run_dir).c_str());
  }
  if (report.error) Say(report.error->Text());
  return report.exit_code;
}

int RunInstall(const JobArgs& a) {
  Result<job::JobFile> job = job::LoadJobFile(a.job);
  if (!job.ok()) return Fail(job.error());
  if (a.systemd && a.windows) return Fail({"--systemd", "cannot be combined with --windows"});
  if (a.remove && !a.apply) return Fail({"--remove", "goes with --apply"});
  std::string binary = a.binary.empty() ? platform::ExecutablePath() : a.binary;
  if (a.windows && a.binary.empty()) binary = "C:\\Program Files\\iocscan\\iocscan.exe";
  if (a.apply) {
    job::ApplyOptions o;
    o.kind = a.windows ? job::InstallKind::kWindows : a.systemd ? job::InstallKind::kSystemd : job::InstallKind::kCron;
    o.remove = a.remove;
    o.user = a.user;
    o.binary = binary;
    Result<std::vector<std::string>> changes = job::ApplyInstall(job.value(), o);
    if (!changes.ok()) return Fail(changes.error());
    for (const std::string& c : changes.value()) std::printf("%s\n", report::TerminalSafe(c).c_str());
    return kExitClean;
  }
  if (a.windows) {
    Result<std::string> xml = job::MakeTaskXml(job.value(), binary, job->path);
    if (!xml.ok()) return Fail(xml.error());
    std::fputs(xml.value().c_str(), stdout);
    std::fprintf(stderr, "iocscan job install: load it on Windows with: schtasks /create /tn \"%s\" /xml FILE\n",
                 report::TerminalSafe(job::UnitBaseName(job.value())).c_str());
  } else if (a.systemd) {
    Result<job::SystemdUnits> units = job::MakeSystemdUnits(job.value(), binary);
    if (!units.ok()) return Fail(units.error());
    std::printf("# %s.service\n%s\n# %s.timer\n%s", units->base.c_str(), units->service.c_str(), units->base.c_str(),
                units->timer.c_str());
  } else {
    Result<std::string> lines = job::CrontabLines(job.value(), binary);
    if (!lines.ok()) return Fail(lines.error());
    std::fputs(lines.value().c_str(), stdout);
  }
  return kExitClean;
}

int ShowRun(const JobArgs& a, const job::JobFile& job) {
  if (!job::IsRunId(a.run)) return Fail({"--run " + a.run, "not a run id (e.g. 20261201T013012Z-4711)"});
  const std::string dir = job.results + "/" + a.run;
  Result<std::vector<job::StoredRun>> runs = job::ListRuns(job.results);
  if (!runs.ok()) return Fail(runs.error());
  bool found = false;
  for (const job::StoredRun& r : runs.value()) found = found || r.id == a.run;
  if (!found) return Fail({"--run " + a.run, "no such complete run in " + job.results});
  Result<job::StoredCards> stored = job::ReadStoredCards(dir + "/cards.jsonl");
  if (!stored.ok()) return Fail(stored.error());
  std::string format = a.format.empty() ? (platform::IsTerminal(stdout) ? "text" : "jsonl") : a.format;
  if (format == "jsonl") {
    std::fwrite(stored->raw.data(), 1, stored->raw.size(), stdout);
  } else if (format == "json") {
    std::fputs(report::JsonLine(job::StoredJsonDocument(stored.value())).c_str(), stdout);
  } else {
    const bool color = platform::IsTerminal(stdout);
    for (const auto& c : stored->cards) std::fputs(report::CardText(job::CardFromJson(c), color).c_str(), stdout);
    if (stored->summary.is_object()) std::fputs(report::SummaryText(job::SummaryFromJson(stored->summary)).c_str(), stdout);
    for (const auto& w : stored->warnings) std::fputs(report::WarningText(job::WarningFromJson(w)).c_str(), stderr);
  }
  return kExitClean;
}

int RunResults(const JobArgs& a) {
  Result<job::JobFile> job = job::LoadJobFile(a.job);
  if (!job.ok()) return Fail(job.error());
  if (!a.run.empty()) return ShowRun(a, job.value());
  if (a.prune) {
    std::error_code ec;
    if (!std::filesystem::exists(job->results, ec)) {
      std::printf("nothing to prune: %s does not exist\n", report::TerminalSafe(job->results).c_str());
      return kExitClean;
    }
    platform::ExclusiveLock lock = platform::ExclusiveLock::TryAcquire(job->results + "/.lock");
    if (lock.state() == platform::ExclusiveLock::State::kBusy) {
      return Fail({job->path, "a run of this job is in progress (" + lock.message() + "); prune later"});
    }
    if (lock.state() != platform::ExclusiveLock::State::kHeld) return Fail({job->results, lock.message()});
    job::SystemClock clock;
    job::PruneOutcome pruned = job::PruneRuns(job->results, job->retention_days, clock.Now());
    for (const std::string& id : pruned.removed) std::printf("pruned %s\n", id.c_str());
    for (const Warning& w : pruned.problems) Say("warning: " + w.Text());
    if (pruned.removed.empty()) std::printf("nothing to prune\n");
    return pruned.problems.empty() ? kExitClean : kExitError;
  }
  Result<std::vector<job::StoredRun>> runs = job::ListRuns(job->results);
  if (!runs.ok()) return Fail(runs.error());
  if (a.format == "json" || a.format == "jsonl") {
    report::Json list = report::Json::array();
    for (const job::StoredRun& r : runs.value()) {
      report::Json j = {{"id", r.id},         {"start", FormatIsoTime(r.start)}, {"end", FormatIsoTime(r.end)},
                        {"duration_seconds", r.duration_seconds}, {"status", r.status}, {"hits", r.hits}};
      if (a.format == "jsonl") {
        std::fputs(report::JsonLine(j).c_str(), stdout);
      } else {
        list.push_back(std::move(j));
      }
    }
    if (a.format == "json") std::fputs(report::JsonLine(list).c_str(), stdout);
    return kExitClean;
  }
  std::printf("%-24s %-21s %10s  %-11s %s\n", "id", "start", "duration", "status", "hits");
  for (const job::StoredRun& r : runs.value()) {
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.1f s", r.duration_seconds);
    std::printf("%-24s %-21s %10s  %-11s %llu\n", r.id.c_str(), FormatIsoTime(r.start).c_str(), duration,
                r.status.c_str(), static_cast<unsigned long long>(r.hits));
  }
  return kExitClean;
}

}  // namespace

RunFunction AddJobCommand(CLI::App* sub) {
  auto a = std::make_shared<JobArgs>();
  sub->require_subcommand(1);
  CLI::App* run = sub->add_subcommand("run", "Run the job now (or with --if-due, when its schedule says so) and store the result");
  CLI::App* due = sub->add_subcommand("due", "Say whether the job is due now (exit 0) or not (exit 1) and when it is next due");
  CLI::App* install = sub->add_subcommand("install", "Print (or --apply) the crontab line, systemd units or Task Scheduler XML that trigger the job");
  CLI::App* results = sub->add_subcommand("results", "List the stored runs, print one run's cards (--run ID), or prune (--prune)");
  for (CLI::App* s : {run, due, install, results}) s->add_option("JOB", a->job, "The job file (TOML)")->required();
  run->add_flag("--if-due", a->if_due, "Run only when the schedule and state say so, after the randomized delay");
  for (CLI::App* s : {run, due}) {
    s->add_option("--now", a->now, "Decide as if it were TIME (ISO 8601), for tests and dry runs");
    s->add_option("--boot-time", a->boot_time, "Take TIME (ISO 8601) as the boot time (on-launch), for tests");
    s->add_option("--seed", a->seed, "Seed of the randomized delay (default: from the host name and job file)");
  }
  run->add_flag("-q,--quiet", a->quiet, "Print nothing but errors and warnings");
  run->add_flag("--no-progress", a->no_progress, "No progress line");
  install->add_flag("--systemd", a->systemd, "A systemd .service and .timer instead of a crontab line");
  install->add_flag("--windows", a->windows, "Task Scheduler XML (for schtasks /create /xml)");
  install->add_flag("--apply", a->apply, "Install it: the user's crontab, or unit files + systemctl enable --now");
  install->add_flag("--remove", a->remove, "With --apply: remove what --apply installed");
  install->add_flag("--user", a->user, "systemd: user units in ~/.config/systemd/user (default when not root)");
  install->add_option("--binary", a->binary, "The iocscan the trigger calls (default: this one)");
  results->add_option("--run", a->run, "Print this run's cards");
  results->add_option("--format", a->format, "text, json or jsonl (cards: text on a terminal, else jsonl)")
      ->check(CLI::IsMember({"text", "json", "jsonl"}));
  results->add_flag("--prune", a->prune, "Remove the runs past retention_days now");
  return [a, run, due, install, results] {
    if (run->parsed()) return RunRun(*a);
    if (due->parsed()) return RunDue(*a);
    if (install->parsed()) return RunInstall(*a);
    if (results->parsed()) return RunResults(*a);
    return kExitError;
  };
}

}  // namespace iocscan::app
