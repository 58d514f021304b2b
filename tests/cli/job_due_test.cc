// `iocscan job due` and `job run --if-due` with --now: the schedule and the state file decide,
// the same way whichever trigger calls; and every sample job file validates.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "cli/job_support.h"

namespace iocscan::testing {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

const std::vector<std::string> kUtc = {"TZ=UTC"};

RunResult Due(const JobDir& j, const std::string& now, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"job", "due", "--now", now};
  args.insert(args.end(), extra.begin(), extra.end());
  return j.Run(args, WithEnv(kUtc));
}

TEST_CASE("job due: exit 0 when due, 1 when not, with the next due time", "[cli][job]") {
  ScratchDir empty;
  JobDir j(JobBody(kPasswdIoc, {empty.path()}, "",
                   "frequency = \"weekly\"\ndays = [\"tue\", \"thu\"]\nat = \"02:30\"\nstart = \"2026-12-01\"\nend = \"2027-01-01\"\n"));
  RunResult r = Due(j, "2026-11-30T12:00:00Z");
  CHECK(r.exit_code == 1);
  CHECK(Has(r.out, "due      no: no occurrence yet"));
  CHECK(Has(r.out, "next     2026-12-01T02:30:00Z"));
  r = Due(j, "2026-12-01T02:30:00Z");
  CHECK(r.exit_code == 0);
  CHECK(Has(r.out, "due      yes: due 2026-12-01 02:30:00"));
  CHECK(Has(r.out, "next     2026-12-03T02:30:00Z"));
  r = Due(j, "2026-12-01T03:00:00Z");  // half an hour late and run_missed is off
  CHECK(r.exit_code == 1);
  CHECK(Has(r.out, "run_missed is off"));
  r = Due(j, "2026-12-31T23:59:59Z");
  CHECK(Has(r.out, "next     none"));
  r = Due(j, "2027-01-02T02:30:00Z");
  CHECK(r.exit_code == 1);
  CHECK(Has(r.out, "ended"));
  // --now must be a time.
  CHECK(Due(j, "tomorrow").exit_code == 2);
}

TEST_CASE("job run --if-due: runs once per occurrence; a missed run after a gap runs once", "[cli][job]") {
  ScratchDir empty;
  JobDir j(JobBody(kPasswdIoc, {empty.path()}, "",
                   "frequency = \"daily\"\nevery = 2\nat = \"02:30\"\nstart = \"2026-12-01\"\nrun_missed = true\n"));
  auto run = [&](const std::string& now) { return j.Run({"job", "run", "--if-due", "--now", now}, WithEnv(kUtc)); };
  RunResult r = run("2026-12-01T02:30:10Z");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(Has(r.out, "complete, 0 hits"));
  CHECK(j.Runs().size() == 1);
  // The same occurrence again: not due, no run, exit 0 (nothing for cron to mail).
  r = run("2026-12-01T02:45:00Z");
  CHECK(r.exit_code == 0);
  CHECK(Has(r.out, "not due: already ran for 2026-12-01 02:30:00"));
  CHECK(j.Runs().size() == 1);
  // every = 2: 12-02 has no occurrence.
  CHECK(Due(j, "2026-12-02T02:30:00Z").exit_code == 1);
  // The host was off from 12-02 to 12-08: the latest missed occurrence (12-07) runs once.
  r = Due(j, "2026-12-08T09:00:00Z");
  CHECK(r.exit_code == 0);
  CHECK(Has(r.out, "missed 2026-12-07 02:30:00"));
  r = run("2026-12-08T09:00:00Z");
  CHECK(r.exit_code == 0);
  CHECK(j.Runs().size() == 2);
  std::ifstream in(j.results + "/state.json");
  std::stringstream s;
  s << in.rdbuf();
  CHECK(Json::parse(s.str())["last_occurrence"] == "2026-12-07T02:30:00Z");
  CHECK(Due(j, "2026-12-08T09:05:00Z").exit_code == 1);
  // --now goes with --if-due only.
  CHECK(j.Run({"job", "run", "--now", "2026-12-08T09:00:00Z"}).exit_code == 2);
}

