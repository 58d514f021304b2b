#include "collect/logs/log_records.h"

#include "collect/logs/journal_entry.h"
#include "platform/linux/journal_reader.h"
#include "platform/linux/log_files.h"
#include "platform/posix/root_fs.h"

namespace iocscan::collect {
namespace {

constexpr std::string_view kLogDir = "/var/log";

void Fail(CollectorStats& stats, std::string_view document, const Error& e) {
  stats.warnings.push_back({e.source, std::string(document) + ": " + e.message});
  ++stats.errors;
}

void ReadTextLogs(const CollectorEnv& env, const LogSources& sources, std::string_view document,
                  CollectorStats& stats, const std::function<void(const LogRecord&)>& visit) {
  Result<platform::RootFs> fs = platform::RootFs::Open(env.root);
  if (!fs.ok()) return Fail(stats, document, fs.error());
  for (std::string_view base : sources.bases) {
    Result<std::vector<platform::LogFile>> files = platform::FindLogFiles(fs.value(), kLogDir, base);
    if (!files.ok()) return Fail(stats, document, files.error());
    for (const platform::LogFile& file : files.value()) {
      if (env.Stopped()) return;
      LogRecord record;
      record.source = file.path;
      Result<platform::LogReadStats> read = platform::ReadLogLines(
          fs.value(), file, kMaxLogFileBytes, [&](std::int64_t mtime) { record.file_mtime = mtime; },
          [&](std::string_view text) {
            if (text.empty()) return true;
            record.line = ParseSyslogLine(text, *record.file_mtime);
            if (env.InWindow(record.line.time)) visit(record);
            return !env.Stopped();
          });
      if (!read.ok()) {
        Fail(stats, document, read.error());
      } else if (read->truncated) {
        stats.warnings.push_back({fs->HostPath(file.path), std::string(document) + ": only the first " +
                                                               std::to_string(kMaxLogFileBytes >> 20) + " MiB read"});
      }
    }
  }
}

void ReadJournal(const CollectorEnv& env, const LogSources& sources, std::string_view document,
                 CollectorStats& stats, const std::function<void(const LogRecord&)>& visit) {
  platform::JournalQuery query{env.since, env.until, sources.journal_matches, kMaxJournalRecords};
  LogRecord record;
  record.source = "journal";
  Result<platform::JournalReadStats> read = platform::ReadJournal(query, env.stop, [&](std::string_view json) {
    std::optional<JournalEntry> e = ParseJournalJson(json);
    if (!e || !env.InWindow(e->time)) return true;
    record.line = SyslogLine{e->time, e->host, e->sender, e->pid, e->message, e->facility, e->severity};
    record.uid = e->uid;
    record.gid = e->gid;
    visit(record);
    return true;
  });
  if (!read.ok()) return Fail(stats, document, read.error());
  if (!read->found) {
    stats.warnings.push_back({"journal", std::string(document) + ": no journalctl on this system: text logs only"});
  } else if (read->capped) {
    stats.warnings.push_back({"journal", std::string(document) + ": stopped after " +
                                             std::to_string(kMaxJournalRecords) + " journal records"});
  }
}

}  // namespace

void ForEachLogRecord(const CollectorEnv& env, const LogSources& sources, std::string_view document,
                      CollectorStats& stats, const std::function<void(const LogRecord&)>& visit) {
  ReadTextLogs(env, sources, document, stats, visit);
  if (env.Stopped()) return;
  if (!env.root.empty()) {
    stats.warnings.push_back({"journal", std::string(document) +
                                             ": the systemd journal is read only on the live system "
                                             "(journalctl), not under --root; text logs only"});
    return;
  }
  ReadJournal(env, sources, document, stats, visit);
}

}  // namespace iocscan::collect
