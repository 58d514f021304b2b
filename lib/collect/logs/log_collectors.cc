#include "collect/logs/log_collectors.h"

#include "collect/logs/log_records.h"
#include "collect/logs/sudo_line.h"
#include "collect/logs/utmp.h"
#include "collect/record_item.h"
#include "core/time.h"
#include "platform/linux/log_files.h"
#include "platform/posix/root_fs.h"

namespace iocscan::collect {
namespace {

using report::CardValue;

CardValue BoolText(bool b) { return CardValue::Text(b ? "true" : "false"); }

class SyslogCollector final : public Collector {
 public:
  bool live_only() const override { return false; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override {
    CollectorStats stats;
    LogSources sources{{"syslog", "messages", "auth.log", "secure"}, {}};
    ForEachLogRecord(env, sources, "Syslog", stats, [&](const LogRecord& r) {
      ++stats.items;
      Emit(r, visit);
    });
    return stats;
  }

 private:
  static void Emit(const LogRecord& r, const ItemVisitor& visit) {
    const SyslogLine& l = r.line;
    RecordItem item;
    if (l.time) {
      item.Add("Syslog/Time", RecordItem::Date(*l.time)).Add("Syslog/Date", RecordItem::Text(FormatIsoTime(*l.time)));
      item.Show("Time", CardValue::Date(*l.time));
    }
    item.Add("Syslog/Host", RecordItem::Text(l.host))
        .Add("Syslog/Sender", RecordItem::Text(l.sender))
        .Add("Syslog/Message", RecordItem::Text(l.message))
        .Add("Syslog/LogFile", RecordItem::Text(r.source));
    if (l.pid) item.Add("Syslog/PID", RecordItem::Int(*l.pid));
    if (l.facility) item.Add("Syslog/Facility", RecordItem::Text(std::string(FacilityName(*l.facility))));
    if (l.severity) item.Add("Syslog/Level", RecordItem::Text(std::string(SeverityName(*l.severity))));
    if (r.uid) item.Add("Syslog/UID", RecordItem::Int(*r.uid));
    if (r.gid) item.Add("Syslog/GID", RecordItem::Int(*r.gid));
    if (r.file_mtime) item.Add("Syslog/LogFileModified", RecordItem::Date(*r.file_mtime));
    item.Show("Host", CardValue::Text(l.host)).Show("Sender", CardValue::Text(l.sender));
    if (l.pid) item.Show("PID", CardValue::Int(*l.pid));
    item.Show("Message", CardValue::Text(l.message)).Show("LogFile", CardValue::Text(r.source));
    visit(item);
  }
};

class SudoLogCollector final : public Collector {
 public:
  bool live_only() const override { return false; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override {
    CollectorStats stats;
    LogSources sources{{"auth.log", "secure"}, {"SYSLOG_IDENTIFIER=sudo", "SYSLOG_IDENTIFIER=su"}};
    ForEachLogRecord(env, sources, "SudoLogItem", stats, [&](const LogRecord& r) {
      std::optional<SudoRecord> s = ParseSudoMessage(r.line.sender, r.line.message);
      if (!s) return;
      ++stats.items;
      Emit(r, *s, visit);
    });
    return stats;
  }

 private:
  static void Emit(const LogRecord& r, const SudoRecord& s, const ItemVisitor& visit) {
    RecordItem item;
    if (r.line.time) {
      item.Add("SudoLogItem/Time", RecordItem::Date(*r.line.time))
          .Add("SudoLogItem/timestamp", RecordItem::Text(FormatIsoTime(*r.line.time)));
      item.Show("Time", CardValue::Date(*r.line.time));
    }
    item.Add("SudoLogItem/suOrSudo", RecordItem::Text(s.kind))
        .Add("SudoLogItem/username", RecordItem::Text(s.user))
        .Add("SudoLogItem/userExecuteAs", RecordItem::Text(s.target))
        .Add("SudoLogItem/success", RecordItem::Bool(s.success))
        .Add("SudoLogItem/SourceLog", RecordItem::Text(r.source));
    if (!s.tty.empty()) item.Add("SudoLogItem/tty", RecordItem::Text(s.tty));
    if (!s.pwd.empty()) item.Add("SudoLogItem/pwd", RecordItem::Text(s.pwd));
    if (!s.command.empty()) item.Add("SudoLogItem/command", RecordItem::Text(s.command));
    item.Show("suOrSudo", CardValue::Text(s.kind))
        .Show("username", CardValue::Text(s.user))
        .Show("userExecuteAs", CardValue::Text(s.target));
    if (!s.command.empty()) item.Show("command", CardValue::Text(s.command));
    item.Show("success", BoolText(s.success)).Show("SourceLog", CardValue::Text(r.source));
    visit(item);
  }
};

// wtmp and btmp records are small and few (a busy server's wtmp is a few MiB): read whole.
constexpr std::uint64_t kMaxUtmpBytes = 256ull << 20;

class LoginHistoryCollector final : public Collector {
 public:
  bool live_only() const override { return false; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override;

 private:
  static void Emit(const UtmpRecord& r, std::optional<std::int64_t> end, bool failed, const std::string& path,
                   const ItemVisitor& visit);
};

void LoginHistoryCollector::Emit(const UtmpRecord& r, std::optional<std::int64_t> end, bool failed,
                                 const std::string& path, const ItemVisitor& visit) {
  // An X display (":0") is local; a host name or an address is a remote login.
  bool remote = (!r.host.empty() && r.host[0] != ':' && r.type != kUtBootTime) || !r.address.empty();
  RecordItem item;
  item.Add("LoginHistoryItem/Username", RecordItem::Text(r.user))
      .Add("LoginHistoryItem/Terminal", RecordItem::Text(r.line))
      .Add("LoginHistoryItem/StartTime", RecordItem::Date(r.time))
      .Add("LoginHistoryItem/RecordType", RecordItem::Text(std::string(UtmpTypeName(r.type))))
      .Add("LoginHistoryItem/PID", RecordItem::Int(r.pid))
      .Add("LoginHistoryItem/IsFailedLogin", RecordItem::Bool(failed))
      .Add("LoginHistoryItem/IsRemoteLogin", RecordItem::Bool(remote))
      .Add("LoginHistoryItem/Path", RecordItem::Text(path));
  if (!r.host.empty()) item.Add("LoginHistoryItem/Hostname", RecordItem::Text(r.host));
  if (!r.address.empty()) {
    bool v6 = r.address.find(':') != std::string::npos;
    item.Add(v6 ? "LoginHistoryItem/IPv6Address" : "LoginHistoryItem/IPv4Address", RecordItem::Text(r.address));
  }
  if (end) {
    item.Add("LoginHistoryItem/EndTime", RecordItem::Date(*end))
        .Add("LoginHistoryItem/SessionLength", RecordItem::Int(*end - r.time));
  }
  item.Show("Username", CardValue::Text(r.user))
      .Show("Terminal", CardValue::Text(r.line))
      .Show("Hostname", CardValue::Text(r.host))
      .Show("StartTime", CardValue::Date(r.time));
  if (end) item.Show("EndTime", CardValue::Date(*end));
  item.Show("IsFailedLogin", BoolText(failed)).Show("Path", CardValue::Text(path));
  visit(item);
}

CollectorStats LoginHistoryCollector::Collect(const CollectorEnv& env, const ItemVisitor& visit) {
  CollectorStats stats;
  auto fail = [&](const Error& e) {
    stats.warnings.push_back({e.source, "LoginHistoryItem: " + e.message});
    ++stats.errors;
  };
  Result<platform::RootFs> fs = platform::RootFs::Open(env.root);
  if (!fs.ok()) {
    fail(fs.error());
    return stats;
  }
  for (std::string_view base : {"wtmp", "btmp"}) {
    bool failed = base == "btmp";
    Result<std::vector<platform::LogFile>> files = platform::FindLogFiles(fs.value(), "/var/log", base);
    if (!files.ok()) {
      fail(files.error());
      return stats;
    }
    for (const platform::LogFile& file : files.value()) {
      if (file.gzip || env.Stopped()) continue;  // logrotate leaves wtmp/btmp uncompressed
      Result<std::optional<std::string>> bytes = fs->ReadFile(file.path, kMaxUtmpBytes);
      if (!bytes.ok()) {
        fail(bytes.error());
        continue;
      }
      if (!bytes.value()) continue;
      std::vector<UtmpRecord> records = ParseUtmp(*bytes.value());
      if (failed) {
        for (const UtmpRecord& r : records) {
          if ((r.type != kUtUserProcess && r.type != kUtLoginProcess) || !env.InWindow(r.time)) continue;
          ++stats.items;
          Emit(r, std::nullopt, true, file.path, visit);
        }
        continue;
      }
      for (const LoginSession& s : PairSessions(records)) {
        if (!env.InWindow(s.start.time)) continue;
        ++stats.items;
        Emit(s.start, s.end, false, file.path, visit);
      }
    }
  }
  return stats;
}

}  // namespace

std::unique_ptr<Collector> MakeSyslogCollector() { return std::make_unique<SyslogCollector>(); }
std::unique_ptr<Collector> MakeSudoLogCollector() { return std::make_unique<SudoLogCollector>(); }
std::unique_ptr<Collector> MakeLoginHistoryCollector() { return std::make_unique<LoginHistoryCollector>(); }

}  // namespace iocscan::collect
