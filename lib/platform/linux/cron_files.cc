#include "platform/linux/cron_files.h"

namespace iocscan::platform {
namespace {

constexpr std::uint64_t kMaxCronBytes = 4u << 20;  // a crontab or at job is small; cap a hostile one

class Loader {
 public:
  explicit Loader(const RootFs& fs) : fs_(fs) {}

  // Reads one file into a source of `kind`; a missing file adds nothing.
  void AddFile(CronSource::Kind kind, const std::string& path, const std::string& name) {
    Result<std::optional<std::string>> text = fs_.ReadFile(path, kMaxCronBytes);
    if (!text.ok()) return Problem(text.error());
    if (!text.value()) return;
    CronSource s;
    s.kind = kind;
    s.path = path;
    s.name = name;
    s.text = std::move(*text.value());
    if (std::optional<struct stat> st = fs_.Stat(path)) s.uid = st->st_uid;
    out_.sources.push_back(std::move(s));
  }

  // Every visible regular file (or symlink to one) of `dir`, read as `kind`.
  void AddFolder(CronSource::Kind kind, const std::string& dir) {
    for (const RootFs::Entry& e : Visible(dir)) AddFile(kind, dir + "/" + e.name, e.name);
  }

  // The scripts of /etc/cron.<period>: listed, not read (their hashes are computed when asked).
  void AddScripts(const std::string& period) {
    std::string dir = "/etc/cron." + period;
    for (const RootFs::Entry& e : Visible(dir)) {
      CronSource s;
      s.kind = CronSource::Kind::kPeriodicScript;
      s.path = dir + "/" + e.name;
      s.name = e.name;
      s.period = period;
      std::optional<struct stat> st = fs_.Stat(s.path);
      if (!st || !S_ISREG(st->st_mode)) continue;  // a dangling link or a folder
      s.uid = st->st_uid;
      out_.sources.push_back(std::move(s));
    }
  }

  CronLoad Take() { return std::move(out_); }

 private:
  std::vector<RootFs::Entry> Visible(const std::string& dir) {
    std::vector<RootFs::Entry> out;
    Result<std::vector<RootFs::Entry>> listed = fs_.List(dir);
    if (!listed.ok()) {
      Problem(listed.error());
      return out;
    }
    for (RootFs::Entry& e : listed.value()) {
      bool file_like = e.type == RootFs::Type::kFile || e.type == RootFs::Type::kLink;
      if (file_like && !e.name.empty() && e.name[0] != '.') out.push_back(std::move(e));
    }
    return out;
  }

  void Problem(const Error& e) {
    out_.warnings.push_back({e.source, e.message});
    ++out_.errors;
  }

  const RootFs& fs_;
  CronLoad out_;
};

}  // namespace

CronLoad LoadCronSources(const RootFs& fs) {
  using Kind = CronSource::Kind;
  Loader loader(fs);
  loader.AddFile(Kind::kSystemCrontab, "/etc/crontab", "crontab");
  loader.AddFolder(Kind::kSystemCrontab, "/etc/cron.d");
  loader.AddFile(Kind::kAnacrontab, "/etc/anacrontab", "anacrontab");
  loader.AddFolder(Kind::kUserCrontab, "/var/spool/cron/crontabs");
  loader.AddFolder(Kind::kUserCrontab, "/var/spool/cron");  // Red Hat; Debian has only folders here
  for (const char* period : {"hourly", "daily", "weekly", "monthly"}) loader.AddScripts(period);
  loader.AddFolder(Kind::kAtJob, "/var/spool/cron/atjobs");
  loader.AddFolder(Kind::kAtJob, "/var/spool/at");
  return loader.Take();
}

}  // namespace iocscan::platform