TEST_CASE("job due: DST in Europe/Berlin through TZ", "[cli][job][dst]") {
  if (!fs::exists("/usr/share/zoneinfo/Europe/Berlin")) {
    WARN("no tzdata: skipped");
    return;
  }
  ScratchDir empty;
  JobDir j(JobBody(kPasswdIoc, {empty.path()}, "", "frequency = \"daily\"\nat = \"02:30\"\n"));
  const RunOptions berlin = WithEnv({"TZ=Europe/Berlin"});
  // 2027-03-28: 02:30 does not exist; the run moves to 03:30 CEST (01:30 UTC).
  RunResult r = j.Run({"job", "due", "--now", "2027-03-27T12:00:00Z"}, berlin);
  CHECK(Has(r.out, "next     2027-03-28T01:30:00Z (2027-03-28 03:30:00 local)"));
  // 2027-10-31: 02:30 happens twice; the run is at the first (00:30 UTC), not again at 01:30 UTC.
  r = j.Run({"job", "due", "--now", "2027-10-30T12:00:00Z"}, berlin);
  CHECK(Has(r.out, "next     2027-10-31T00:30:00Z (2027-10-31 02:30:00 local)"));
  r = j.Run({"job", "due", "--now", "2027-10-31T00:30:00Z"}, berlin);
  CHECK(r.exit_code == 0);
  CHECK(Has(r.out, "next     2027-11-01T01:30:00Z"));
}

TEST_CASE("job due: randomize gives a start inside the window, fixed by --seed", "[cli][job]") {
  ScratchDir empty;
  JobDir j(JobBody(kPasswdIoc, {empty.path()}, "", "frequency = \"hourly\"\nat = \"00:00\"\nrandomize = \"30m\"\n"));
  std::set<std::string> starts;
  for (int seed = 0; seed < 20; ++seed) {
    RunResult r = Due(j, "2026-12-01T10:00:00Z", {"--seed", std::to_string(seed)});
    REQUIRE(r.exit_code == 0);
    const std::size_t at = r.out.find("start    ");
    REQUIRE(at != std::string::npos);
    const std::string start = r.out.substr(at + 9, 20);
    CHECK(start >= "2026-12-01T10:00:00Z");
    CHECK(start < "2026-12-01T10:30:00Z");
    CHECK(Due(j, "2026-12-01T10:00:00Z", {"--seed", std::to_string(seed)}).out == r.out);
    starts.insert(start);
  }
  CHECK(starts.size() > 5);
}

TEST_CASE("job due: on-launch is due once per boot", "[cli][job]") {
  ScratchDir empty;
  JobDir j(JobBody(kPasswdIoc, {empty.path()}, "", "frequency = \"on-launch\"\n"));
  auto due = [&](const char* now, const char* boot) {
    return j.Run({"job", "due", "--now", now, "--boot-time", boot}, WithEnv(kUtc));
  };
  CHECK(due("2026-12-01T08:01:00Z", "2026-12-01T08:00:00Z").exit_code == 0);
  RunResult r = j.Run({"job", "run", "--if-due", "-q", "--now", "2026-12-01T08:01:00Z", "--boot-time", "2026-12-01T08:00:00Z"});
  CHECK(r.exit_code == 0);
  CHECK(j.Runs().size() == 1);
  CHECK(due("2026-12-01T09:00:00Z", "2026-12-01T08:00:00Z").exit_code == 1);
  CHECK(due("2026-12-02T08:01:00Z", "2026-12-02T08:00:00Z").exit_code == 0);
}

TEST_CASE("job due / run --if-due: a damaged state file is reported and replaced, not fatal", "[cli][job]") {
  ScratchDir empty;
  JobDir j(JobBody(kPasswdIoc, {empty.path()}, "", "frequency = \"daily\"\nat = \"02:30\"\n"));
  fs::create_directories(j.results);
  std::ofstream(j.results + "/state.json") << "{\"last_occurrence\": 12";
  RunResult r = Due(j, "2026-12-01T02:30:00Z");
  CHECK(r.exit_code == 0);
  CHECK(Has(r.err, "state.json"));
  CHECK(Has(r.err, "taken as empty"));
  r = j.Run({"job", "run", "--if-due", "-q", "--now", "2026-12-01T02:30:00Z"}, WithEnv(kUtc));
  CHECK(r.exit_code == 0);
  CHECK(j.Runs().size() == 1);
  r = Due(j, "2026-12-01T02:31:00Z");
  CHECK(r.exit_code == 1);
  CHECK(r.err.empty());
}

TEST_CASE("job due: every sample job file validates", "[cli][job]") {
  const std::string dir = std::string(IOCSCAN_SOURCE_DIR) + "/samples/jobs";
  int count = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".toml") continue;
    ++count;
    INFO(e.path());
    RunResult r = RunIocscan({"job", "due", "--now", "2026-12-01T05:00:00Z", e.path().string()});
    CHECK((r.exit_code == 0 || r.exit_code == 1));
    CHECK(r.err.empty());
    for (const char* kind : {"--systemd", "--windows"}) {
      CHECK(RunIocscan({"job", "install", kind, e.path().string()}).exit_code == 0);
    }
  }
  CHECK(count >= 3);
}

}  // namespace
}  // namespace iocscan::testing
