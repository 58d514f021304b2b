#include "job/job_file.h"

#include "job/toml.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>

#include "core/native_path.h"
#include "core/time.h"

namespace iocscan::job {
namespace {

constexpr std::size_t kMaxStringBytes = 4096;
constexpr std::size_t kMaxListEntries = 1000;
constexpr std::int64_t kMaxEvery = 1000;
constexpr std::int64_t kMaxRetentionDays = 36500;
constexpr std::int64_t kMaxTimeLimit = 366LL * 86400;
constexpr std::int64_t kMaxRandomize = 31LL * 86400;

// Carries the file name, the table's key prefix and the keys already read, and reports errors.
class Reader {
 public:
  Reader(const toml::table& table, std::string file, std::string prefix)
      : table_(table), file_(std::move(file)), prefix_(std::move(prefix)) {}

  Error Fail(const toml::node* node, std::string_view key, std::string_view problem) const {
    std::string where = file_;
    if (node != nullptr && node->source().begin.line > 0) where += ":" + std::to_string(node->source().begin.line);
    return Error{where, Key(key) + ": " + std::string(problem)};
  }
  std::string Key(std::string_view key) const { return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key); }

  const toml::node* Get(std::string_view key) {
    known_.insert(std::string(key));
    return table_.get(key);
  }

  // Every key of the table that no Get asked for.
  std::optional<Error> Unknown() const {
    for (auto&& [k, v] : table_) {
      if (!known_.count(std::string(k.str()))) return Fail(&v, k.str(), "unknown key");
    }
    return std::nullopt;
  }

  Result<std::optional<std::string>> String(std::string_view key) {
    const toml::node* n = Get(key);
    if (n == nullptr) return std::optional<std::string>();
    const auto* s = n->as_string();
    if (s == nullptr) return Fail(n, key, "must be a string");
    return CheckString(n, key, s->get());
  }

  Result<std::optional<std::string>> CheckString(const toml::node* n, std::string_view key, const std::string& s) {
    if (s.size() > kMaxStringBytes) return Fail(n, key, "is longer than " + std::to_string(kMaxStringBytes) + " bytes");
    if (s.find('\0') != std::string::npos) return Fail(n, key, "contains a NUL character");
    return std::optional<std::string>(s);
  }

  Result<std::optional<std::vector<std::string>>> Strings(std::string_view key) {
    const toml::node* n = Get(key);
    if (n == nullptr) return std::optional<std::vector<std::string>>();
    const auto* a = n->as_array();
    if (a == nullptr) return Fail(n, key, "must be an array of strings");
    if (a->size() > kMaxListEntries) return Fail(n, key, "has more than " + std::to_string(kMaxListEntries) + " entries");
    std::vector<std::string> out;
    for (const toml::node& e : *a) {
      const auto* s = e.as_string();
      if (s == nullptr) return Fail(&e, key, "must be an array of strings");
      Result<std::optional<std::string>> checked = CheckString(&e, key, s->get());
      if (!checked.ok()) return checked.error();
      out.push_back(*checked.value());
    }
    return std::optional<std::vector<std::string>>(std::move(out));
  }

  Result<std::optional<std::int64_t>> Integer(std::string_view key, std::int64_t min, std::int64_t max) {
    const toml::node* n = Get(key);
    if (n == nullptr) return std::optional<std::int64_t>();
    const auto* i = n->as_integer();
    if (i == nullptr) return Fail(n, key, "must be an integer");
    if (i->get() < min || i->get() > max) {
      return Fail(n, key, "must be from " + std::to_string(min) + " to " + std::to_string(max));
    }
    return std::optional<std::int64_t>(i->get());
  }

  Result<std::optional<bool>> Bool(std::string_view key) {
    const toml::node* n = Get(key);
    if (n == nullptr) return std::optional<bool>();
    const auto* b = n->as_boolean();
    if (b == nullptr) return Fail(n, key, "must be true or false");
    return std::optional<bool>(b->get());
  }

  // A date/time as a string or as a TOML date, time or local date-time.
  Result<std::optional<std::string>> DateTimeText(std::string_view key) {
    const toml::node* n = Get(key);
    if (n == nullptr) return std::optional<std::string>();
    if (n->is_string()) return CheckString(n, key, n->as_string()->get());
    std::ostringstream text;
    if (n->is_date()) {
      text << n->as_date()->get();
    } else if (n->is_time()) {
      text << n->as_time()->get();
    } else if (n->is_date_time()) {
      if (n->as_date_time()->get().offset) return Fail(n, key, "must be a local time (no time zone offset)");
      text << n->as_date_time()->get();
    } else {
      return Fail(n, key, "must be a string");
    }
    return std::optional<std::string>(text.str());
  }

