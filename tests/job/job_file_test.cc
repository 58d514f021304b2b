// Job files: a full file parses into the values it says; every kind of mistake is refused with
// one line naming the file, the line and the key.
#include <catch2/catch.hpp>

#include <string>

#include "core/native_path.h"
#include "job/job_file.h"

namespace iocscan::job {
namespace {

const char* const kPath = "/srv/jobs/weekly.toml";

constexpr const char* kFull = R"(
name = "Weekly APT sweep"
iocs = ["/opt/iocs/apt.zip", "extra/"]
documents = ["FileItem", "ProcessItem"]
results = "/var/lib/iocscan/weekly"
retention_days = 7
time_limit = "2h"

[scope]
paths = ["/home", "tmp"]
exclude = ["/home/*/.cache/**"]
max_size = "256M"
one_file_system = true

[retrospective]
since = "2026-11-01T00:00:00Z"
until = "2026-11-28T23:59:59Z"

[schedule]
frequency = "weekly"
every = 1
days = ["tue", "thu"]
at = "02:30"
start = "2026-12-01"
end = "2027-06-01"
run_missed = true
randomize = "30m"

[actions]
on_match = ["/usr/local/bin/notify", "{run_dir}"]
)";

// The error text of parsing `text` ("" when it parses).
std::string ErrorOf(const std::string& text) {
  Result<JobFile> r = ParseJobFile(text, kPath);
  return r.ok() ? std::string() : r.error().Text();
}

// A minimal valid job with `extra` appended to the top level and `schedule` as its schedule.
std::string Job(const std::string& top, const std::string& schedule = "frequency = \"daily\"\n") {
  return "name = \"t\"\niocs = [\"/i\"]\nresults = \"/r\"\n" + top + "\n[schedule]\n" + schedule;
}

// A path as the job file loader writes it on this OS ('\\' separators on Windows).
std::string N(const char* path) { return NativeSeparators(path); }

TEST_CASE("job file: the issue's example parses into its values", "[job][job_file]") {
  Result<JobFile> r = ParseJobFile(kFull, kPath);
  REQUIRE(r.ok());
  const JobFile& j = r.value();
  CHECK(j.name == "Weekly APT sweep");
  CHECK(j.iocs == std::vector<std::string>{N("/opt/iocs/apt.zip"), N("/srv/jobs/extra")});
  CHECK(j.documents == std::vector<std::string>{"FileItem", "ProcessItem"});
  CHECK(j.results == N("/var/lib/iocscan/weekly"));
  CHECK(j.retention_days == 7);
  CHECK(j.time_limit_seconds == 7200);
  CHECK(j.paths == std::vector<std::string>{N("/home"), N("/srv/jobs/tmp")});
  CHECK(j.excludes == std::vector<std::string>{"/home/*/.cache/**"});
  CHECK(j.max_read_bytes == 256ull << 20);
  CHECK(j.one_file_system);
  CHECK(j.schedule.frequency == Frequency::kWeekly);
  CHECK(j.schedule.days == (kTue | kThu));
  CHECK(j.schedule.at.hour == 2);
  CHECK(j.schedule.at.minute == 30);
  CHECK(j.schedule.start == LocalDateTime{2026, 12, 1, 0, 0, 0});
  CHECK(j.schedule.end == LocalDateTime{2027, 6, 1, 0, 0, 0});
  CHECK(j.schedule.run_missed);
  CHECK(j.schedule.randomize_seconds == 1800);
  CHECK(j.on_match == std::vector<std::string>{"/usr/local/bin/notify", "{run_dir}"});

  Result<scan::ScanOptions> o = ToScanOptions(j, 0);
  REQUIRE(o.ok());
  CHECK(o->timeout_seconds == 7200);
  CHECK(o->since.has_value());
  CHECK(o->paths == j.paths);
}

TEST_CASE("job file: TOML dates and times are accepted as well as strings", "[job][job_file]") {
  Result<JobFile> r = ParseJobFile(Job("", "frequency = \"once\"\nat = 2027-02-28T23:59:00\nend = 2027-03-01\n"), kPath);
  REQUIRE(r.ok());
  CHECK(r->schedule.once_at == LocalDateTime{2027, 2, 28, 23, 59, 0});
  r = ParseJobFile(Job("", "frequency = \"daily\"\nat = 07:15:00\n"), kPath);
  REQUIRE(r.ok());
  CHECK(r->schedule.at.hour == 7);
  CHECK(r->schedule.at.minute == 15);
}

TEST_CASE("job file: relative paths are relative to the job file's folder", "[job][job_file]") {
  Result<JobFile> r = ParseJobFile("name = \"t\"\niocs = [\"../iocs\", \"./a/./b\"]\nresults = \"runs\"\n[schedule]\nfrequency = \"daily\"\n", kPath);
  REQUIRE(r.ok());
  CHECK(r->iocs == std::vector<std::string>{N("/srv/iocs"), N("/srv/jobs/a/b")});
  CHECK(r->results == N("/srv/jobs/runs"));
}

TEST_CASE("job file: every mistake is one line with the file, the line and the key", "[job][job_file]") {
  struct Case {
    std::string text;
    std::string expected;  // a part of the error line
  };
  const std::vector<Case> cases = {
      {Job("colour = \"red\""), "/srv/jobs/weekly.toml:4: colour: unknown key"},
      {Job("", "frequency = \"daily\"\nevry = 2\n"), "schedule.evry: unknown key"},
      {Job("[scope]\npath = [\"/x\"]"), "scope.path: unknown key"},
      {Job("retention_days = \"7\""), ":4: retention_days: must be an integer"},
      {Job("retention_days = 0"), "retention_days: must be from 1 to 36500"},
      {Job("retention_days = 9223372036854775807"), "retention_days: must be from 1 to 36500"},
      {Job("time_limit = 7200"), "time_limit: must be a string"},
      {Job("time_limit = \"2 hours\""), "time_limit:"},
      {Job("time_limit = \"99999999999999999999w\""), "time_limit:"},
      {Job("time_limit = \"400d\""), "time_limit: must be at most 366d"},
      {Job("", "frequency = \"daily\"\nevery = 0\n"), "schedule.every: must be from 1 to 1000"},
      {Job("", "frequency = \"daily\"\nevery = 100000000000\n"), "schedule.every: must be from 1 to 1000"},
      {Job("", "frequency = \"fortnightly\"\n"), "schedule.frequency: \"fortnightly\" is not one of"},
      {Job("", "every = 2\n"), "schedule.frequency: is required"},
      {Job("", "frequency = \"weekly\"\n"), "schedule.days: is required for weekly"},
      {Job("", "frequency = \"weekly\"\ndays = [\"tue\", \"tuesday\"]\n"), "schedule.days: \"tuesday\" is listed twice"},
      {Job("", "frequency = \"weekly\"\ndays = [\"tus\"]\n"), "schedule.days: \"tus\" is not a day"},
      {Job("", "frequency = \"daily\"\ndays = [\"tue\"]\n"), "schedule.days: applies to weekly only"},
      {Job("", "frequency = \"on-launch\"\nat = \"02:00\"\n"), "schedule.at: does not apply to on-launch"},
      {Job("", "frequency = \"daily\"\nat = \"24:00\"\n"), "schedule.at: \"24:00\" is not a time of day"},
      {Job("", "frequency = \"daily\"\nat = \"2:30\"\n"), "schedule.at:"},
      {Job("", "frequency = \"daily\"\nstart = \"2027-02-31\"\n"), "schedule.start: \"2027-02-31\" is not a date (2027-02 has 28 days)"},
      {Job("", "frequency = \"daily\"\nstart = \"2027-02-29\"\n"), "2027-02 has 28 days"},
      {Job("", "frequency = \"once\"\nat = \"2026-04-31T10:00\"\n"), "schedule.at: \"2026-04-31T10:00\" is not a date"},
      {Job("", "frequency = \"once\"\n"), "schedule.at: is required for once"},
      {Job("", "frequency = \"daily\"\nstart = \"2027-06-01\"\nend = \"2027-01-01\"\n"), "schedule.end: is not after start"},
      {Job("", "frequency = \"daily\"\nstart = \"2027-06-01\"\nend = \"2027-06-01\"\n"), "schedule.end: is not after start"},
      {Job("", "frequency = \"daily\"\nstart = 2026-12-01T00:00:00Z\n"), "schedule.start: must be a local time"},
      {Job("", "frequency = \"daily\"\nrandomize = \"90d\"\n"), "schedule.randomize: must be at most 31d"},
      {Job("", "frequency = \"daily\"\nrun_missed = \"yes\"\n"), "schedule.run_missed: must be true or false"},
      {"name = \"t\"\niocs = [\"/i\"]\nresults = \"/r\"\n", "schedule: is required"},
      {"name = \"a*b\"\niocs = [\"/i\"]\nresults = \"/r\"\n[schedule]\nfrequency = \"daily\"\n", "name: must not contain '*'"},
      {"name = \"a:b\"\niocs = [\"/i\"]\nresults = \"/r\"\n[schedule]\nfrequency = \"daily\"\n", "name: must not contain ':'"},
      {"name = \"\"\niocs = [\"/i\"]\nresults = \"/r\"\n[schedule]\nfrequency = \"daily\"\n", "name: must be 1 to 100 characters"},
      {"name = \"" + std::string(101, 'x') + "\"\niocs = [\"/i\"]\nresults = \"/r\"\n[schedule]\nfrequency = \"daily\"\n", "name: must be 1 to 100"},
      {"name = \"a\\u0007b\"\niocs = [\"/i\"]\nresults = \"/r\"\n[schedule]\nfrequency = \"daily\"\n", "name: must not contain control characters"},
      {"name = \"t\"\niocs = []\nresults = \"/r\"\n[schedule]\nfrequency = \"daily\"\n", "iocs: must list at least one"},
      {"name = \"t\"\niocs = [\"/i\", 3]\nresults = \"/r\"\n[schedule]\nfrequency = \"daily\"\n", "iocs: must be an array of strings"},
      {"name = \"t\"\niocs = [\"/i\\u0000x\"]\nresults = \"/r\"\n[schedule]\nfrequency = \"daily\"\n", "iocs: contains a NUL character"},
      {"name = \"t\"\niocs = [\"/i\"]\nresults = \"../../etc\"\n[schedule]\nfrequency = \"daily\"\n", "results: \"../../etc\" contains a \"..\" component"},
      {"name = \"t\"\niocs = [\"/i\"]\nresults = \"/var/lib/../../etc\"\n[schedule]\nfrequency = \"daily\"\n", "contains a \"..\" component"},
      {"name = \"t\"\niocs = [\"/i\"]\nresults = \"/\"\n[schedule]\nfrequency = \"daily\"\n", "results: must not be /"},
      {Job("[scope]\nexclude = [\"/a/../b\"]"), "scope.exclude: \"/a/../b\" contains"},
      {Job("[scope]\nmax_size = \"lots\""), "scope.max_size:"},
      {Job("[scope]\nthreads = -1"), "scope.threads: must be from 0 to 1024"},
      {Job("[actions]\non_match = [\"notify\"]"), "actions.on_match: the program must be an absolute path"},
      {Job("[actions]\non_match = [\"/usr/../bin/sh\"]"), "actions.on_match: the program path contains"},
      {Job("[actions]\non_match = []"), "actions.on_match: must start with the program"},
      {Job("[retrospective]\nsince = \"last week\""), "retrospective.since:"},
      {Job("[retrospective]\nsince = \"2026-12-01T00:00:00Z\"\nuntil = \"2026-11-01T00:00:00Z\""), "retrospective.until: is before since"},
      {Job("scope = 3"), "scope: must be a table"},
      {"name = \"t\"\nname = \"u\"\n", "/srv/jobs/weekly.toml:2: not valid TOML"},
      {"this is not toml", "/srv/jobs/weekly.toml:1: not valid TOML"},
      {"[schedule\n", "not valid TOML"},
      {"name = \"" + std::string(2 << 20, 'x') + "\"", "larger than 1 MiB"},
  };
  for (const Case& c : cases) {
    INFO(c.text.substr(0, 300));
    const std::string error = ErrorOf(c.text);
    CHECK_THAT(error, Catch::Contains(c.expected));
    CHECK(error.find('\n') == std::string::npos);
    CHECK(error.rfind(kPath, 0) == 0);  // starts with the file
  }
}

TEST_CASE("job file: a deeply nested or huge array is refused, not crashed on", "[job][job_file]") {
  std::string nested = "name = \"t\"\niocs = " + std::string(5000, '[') + std::string(5000, ']') + "\n";
  CHECK_FALSE(ErrorOf(nested).empty());
  std::string many = "name = \"t\"\nresults = \"/r\"\niocs = [";
  for (int i = 0; i < 1001; ++i) many += "\"/i\",";
  many += "]\n[schedule]\nfrequency = \"daily\"\n";
  CHECK_THAT(ErrorOf(many), Catch::Contains("iocs: has more than 1000 entries"));
}

TEST_CASE("job file: LoadJobFile names missing files and folders", "[job][job_file]") {
  Result<JobFile> r = LoadJobFile("/nonexistent/x.toml");
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error().Text(), Catch::Contains("/nonexistent/x.toml"));
  r = LoadJobFile("/tmp");
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error().Text(), Catch::Contains("is a folder"));
}

}  // namespace
}  // namespace iocscan::job
