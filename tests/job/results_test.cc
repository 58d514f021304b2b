// Stored runs, the state file, the lock and on_match placeholders: the pieces a run is made of.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "core/time.h"
#include "job/actions.h"
#include "job/results.h"
#include "job/state.h"
#include "platform/job_os.h"
#include "support/scratch_dir.h"

namespace iocscan::job {
namespace {

using testing::ScratchDir;
namespace fs = std::filesystem;

std::int64_t Utc(const char* iso) { return ParseIsoTime(iso).value(); }

// A complete stored run started at `start`.
std::string StoreRun(const std::string& dir, std::int64_t start, const std::string& status = "complete") {
  const std::string id = MakeRunId(start, 7);
  Result<RunWriter> w = RunWriter::Begin(dir, id);
  REQUIRE(w.ok());
  REQUIRE(w->Write("cards.jsonl", "").ok());
  nlohmann::ordered_json run = {{"start", FormatIsoTime(start)}, {"end", FormatIsoTime(start + 5)},
                                {"duration_seconds", 5.0}, {"status", status}, {"hits", 2}};
  REQUIRE(w->Write("run.json", run.dump()).ok());
  REQUIRE(w->Commit().ok());
  return id;
}

TEST_CASE("run ids sort by time and are recognised", "[job][results]") {
  CHECK(MakeRunId(Utc("2026-12-01T01:30:12Z"), 4711) == "20261201T013012Z-4711");
  CHECK(IsRunId("20261201T013012Z-4711"));
  CHECK_FALSE(IsRunId("20261201T013012Z"));
  CHECK_FALSE(IsRunId("../20261201T013012Z-1"));
  CHECK_FALSE(IsRunId("20261201T013012Z-1/.."));
  CHECK_FALSE(IsRunId("state.json"));
}

TEST_CASE("results folder is created 0700", "[job][results]") {
  ScratchDir tmp;
  const std::string dir = tmp.Join("a/b/results");
  REQUIRE(EnsureResultsDir(dir).ok());
#ifndef _WIN32  // Windows folders have ACLs, not modes
  struct stat st {};
  REQUIRE(::stat(dir.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
  ::chmod(dir.c_str(), 0755);
  REQUIRE(EnsureResultsDir(dir).ok());
  REQUIRE(::stat(dir.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
#endif
  tmp.Write("file", "x");
  CHECK_FALSE(EnsureResultsDir(tmp.Join("file")).ok());
}

TEST_CASE("listing shows complete runs only; a run is invisible until committed", "[job][results]") {
  ScratchDir tmp;
  const std::string dir = tmp.path();
  const std::string a = StoreRun(dir, Utc("2026-12-01T00:00:00Z"));
  const std::string b = StoreRun(dir, Utc("2026-12-02T00:00:00Z"), "timeout");
  Result<RunWriter> pending = RunWriter::Begin(dir, MakeRunId(Utc("2026-12-03T00:00:00Z"), 1));
  REQUIRE(pending.ok());
  REQUIRE(pending->Write("cards.jsonl", "{}\n").ok());
  REQUIRE(pending->Write("run.json", R"({"start":"2026-12-03T00:00:00Z","end":"2026-12-03T00:00:00Z","status":"complete"})").ok());
  fs::create_directory(tmp.Join("20261204T000000Z-9"));  // no run.json: a crash of an older version, or junk
  tmp.Write("20261205T000000Z-9", "a file");
  fs::create_directory(tmp.Join("20261206T000000Z-9"));
  tmp.Write("20261206T000000Z-9/run.json", "{not json");
  fs::create_directory(tmp.Join("my-notes"));

  Result<std::vector<StoredRun>> runs = ListRuns(dir);
  REQUIRE(runs.ok());
  REQUIRE(runs->size() == 2);
  CHECK(runs->at(0).id == a);
  CHECK(runs->at(1).id == b);
  CHECK(runs->at(1).status == "timeout");
  CHECK(runs->at(1).hits == 2);
  CHECK(runs->at(1).duration_seconds == 5.0);

  REQUIRE(pending->Commit().ok());
  REQUIRE(ListRuns(dir)->size() == 3);
  CHECK(ListRuns(tmp.Join("missing"))->empty());
}

TEST_CASE("pruning removes old runs and dead temporary folders, nothing else", "[job][results]") {
  ScratchDir tmp;
  const std::string dir = tmp.path();
  const std::int64_t now = Utc("2026-12-10T00:00:00Z");
  const std::string old1 = StoreRun(dir, now - 8 * 86400);
  const std::string old2 = StoreRun(dir, now - 7 * 86400 - 1);
  const std::string kept = StoreRun(dir, now - 7 * 86400 + 60);
  const std::string fresh = StoreRun(dir, now - 60);
  Result<RunWriter> dead = RunWriter::Begin(dir, MakeRunId(now - 30, 3));
  REQUIRE(dead.ok());
  fs::create_directory(tmp.Join("20200101T000000Z-1"));  // old-looking name, no run.json: not a run
  tmp.Write("notes.txt", "keep me");

  PruneOutcome p = PruneRuns(dir, 7, now);
  CHECK(p.problems.empty());
  CHECK(p.removed.size() == 3);
  std::vector<std::string> left;
  Result<std::vector<StoredRun>> runs = ListRuns(dir);
  REQUIRE(runs.ok());
  for (const StoredRun& r : runs.value()) left.push_back(r.id);
  CHECK(left == std::vector<std::string>{kept, fresh});
  CHECK_FALSE(fs::exists(dead->temp_path()));
  CHECK(fs::exists(tmp.Join("20200101T000000Z-1")));
  CHECK(fs::exists(tmp.Join("notes.txt")));

  // retention 0 keeps every run.
  CHECK(PruneRuns(dir, 0, now + 1000 * 86400).removed.empty());
  CHECK(ListRuns(dir)->size() == 2);
}

TEST_CASE("state file round trip; missing is empty, garbage is an error", "[job][state]") {
  ScratchDir tmp;
  Result<JobState> empty = LoadState(tmp.path());
  REQUIRE(empty.ok());
  CHECK_FALSE(empty->last_occurrence);
  CHECK_FALSE(empty->last_run);
  JobState s;
  s.last_occurrence = Utc("2026-12-01T01:30:00Z");
  s.last_run = LastRun{"20261201T013012Z-4711", Utc("2026-12-01T01:30:12Z"), Utc("2026-12-01T01:40:00Z"), "timeout", 3};
  REQUIRE(SaveState(tmp.path(), s).ok());
  Result<JobState> back = LoadState(tmp.path());
  REQUIRE(back.ok());
  CHECK(back->last_occurrence == s.last_occurrence);
  REQUIRE(back->last_run);
  CHECK(back->last_run->id == "20261201T013012Z-4711");
  CHECK(back->last_run->end == s.last_run->end);
  CHECK(back->last_run->status == "timeout");
  CHECK(back->last_run->hits == 3);
  tmp.Write("state.json", "garbage");
  CHECK_FALSE(LoadState(tmp.path()).ok());
}

TEST_CASE("lock: exclusive while held, free once released", "[job][lock]") {
  ScratchDir tmp;
  const std::string path = tmp.Join(".lock");
  {
    platform::ExclusiveLock first = platform::ExclusiveLock::TryAcquire(path);
    REQUIRE(first.state() == platform::ExclusiveLock::State::kHeld);
    // flock locks belong to the open file: a second open is refused even in this process.
    platform::ExclusiveLock second = platform::ExclusiveLock::TryAcquire(path);
    CHECK(second.state() == platform::ExclusiveLock::State::kBusy);
#ifdef _WIN32
    CHECK(second.message() == "held by another process");  // a locked range cannot be read for the pid
#else
    CHECK_THAT(second.message(), Catch::Contains("held by process " + std::to_string(::getpid())));
#endif
  }
  platform::ExclusiveLock again = platform::ExclusiveLock::TryAcquire(path);
  CHECK(again.state() == platform::ExclusiveLock::State::kHeld);
  CHECK(platform::ExclusiveLock::TryAcquire(tmp.Join("no/such/dir/.lock")).state() == platform::ExclusiveLock::State::kError);
}

TEST_CASE("on_match placeholders", "[job][actions]") {
  const std::map<std::string, std::string> values = {{"run_dir", "/r/1"}, {"cards", "/r/1/cards.jsonl"}, {"hits", "3"}};
  CHECK(ExpandPlaceholders({"/bin/x", "{run_dir}", "--n={hits}", "{cards}{hits}", "{unknown}", "{", "}{"}, values) ==
        std::vector<std::string>{"/bin/x", "/r/1", "--n=3", "/r/1/cards.jsonl3", "{unknown}", "{", "}{"});
  // A value holding a placeholder is not expanded again.
  CHECK(ExpandPlaceholders({"{run_dir}"}, {{"run_dir", "{hits}"}, {"hits", "3"}}) == std::vector<std::string>{"{hits}"});
}

#ifndef _WIN32  // tests/windows/job_os_test.cc has the Windows one
TEST_CASE("RunProgram: argv without a shell, stdin, stdout, exit status", "[job][actions]") {
  Result<platform::ProgramRun> r = platform::RunProgram({"/bin/sh", "-c", "cat; echo \"[$1]\"; exit 3", "sh", "a b;$(x)"}, std::string("in\n"), true);
  REQUIRE(r.ok());
  CHECK(r->out == "in\n[a b;$(x)]\n");
  CHECK(r->exit_code == 3);
  CHECK_FALSE(platform::RunProgram({"/nonexistent/program"}, std::nullopt, false).ok());
  CHECK(RunAction({"/bin/true"}).value() == 0);
}
#endif

}  // namespace
}  // namespace iocscan::job