  Result<const toml::table*> Table(std::string_view key) {
    const toml::node* n = Get(key);
    if (n == nullptr) return static_cast<const toml::table*>(nullptr);
    if (!n->is_table()) return Fail(n, key, "must be a table ([" + Key(key) + "])");
    return n->as_table();
  }

  const std::string& file() const { return file_; }

 private:
  const toml::table& table_;
  std::string file_;
  std::string prefix_;
  std::set<std::string> known_;
};

#define IOCSCAN_TRY(var, expr)          \
  auto var##_result = (expr);           \
  if (!var##_result.ok()) return var##_result.error(); \
  auto var = std::move(var##_result).value()

bool HasDotDot(const std::string& path) {
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    std::string_view part(path.data() + start, (slash == std::string::npos ? path.size() : slash) - start);
    if (part == "..") return true;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return false;
}

std::size_t Utf8Length(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// `writes`: iocscan writes and deletes there, so the path must say plainly where (no "..").
Result<std::string> ResolvePath(Reader& r, std::string_view key, const std::string& path, const std::string& base,
                                bool writes) {
  if (path.empty()) return r.Fail(nullptr, key, "is an empty path");
  if (writes && HasDotDot(path)) return r.Fail(nullptr, key, "\"" + path + "\" contains a \"..\" component");
  std::filesystem::path p = PathFromUtf8(path);
  if (p.is_relative()) p = PathFromUtf8(base) / p;
  p = p.lexically_normal();
  // No trailing separator, except for a root ("/", "C:\\").
  while (!p.relative_path().empty() && !p.has_filename()) p = p.parent_path();
  return Utf8FromPath(p);
}

Result<TimeOfDay> ParseTimeOfDay(std::string_view text) {
  // "HH:MM" or "HH:MM:SS" with SS = 00 (TOML times print that way).
  auto digits = [&](std::size_t at, std::size_t n) -> int {
    if (text.size() < at + n) return -1;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  const bool shape = (text.size() == 5 || (text.size() == 8 && text[5] == ':' && text.substr(5) == ":00")) && text[2] == ':';
  int h = digits(0, 2), m = digits(3, 2);
  if (!shape || h < 0 || m < 0) return Error{"", "must be a time of day HH:MM"};
  if (h > 23 || m > 59) return Error{"", "is not a time of day (00:00 to 23:59)"};
  return TimeOfDay{h, m};
}

Result<unsigned> ParseDays(const std::vector<std::string>& names) {
  static const char* const kFull[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  unsigned days = 0;
  for (const std::string& name : names) {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    int found = -1;
    for (int i = 0; i < 7; ++i) {
      if (lower == kFull[i] || lower == std::string_view(kFull[i]).substr(0, 3)) found = i;
    }
    if (found < 0) return Error{"", "\"" + name + "\" is not a day (mon, tue, wed, thu, fri, sat, sun)"};
    if (days & (1u << found)) return Error{"", "\"" + name + "\" is listed twice"};
    days |= 1u << found;
  }
  return days;
}

Result<Schedule> ParseSchedule(Reader& r, const toml::node* where) {
  Schedule s;
  IOCSCAN_TRY(frequency, r.String("frequency"));
  if (!frequency) return r.Fail(where, "frequency", "is required (once, hourly, daily, weekly or on-launch)");
  static const std::map<std::string, Frequency> kFreq = {{"once", Frequency::kOnce}, {"hourly", Frequency::kHourly},
                                                        {"daily", Frequency::kDaily}, {"weekly", Frequency::kWeekly},
                                                        {"on-launch", Frequency::kOnLaunch}};
  auto f = kFreq.find(*frequency);
  if (f == kFreq.end()) return r.Fail(r.Get("frequency"), "frequency", "\"" + *frequency + "\" is not one of once, hourly, daily, weekly, on-launch");
  s.frequency = f->second;
  const bool calendar = s.frequency == Frequency::kHourly || s.frequency == Frequency::kDaily || s.frequency == Frequency::kWeekly;

  IOCSCAN_TRY(every, r.Integer("every", 1, kMaxEvery));
  if (every) {
    if (!calendar) return r.Fail(r.Get("every"), "every", "applies to hourly, daily and weekly only");
    s.every = static_cast<int>(*every);
  }
  IOCSCAN_TRY(days, r.Strings("days"));
  if (days) {
    if (s.frequency != Frequency::kWeekly) return r.Fail(r.Get("days"), "days", "applies to weekly only");
    Result<unsigned> d = ParseDays(*days);
    if (!d.ok()) return r.Fail(r.Get("days"), "days", d.error().message);
    if (d.value() == 0) return r.Fail(r.Get("days"), "days", "must name at least one day");
    s.days = d.value();
  } else if (s.frequency == Frequency::kWeekly) {
    return r.Fail(where, "days", "is required for weekly (e.g. days = [\"mon\"])");
  }
  IOCSCAN_TRY(at, r.DateTimeText("at"));
  if (s.frequency == Frequency::kOnce) {
    if (!at) return r.Fail(where, "at", "is required for once (a local date-time, \"2026-12-01T02:30\")");
    Result<LocalDateTime> t = ParseLocalDateTime(*at);
    if (!t.ok()) return r.Fail(r.Get("at"), "at", t.error().message);
    s.once_at = t.value();
  } else if (at) {
    if (!calendar) return r.Fail(r.Get("at"), "at", "does not apply to on-launch");
    Result<TimeOfDay> t = ParseTimeOfDay(*at);
    if (!t.ok()) return r.Fail(r.Get("at"), "at", "\"" + *at + "\" " + t.error().message);
    s.at = t.value();
  }
  for (auto [key, slot] : {std::pair{"start", &s.start}, std::pair{"end", &s.end}}) {
    IOCSCAN_TRY(text, r.DateTimeText(key));
    if (!text) continue;
    Result<LocalDateTime> t = ParseLocalDateTime(*text);
    if (!t.ok()) return r.Fail(r.Get(key), key, t.error().message);
    *slot = t.value();
  }
  if (s.start && s.end) {
    FixedZone utc(0);
    if (ToUtc(*s.end, utc) <= ToUtc(*s.start, utc)) return r.Fail(r.Get("end"), "end", "is not after start");
  }
  IOCSCAN_TRY(run_missed, r.Bool("run_missed"));
  s.run_missed = run_missed.value_or(false);
  IOCSCAN_TRY(randomize, r.String("randomize"));
  if (randomize) {
    Result<std::int64_t> d = ParseDuration(*randomize);
    if (!d.ok()) return r.Fail(r.Get("randomize"), "randomize", d.error().message);
    if (d.value() > kMaxRandomize) return r.Fail(r.Get("randomize"), "randomize", "must be at most 31d");
    s.randomize_seconds = d.value();
  }
  if (auto unknown = r.Unknown()) return *unknown;
  return s;
}

Result<JobFile> ParseTables(const toml::table& root, const std::string& path) {
  JobFile job;
  job.path = path;
  const std::string base = std::filesystem::path(path).parent_path().string();
  Reader r(root, path, "");

  IOCSCAN_TRY(name, r.String("name"));
  if (!name) return r.Fail(nullptr, "name", "is required");
  const std::size_t length = Utf8Length(*name);
  if (length < 1 || length > 100) return r.Fail(r.Get("name"), "name", "must be 1 to 100 characters long");
  for (char c : *name) {
    if (std::string_view("\"*<>?\\:|/").find(c) != std::string_view::npos) {
      return r.Fail(r.Get("name"), "name", std::string("must not contain '") + c + "' (none of \" * < > ? \\ : | /)");
    }
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return r.Fail(r.Get("name"), "name", "must not contain control characters");
  }
  job.name = *name;

  IOCSCAN_TRY(iocs, r.Strings("iocs"));
  if (!iocs || iocs->empty()) return r.Fail(r.Get("iocs"), "iocs", "must list at least one IOC file, folder or ZIP");
  for (const std::string& p : *iocs) {
    Result<std::string> resolved = ResolvePath(r, "iocs", p, base, false);
    if (!resolved.ok()) return Error{r.Fail(r.Get("iocs"), "", "").source, resolved.error().message};
    job.iocs.push_back(resolved.value());
  }
  IOCSCAN_TRY(documents, r.Strings("documents"));
  if (documents) job.documents = *documents;

  IOCSCAN_TRY(results, r.String("results"));
  if (!results) return r.Fail(nullptr, "results", "is required (the folder where runs are stored)");
  {
    Result<std::string> resolved = ResolvePath(r, "results", *results, base, true);
    if (!resolved.ok()) return Error{r.Fail(r.Get("results"), "", "").source, resolved.error().message};
    if (PathFromUtf8(resolved.value()).relative_path().empty()) {
      return r.Fail(r.Get("results"), "results", "must not be / (a filesystem root)");
    }
    job.results = resolved.value();
  }
  IOCSCAN_TRY(retention, r.Integer("retention_days", 1, kMaxRetentionDays));
  job.retention_days = static_cast<int>(retention.value_or(0));
  IOCSCAN_TRY(time_limit, r.String("time_limit"));
  if (time_limit) {
    Result<std::int64_t> d = ParseDuration(*time_limit);
    if (!d.ok()) return r.Fail(r.Get("time_limit"), "time_limit", d.error().message);
    if (d.value() <= 0) return r.Fail(r.Get("time_limit"), "time_limit", "must be longer than 0s");
    if (d.value() > kMaxTimeLimit) return r.Fail(r.Get("time_limit"), "time_limit", "must be at most 366d");
    job.time_limit_seconds = d.value();
  }

  IOCSCAN_TRY(scope, r.Table("scope"));
  if (scope != nullptr) {
    Reader s(*scope, path, "scope");
    IOCSCAN_TRY(paths, s.Strings("paths"));
    for (const std::string& p : paths.value_or(std::vector<std::string>{})) {
      Result<std::string> resolved = ResolvePath(s, "paths", p, base, false);
      if (!resolved.ok()) return Error{s.Fail(s.Get("paths"), "", "").source, resolved.error().message};
      job.paths.push_back(resolved.value());
    }
    IOCSCAN_TRY(exclude, s.Strings("exclude"));
    for (const std::string& g : exclude.value_or(std::vector<std::string>{})) {
      if (g.empty()) return s.Fail(s.Get("exclude"), "exclude", "has an empty glob");
      if (HasDotDot(g)) return s.Fail(s.Get("exclude"), "exclude", "\"" + g + "\" contains a \"..\" component");
      job.excludes.push_back(g);
    }
    IOCSCAN_TRY(max_size, s.String("max_size"));
    if (max_size) {
      Result<std::uint64_t> size = ParseSize(*max_size);
      if (!size.ok()) return s.Fail(s.Get("max_size"), "max_size", size.error().message);
      if (size.value() == 0) return s.Fail(s.Get("max_size"), "max_size", "must be larger than 0");
      job.max_read_bytes = size.value();
    }
    for (auto [key, slot] : {std::pair{"one_file_system", &job.one_file_system}, std::pair{"follow_symlinks", &job.follow_symlinks},
                             std::pair{"network_mounts", &job.network_mounts}, std::pair{"low_priority", &job.low_priority}}) {
      IOCSCAN_TRY(flag, s.Bool(key));
      *slot = flag.value_or(false);
    }
    IOCSCAN_TRY(threads, s.Integer("threads", 0, 1024));
    job.threads = static_cast<int>(threads.value_or(0));
    if (auto unknown = s.Unknown()) return *unknown;
  }

  IOCSCAN_TRY(retro, r.Table("retrospective"));
  if (retro != nullptr) {
    Reader t(*retro, path, "retrospective");
    std::optional<std::int64_t> since_at, until_at;
    for (auto [key, text, at] : {std::tuple{"since", &job.since, &since_at}, std::tuple{"until", &job.until, &until_at}}) {
      IOCSCAN_TRY(value, t.DateTimeText(key));
      if (!value) continue;
      Result<std::int64_t> parsed = ParseTimeOrAgo(*value, 0);
      if (!parsed.ok()) return t.Fail(t.Get(key), key, parsed.error().message + " (ISO 8601 or a duration ago, \"2d\")");
      *text = *value;
      if (ParseIsoTime(*value).ok()) *at = parsed.value();
    }
    if (since_at && until_at && *since_at > *until_at) return t.Fail(t.Get("until"), "until", "is before since");
    if (auto unknown = t.Unknown()) return *unknown;
  }

  IOCSCAN_TRY(schedule, r.Table("schedule"));
  if (schedule == nullptr) return r.Fail(nullptr, "schedule", "is required ([schedule] with a frequency)");
  {
    Reader s(*schedule, path, "schedule");
    Result<Schedule> parsed = ParseSchedule(s, r.Get("schedule"));
    if (!parsed.ok()) return parsed.error();
    job.schedule = parsed.value();
  }

  IOCSCAN_TRY(actions, r.Table("actions"));
  if (actions != nullptr) {
    Reader a(*actions, path, "actions");
    IOCSCAN_TRY(on_match, a.Strings("on_match"));
    if (on_match) {
      if (on_match->empty() || (*on_match)[0].empty()) return a.Fail(a.Get("on_match"), "on_match", "must start with the program to run");
      if ((*on_match)[0].front() != '/') return a.Fail(a.Get("on_match"), "on_match", "the program must be an absolute path (no PATH lookup, no shell)");
      if (HasDotDot((*on_match)[0])) return a.Fail(a.Get("on_match"), "on_match", "the program path contains a \"..\" component");
      job.on_match = *on_match;
    }
    if (auto unknown = a.Unknown()) return *unknown;
  }
  if (auto unknown = r.Unknown()) return *unknown;
  return job;
}

}  // namespace

Result<LocalDateTime> ParseLocalDateTime(std::string_view text) {
  LocalDateTime t;
  auto number = [&](std::size_t at, std::size_t n, int& out) {
    if (text.size() < at + n) return false;
    out = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      out = out * 10 + (text[i] - '0');
    }
    return true;
  };
  const std::string bad = "\"" + std::string(text) + "\" is not a local date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM[:SS])";
  if (!number(0, 4, t.year) || text.size() < 10 || text[4] != '-' || text[7] != '-' || !number(5, 2, t.month) || !number(8, 2, t.day)) {
    return Error{"", bad};
  }
  if (text.size() > 10) {
    if ((text[10] != 'T' && text[10] != 't' && text[10] != ' ') || text.size() < 16 || text[13] != ':' ||
        !number(11, 2, t.hour) || !number(14, 2, t.minute)) {
      return Error{"", bad};
    }
    if (text.size() > 16 && (text.size() != 19 || text[16] != ':' || !number(17, 2, t.second))) return Error{"", bad};
  }
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > DaysInMonth(t.year, t.month)) {
    return Error{"", "\"" + std::string(text) + "\" is not a date (" + std::to_string(t.year) + "-" + (t.month < 10 ? "0" : "") +
                         std::to_string(t.month) + " has " + std::to_string(DaysInMonth(t.year, t.month)) + " days)"};
  }
  if (t.year < 1970) return Error{"", "\"" + std::string(text) + "\" is before 1970"};
  if (t.hour > 23 || t.minute > 59 || t.second > 59) return Error{"", "\"" + std::string(text) + "\" is not a time of day"};
  return t;
}

Result<JobFile> ParseJobFile(std::string_view text, const std::string& path) {
  if (text.size() > kMaxJobFileBytes) return Error{path, "larger than 1 MiB: not a job file"};
  try {
    toml::table root = toml::parse(text, path);
    return ParseTables(root, path);
  } catch (const toml::parse_error& e) {
    return Error{path + ":" + std::to_string(e.source().begin.line), "not valid TOML: " + std::string(e.description())};
  }
}

Result<JobFile> LoadJobFile(const std::string& path) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  if (ec) return Error{path, ec.message()};
  if (std::filesystem::is_directory(absolute, ec)) return Error{path, "is a folder, not a job file"};
  std::ifstream in(absolute, std::ios::binary);
  if (!in) return Error{path, "cannot open: " + std::string(std::strerror(errno))};
  std::string text(kMaxJobFileBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return ParseJobFile(text, absolute.lexically_normal().string());
}

Result<scan::ScanOptions> ToScanOptions(const JobFile& job, std::int64_t now) {
  scan::ScanOptions o;
  o.paths = job.paths;
  o.excludes = job.excludes;
  o.documents = job.documents;
  if (job.max_read_bytes != 0) o.max_read_bytes = job.max_read_bytes;
  o.threads = job.threads;
  o.timeout_seconds = job.time_limit_seconds;
  o.one_file_system = job.one_file_system;
  o.follow_symlinks = job.follow_symlinks;
  o.network_mounts = job.network_mounts;
  o.low_priority = job.low_priority;
  for (auto [text, slot, key] : {std::tuple{&job.since, &o.since, "retrospective.since"}, std::tuple{&job.until, &o.until, "retrospective.until"}}) {
    if (text->empty()) continue;
    Result<std::int64_t> t = ParseTimeOrAgo(*text, now);
    if (!t.ok()) return Error{job.path, std::string(key) + ": " + t.error().message};
    *slot = t.value();
  }
  if (o.since && o.until && *o.since > *o.until) return Error{job.path, "retrospective: since is later than until"};
  return o;
}

}  // namespace iocscan::job
