// `iocscan job run` for real, in a temporary folder: the stored layout, exit codes, on_match, a
// failed run, retention, the time limit, a kill at a random moment, and two runs at once.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/job_support.h"

namespace iocscan::testing {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST_CASE("job run: a run with a hit is stored complete, with its cards, state and action", "[cli][job]") {
  JobDir j(JobBody(kPasswdIoc, {"/etc"}, "retention_days = 3",
                   "frequency = \"daily\"\n[actions]\non_match = [\"/bin/sh\", \"-c\", \"printf '%s|' \\\"$@\\\" > action.out\", "
                   "\"sh\", \"{run_dir}\", \"{cards}\", \"{hits}\", \"hits={hits}\"]\n"));
  RunResult r = j.Run({"job", "run"}, InDir(j.dir.path()));
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.empty());
  CHECK(Has(r.out, ": complete, 1 hit; stored in " + j.results + "/"));

  struct stat st {};
  REQUIRE(::stat(j.results.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
  Json runs = j.Runs();
  REQUIRE(runs.size() == 1);
  const std::string id = runs[0]["id"];
  CHECK(runs[0]["status"] == "complete");
  CHECK(runs[0]["hits"] == 1);
  const std::string run_dir = j.results + "/" + id;
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(run_dir)) files.push_back(e.path().filename().string());
  std::sort(files.begin(), files.end());
  CHECK(files == std::vector<std::string>{"cards.jsonl", "run.json"});

  Json run = Json::parse(Slurp(run_dir + "/run.json"));
  CHECK(run["job"] == "cli test");
  CHECK(run["job_file"] == j.job);
  CHECK(run["id"] == id);
  CHECK(run["status"] == "complete");
  CHECK(run["hits"] == 1);
  CHECK(run["host"]["hostname"].is_string());
  CHECK(run["summary"]["counts"]["cards"] == 1);
  CHECK(run["options"]["paths"] == Json::array({"/etc"}));
  CHECK(run["options"]["iocs"] == Json::array({kPasswdIoc}));

  // cards.jsonl is what `scan --format jsonl` writes: cards, then the summary last.
  std::istringstream lines(Slurp(run_dir + "/cards.jsonl"));
  std::string line, last;
  int cards = 0;
  while (std::getline(lines, line)) {
    Json l = Json::parse(line);
    if (l["type"] == "card") ++cards;
    last = l["type"];
  }
  CHECK(cards == 1);
  CHECK(last == "summary");

  Json state = Json::parse(Slurp(j.results + "/state.json"));
  CHECK(state["last_run"]["id"] == id);
  CHECK(state["last_run"]["hits"] == 1);
  CHECK(state["last_occurrence"].is_null());  // a manual run is not a scheduled occurrence

  // on_match got the placeholders as separate arguments, no shell in between.
  CHECK(Slurp(j.dir.Join("action.out")) == run_dir + "|" + run_dir + "/cards.jsonl|1|hits=1|");

  // The stored cards in every format.
  RunResult jsonl = RunIocscan({"job", "results", j.job, "--run", id, "--format", "jsonl"});
  CHECK(jsonl.exit_code == 0);
  CHECK(jsonl.out == Slurp(run_dir + "/cards.jsonl"));
  RunResult json = RunIocscan({"job", "results", j.job, "--run", id, "--format", "json"});
  REQUIRE(json.exit_code == 0);
  Json doc = Json::parse(json.out);
  CHECK(doc["cards"].size() == 1);
  CHECK(doc["cards"][0]["ioc"]["name"] == "Demo: the local password file");
  CHECK(doc["summary"]["status"] == "complete");
  RunResult text = RunIocscan({"job", "results", j.job, "--run", id, "--format", "text"});
  CHECK(text.exit_code == 0);
  CHECK(Has(text.out, "MATCH  Demo: the local password file"));
  CHECK(Has(text.out, "FullPath     /etc/passwd"));
  CHECK(Has(text.out, "Scan complete"));
  RunResult listing = RunIocscan({"job", "results", j.job});
  CHECK(listing.exit_code == 0);
  CHECK(Has(listing.out, id));
  CHECK(Has(listing.out, "complete"));

  // Bad run ids are refused, not used as paths.
  for (const char* bad : {"../runs", "20991231T000000Z-1", "state.json"}) {
    RunResult b = RunIocscan({"job", "results", j.job, "--run", bad});
    CHECK(b.exit_code == 2);
  }
}

TEST_CASE("job run: no hit exits 0 and runs no action; a failed run is stored as failed", "[cli][job]") {
  ScratchDir empty;
  JobDir j(JobBody(kPasswdIoc, {empty.path()}, "",
                   "frequency = \"daily\"\n[actions]\non_match = [\"/bin/sh\", \"-c\", \"touch acted\"]\n"));
  RunResult r = j.Run({"job", "run", "-q"}, InDir(j.dir.path()));
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK_FALSE(fs::exists(j.dir.Join("acted")));
  REQUIRE(j.Runs().size() == 1);
  CHECK(j.Runs()[0]["hits"] == 0);

  // IOCs that do not exist: nothing to scan with. The run is recorded as failed, exit 2.
  j.Rewrite(JobBody(j.dir.Join("no-such-iocs"), {empty.path()}));
  r = j.Run({"job", "run"});
  CHECK(r.exit_code == 2);
  CHECK(Has(r.err, "iocscan job: "));
  Json runs = j.Runs();
  REQUIRE(runs.size() == 2);
  CHECK(runs[1]["status"] == "failed");
  Json run = Json::parse(Slurp(j.results + "/" + std::string(runs[1]["id"]) + "/run.json"));
  CHECK(run["error"].is_string());
}

TEST_CASE("job run: retention prunes old runs after each run, and --prune on demand", "[cli][job]") {
  ScratchDir empty;
  JobDir j(JobBody(kPasswdIoc, {empty.path()}, "retention_days = 2"));
  fs::create_directories(j.results);
  // Two runs stored long ago and one recent, as an earlier iocscan would have left them.
  auto plant = [&](const std::string& id, const std::string& start) {
    fs::create_directories(j.results + "/" + id);
    std::ofstream(j.results + "/" + id + "/run.json")
        << R"({"start":")" << start << R"(","end":")" << start << R"(","status":"complete","hits":0,"duration_seconds":1})";
    std::ofstream(j.results + "/" + id + "/cards.jsonl");
  };
  plant("20200101T000000Z-1", "2020-01-01T00:00:00Z");
  plant("20200102T000000Z-1", "2020-01-02T00:00:00Z");
  plant("20990101T000000Z-1", "2099-01-01T00:00:00Z");
  fs::create_directories(j.results + "/.20200103T000000Z-5.tmp");  // a run killed long ago
  fs::create_directories(j.results + "/keep-me");
  REQUIRE(j.Runs().size() == 3);

  RunResult r = j.Run({"job", "run", "-q"});
  CHECK(r.exit_code == 0);
  Json runs = j.Runs();
  REQUIRE(runs.size() == 2);
  CHECK(runs[1]["id"] == "20990101T000000Z-1");
  CHECK(j.TempFolders().empty());
  CHECK(fs::exists(j.results + "/keep-me"));

  plant("20200101T000000Z-2", "2020-01-01T00:00:00Z");
  RunResult p = j.Run({"job", "results", "--prune"});
  CHECK(p.exit_code == 0);
  CHECK(Has(p.out, "pruned 20200101T000000Z-2"));
  CHECK(j.Runs().size() == 2);
}

TEST_CASE("job run: the time limit stops a scan of a large tree; the run is stored as timeout", "[cli][job][slow]") {
  JobDir j("name = \"limit\"\niocs = [\"" + kSampleIocs + "\"]\nresults = \"runs\"\ntime_limit = \"1s\"\n"
           "[scope]\npaths = [\"/usr\"]\nthreads = 1\n[schedule]\nfrequency = \"daily\"\n");
  RunResult r = j.Run({"job", "run"});
  INFO(r.err);
  CHECK((r.exit_code == 0 || r.exit_code == 1));
  Json runs = j.Runs();
  REQUIRE(runs.size() == 1);
  Json run = Json::parse(Slurp(j.results + "/" + std::string(runs[0]["id"]) + "/run.json"));
  CHECK(run["options"]["time_limit_seconds"] == 1);
  if (runs[0]["status"] == "complete") {
    WARN("/usr was scanned in under a second: the time limit was not reached");
    return;
  }
  CHECK(runs[0]["status"] == "timeout");
  CHECK(run["summary"]["status"] == "timeout");
}

TEST_CASE("job run: killed mid-run leaves nothing shown as complete; the next run takes over", "[cli][job][slow]") {
  const std::string big = "name = \"kill\"\niocs = [\"" + kSampleIocs + "\"]\nresults = \"runs\"\n"
                          "[scope]\npaths = [\"/usr\"]\nthreads = 1\n[schedule]\nfrequency = \"daily\"\n";
  JobDir j(big);
  std::size_t finished = 0;  // runs that ended before the kill reached them (a very fast host)
  for (int round = 0; round < 2; ++round) {
    BackgroundRun run(j.job);
    REQUIRE(WaitFor([&] { return !j.TempFolders().empty() || fs::exists(j.results + "/state.json"); }));
    // Kill it at some moment of its scan (a different one each round).
    std::this_thread::sleep_for(std::chrono::milliseconds(round == 0 ? 0 : 300));
    run.Signal(SIGKILL);
    if (run.Wait() != 128 + SIGKILL) {
      WARN("the run ended before it was killed");
      ++finished;
    }
    // Whatever the moment, a listed run is a complete one: only runs that ended are listed.
    CHECK(j.Runs().size() == finished);
    RunResult listing = RunIocscan({"job", "results", j.job});
    CHECK(listing.exit_code == 0);
  }
  // The dead process's lock is no obstacle, and its temporary folders are cleaned up.
  ScratchDir empty;
  j.Rewrite(JobBody(kPasswdIoc, {empty.path()}));
  RunResult r = j.Run({"job", "run", "-q"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(j.Runs().size() == finished + 1);
  CHECK(j.TempFolders().empty());
}

TEST_CASE("job run: a second run of the same job exits 2 at once; SIGTERM stores an interrupted run", "[cli][job][slow]") {
  JobDir j("name = \"lock\"\niocs = [\"" + kSampleIocs + "\"]\nresults = \"runs\"\n"
           "[scope]\npaths = [\"/usr\"]\nthreads = 1\n[schedule]\nfrequency = \"daily\"\n");
  BackgroundRun first(j.job);
  REQUIRE(WaitFor([&] { return !j.TempFolders().empty() || fs::exists(j.results + "/state.json"); }));
  RunOptions quick;
  quick.timeout_seconds = 60;
  RunResult second = j.Run({"job", "run"}, quick);
  if (second.exit_code != 2 && ::waitpid(first.pid(), nullptr, WNOHANG) == first.pid()) {
    WARN("the first run ended before the second started: no contention on this host");
    return;
  }
  CHECK(second.exit_code == 2);
  CHECK(Has(second.err, "another run of this job is in progress"));
  CHECK(Has(second.err, "held by process " + std::to_string(first.pid())));
  // --prune waits for no one either.
  CHECK(j.Run({"job", "results", "--prune"}).exit_code == 2);

  first.Signal(SIGTERM);
  const int status = first.Wait();
  CHECK((status == 0 || status == 1));
  Json runs = j.Runs();
  REQUIRE(runs.size() == 1);
  CHECK(runs[0]["status"] == "interrupted");
  CHECK(j.TempFolders().empty());
}

TEST_CASE("job run: hostile job files are refused with one line and exit 2", "[cli][job]") {
  ScratchDir tmp;
  struct Case {
    std::string body;
    std::string key;
  };
  const std::vector<Case> cases = {
      {"name = \"x\"\n[[[", "not valid TOML"},
      {"name = \"a|b\"\niocs = [\"/i\"]\nresults = \"r\"\n[schedule]\nfrequency = \"daily\"\n", "name: must not contain '|'"},
      {"name = \"x\"\niocs = [\"/i\"]\nresults = \"../../../tmp/evil\"\n[schedule]\nfrequency = \"daily\"\n", "results: \"../../../tmp/evil\" contains"},
      {"name = \"x\"\niocs = [\"/i\"]\nresults = \"r\"\nretention_days = 99999999999999\n[schedule]\nfrequency = \"daily\"\n", "retention_days: must be from 1"},
      {"name = \"x\"\niocs = [\"/i\"]\nresults = \"r\"\n[schedule]\nfrequency = \"daily\"\nevery = 0\n", "schedule.every: must be from 1"},
      {"name = \"x\"\niocs = [\"/i\"]\nresults = \"r\"\n[schedule]\nfrequency = \"daily\"\nstart = \"2027-02-31\"\n", "schedule.start:"},
      {"name = \"x\"\niocs = [\"/i\"]\nresults = \"r\"\n[schedule]\nfrequency = \"daily\"\nstart = \"2027-05-01\"\nend = \"2027-04-01\"\n", "schedule.end: is not after start"},
      {"name = \"x\"\niocs = [\"/i\"]\nresults = \"r\"\nextra = 1\n[schedule]\nfrequency = \"daily\"\n", "extra: unknown key"},
      {std::string(3 << 20, '#'), "larger than 1 MiB"},
  };
  for (const Case& c : cases) {
    const std::string job = tmp.Write("hostile.toml", c.body);
    for (const char* command : {"run", "due", "install", "results"}) {
      INFO(command << " " << c.key);
      RunResult r = RunIocscan({"job", command, job});
      CHECK(r.exit_code == 2);
      CHECK(r.out.empty());
      CHECK(Has(r.err, job));
      CHECK(Has(r.err, c.key));
      CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
  }
  CHECK_FALSE(fs::exists(tmp.Join("r")));
  CHECK_FALSE(fs::exists("/tmp/evil"));
  RunResult missing = RunIocscan({"job", "run", tmp.Join("nope.toml")});
  CHECK(missing.exit_code == 2);
  CHECK(Has(missing.err, "nope.toml"));
}

}  // namespace
}  // namespace iocscan::testing
