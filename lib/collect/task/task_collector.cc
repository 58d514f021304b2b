#include "collect/task/task_collector.h"

#include <ctime>
#include <string>

#include "collect/program_file.h"
#include "collect/record_item.h"
#include "collect/service/unit_file.h"
#include "collect/service/unit_scopes.h"
#include "collect/task/at_job.h"
#include "collect/task/cron_schedule.h"
#include "collect/task/crontab.h"
#include "core/time.h"
#include "platform/linux/cron_files.h"
#include "platform/linux/unit_dirs.h"
#include "platform/users.h"

namespace iocscan::collect {
namespace {

using report::CardValue;

constexpr std::string_view kDefaultPath = "/usr/bin:/bin";  // cron's and at's PATH when none is set

// What every kind of job reports; the kind-specific fields are added before Emit.
struct Job {
  std::string name;
  std::string user;
  std::string source;    // the file that defines it
  std::string schedule;
  std::optional<std::int64_t> next_run;
  std::string program;   // resolved
  std::string arguments;
};

class TaskCollector final : public Collector {
 public:
  bool live_only() const override { return false; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override;

 private:
  void CronLines(const platform::CronSource& file);
  void Script(const platform::CronSource& file);
  void AtJobFile(const platform::CronSource& file);
  void Timers(const UnitScope& scope);
  void Emit(RecordItem& item, const Job& job);
  void Problems(const Warnings& w, std::uint64_t errors);

  const CollectorEnv* env_ = nullptr;
  const ItemVisitor* visit_ = nullptr;
  const platform::RootFs* fs_ = nullptr;
  platform::UserDb users_;
  std::int64_t now_ = 0;
  hash::DigestMask digests_ = 0;
  CollectorStats stats_;
};

void TaskCollector::Problems(const Warnings& w, std::uint64_t errors) {
  stats_.warnings.insert(stats_.warnings.end(), w.begin(), w.end());
  stats_.errors += errors;
}

void TaskCollector::Emit(RecordItem& item, const Job& job) {
  item.Add("TaskItem/Name", RecordItem::Text(job.name))
      .Add("TaskItem/path", RecordItem::Text(job.source))
      .Add("TaskItem/schedule", RecordItem::Text(job.schedule));
  if (!job.user.empty()) {
    item.Add("TaskItem/Creator", RecordItem::Text(job.user)).Add("TaskItem/userName", RecordItem::Text(job.user));
  }
  if (job.next_run) item.Add("TaskItem/NextRunTime", RecordItem::Date(*job.next_run));
  if (!job.program.empty()) {
    item.Add("TaskItem/ActionList/Action/ExecProgramPath", RecordItem::Text(job.program))
        .Add("TaskItem/ActionList/Action/ExecArguments", RecordItem::Text(job.arguments));
    auto d = std::make_shared<ProgramDigests>(*fs_, job.program, digests_);
    item.Lazy("TaskItem/md5sum", [d] { return d->Md5(); })
        .Lazy("TaskItem/sha1sum", [d] { return d->Sha1(); })
        .Lazy("TaskItem/sha256sum", [d] { return d->Sha256(); })
        .Lazy("TaskItem/ActionList/Action/ExecProgramMd5sum", [d] { return d->Md5(); })
        .Lazy("TaskItem/ActionList/Action/ExecProgramSha1sum", [d] { return d->Sha1(); })
        .Lazy("TaskItem/ActionList/Action/ExecProgramSha256sum", [d] { return d->Sha256(); });
  }
  item.Show("Name", CardValue::Text(job.name));
  if (!job.user.empty()) item.Show("Creator", CardValue::Text(job.user));
  item.Show("schedule", CardValue::Text(job.schedule));
  if (job.next_run) item.Show("NextRunTime", CardValue::Date(*job.next_run));
  if (!job.program.empty()) {
    item.Show("ExecProgramPath", CardValue::Text(job.program));
    if (!job.arguments.empty()) item.Show("ExecArguments", CardValue::Text(job.arguments));
  }
  item.Show("path", CardValue::Text(job.source));
  ++stats_.items;
  (*visit_)(item);
}

std::optional<std::int64_t> NextCronRun(const CronEntry& e, std::int64_t now) {
  std::optional<CronSchedule> s = e.keyword.empty()
                                      ? CronSchedule::Parse(e.minute, e.hour, e.day_of_month, e.month, e.day_of_week)
                                      : CronSchedule::FromKeyword(e.keyword);
  return s ? s->NextAfter(now) : std::nullopt;
}

CrontabKind KindOf(platform::CronSource::Kind kind) {
  switch (kind) {
    case platform::CronSource::Kind::kSystemCrontab: return CrontabKind::kSystem;
    case platform::CronSource::Kind::kAnacrontab: return CrontabKind::kAnacron;
    default: return CrontabKind::kUser;
  }
}

// Who a line runs as: its user field, anacron's root, or the owner a user crontab is named after.
std::string LineUser(CrontabKind kind, const CronEntry& e, const platform::CronSource& file) {
  if (kind == CrontabKind::kSystem) return e.user;
  return kind == CrontabKind::kAnacron ? "root" : file.name;
}

void TaskCollector::CronLines(const platform::CronSource& file) {
  CrontabKind kind = KindOf(file.kind);
  Crontab tab = ParseCrontab(file.text, kind);
  for (const CronEntry& e : tab.entries) {
    if (env_->Stopped()) return;
    ShellCommand command = SplitShellCommand(e.run);
    bool anacron = kind == CrontabKind::kAnacron;
    Job job{anacron ? e.job_id : file.path + ":" + std::to_string(e.line), LineUser(kind, e, file), file.path,
            e.schedule, anacron ? std::nullopt : NextCronRun(e, now_),
            ResolveProgram(*fs_, command.program, e.path_env), command.arguments};
    RecordItem item;
    item.Add("TaskItem/crontabPath", RecordItem::Text(file.path))
        .Add("TaskItem/crontabCommand", RecordItem::Text(e.command));
    if (anacron) {
      item.Add("TaskItem/crontabPeriod", RecordItem::Text(e.period))
          .Add("TaskItem/crontabDelay", RecordItem::Int(e.delay))
          .Add("TaskItem/crontabJobIdentifier", RecordItem::Text(e.job_id));
    } else if (e.keyword.empty()) {
      item.Add("TaskItem/crontabMinute", RecordItem::Text(e.minute))
          .Add("TaskItem/crontabHour", RecordItem::Text(e.hour))
          .Add("TaskItem/crontabDayOfMonth", RecordItem::Text(e.day_of_month))
          .Add("TaskItem/crontabMonth", RecordItem::Text(e.month))
          .Add("TaskItem/crontabDayOfWeek", RecordItem::Text(e.day_of_week));
    } else {
      item.Add("TaskItem/crontabEvent", RecordItem::Text(e.keyword));
    }
    Emit(item, job);
  }
}

void TaskCollector::Script(const platform::CronSource& file) {
  Job job{file.name, "root", file.path, file.period, std::nullopt, file.path, ""};
  RecordItem item;
  Emit(item, job);
}

void TaskCollector::AtJobFile(const platform::CronSource& file) {
  std::optional<AtJob> at = ParseAtJobName(file.name);
  if (!at) return;
  ParseAtJobScript(file.text, &*at);
  std::optional<std::uint32_t> uid = at->uid ? at->uid : file.uid;
  ShellCommand command = SplitShellCommand(FirstCommand(at->commands));
  Job job{file.name, uid ? users_.UserName(*uid) : "", file.path, "at " + FormatIsoTime(at->run_time), at->run_time,
          ResolveProgram(*fs_, command.program, at->path_env.empty() ? kDefaultPath : at->path_env),
          command.arguments};
  RecordItem item;
  Emit(item, job);
}

// The earliest next run of the timer's OnCalendar= shorthands; nullopt when it has other triggers.
std::optional<std::int64_t> NextTimerRun(const UnitFile& timer, std::int64_t now) {
  std::optional<std::int64_t> next;
  for (const std::string& value : timer.Values("Timer", "OnCalendar")) {
    std::optional<CronSchedule> s = CronSchedule::FromCalendarShorthand(value);
    std::optional<std::int64_t> t = s ? s->NextAfter(now) : std::nullopt;
    if (!t) return std::nullopt;  // one trigger we cannot compute: the earliest is unknown
    if (!next || *t < *next) next = t;
  }
  return next;
}

void TaskCollector::Timers(const UnitScope& scope) {
  platform::UnitDirs dirs(*fs_, scope.dirs);
  for (const std::string& name : dirs.Names(".timer")) {
    if (env_->Stopped()) break;
    std::optional<platform::UnitSource> source = dirs.Load(name);
    if (!source || source->masked) continue;  // a masked timer never fires
    UnitFile timer;
    ParseUnitText(source->text, &timer);
    for (const std::string& dropin : source->dropin_texts) ParseUnitText(dropin, &timer);
    std::string schedule;
    for (const std::string& trigger : TimerTriggers(timer)) schedule += (schedule.empty() ? "" : "; ") + trigger;
    Job job{name, scope.user, source->path, schedule, NextTimerRun(timer, now_), "", ""};
    std::string target = TimerTarget(timer, name);
    if (std::optional<platform::UnitSource> service = dirs.Load(target)) {
      UnitFile unit;
      ParseUnitText(service->text, &unit);
      for (const std::string& dropin : service->dropin_texts) ParseUnitText(dropin, &unit);
      if (std::optional<ExecLine> exec = FirstExec(unit)) {
        job.program = ResolveProgram(*fs_, exec->path, kSystemdExecPath);
        job.arguments = exec->arguments;
      }
      if (scope.kind == UnitScope::Kind::kSystem) job.user = ServiceUser(unit, target);
    }
    RecordItem item;
    Emit(item, job);
  }
  Problems(dirs.warnings(), dirs.errors());
}

CollectorStats TaskCollector::Collect(const CollectorEnv& env, const ItemVisitor& visit) {
  stats_ = {};
  env_ = &env;
  visit_ = &visit;
  now_ = std::time(nullptr);
  Result<platform::RootFs> fs = platform::RootFs::Open(env.root);
  if (!fs.ok()) {
    Problems({{fs.error().source, "TaskItem: " + fs.error().message}}, 1);
    return stats_;
  }
  fs_ = &fs.value();
  users_ = platform::UserDb::Load(env.root);
  digests_ = NeededDigests(env, {"TaskItem/md5sum", "TaskItem/ActionList/Action/ExecProgramMd5sum"},
                           {"TaskItem/sha1sum", "TaskItem/ActionList/Action/ExecProgramSha1sum"},
                           {"TaskItem/sha256sum", "TaskItem/ActionList/Action/ExecProgramSha256sum"});
  platform::CronLoad cron = platform::LoadCronSources(fs.value());
  Problems(cron.warnings, cron.errors);
  using Kind = platform::CronSource::Kind;
  for (const platform::CronSource& file : cron.sources) {
    if (env.Stopped()) break;
    switch (file.kind) {
      case Kind::kSystemCrontab:
      case Kind::kUserCrontab:
      case Kind::kAnacrontab: CronLines(file); break;
      case Kind::kPeriodicScript: Script(file); break;
      case Kind::kAtJob: AtJobFile(file); break;
    }
  }
  Warnings warnings;
  std::uint64_t errors = 0;
  for (const UnitScope& scope : UnitScopes(fs.value(), &warnings, &errors)) {
    if (env.Stopped()) break;
    Timers(scope);
  }
  Problems(warnings, errors);
  fs_ = nullptr;
  return stats_;
}

}  // namespace

std::unique_ptr<Collector> MakeTaskCollector() { return std::make_unique<TaskCollector>(); }

}  // namespace iocscan::collect
