// The test harness that runs binaries: exit codes, separate streams, stdin, environment, timeouts.
#include <catch2/catch.hpp>

#include <string>

#include "cli/run_binary.h"
#include "support/scratch_dir.h"

namespace iocscan::testing {
namespace {

TEST_CASE("RunIocscan captures stdout and the exit code", "[cli][harness]") {
  RunResult r = RunIocscan({"--version"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("iocscan") != std::string::npos);
  CHECK_FALSE(r.timed_out);
}

TEST_CASE("RunIocscan: bad arguments exit 2 with a message on stderr", "[cli][harness]") {
  RunResult r = RunIocscan({"no-such-command"});
  CHECK(r.exit_code == 2);
  CHECK_FALSE(r.err.empty());
}

TEST_CASE("arguments reach the program as given, without a shell", "[cli][harness]") {
  RunResult r = RunProgram("/bin/echo", {"a b", "$HOME", "*", "'q'"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "a b $HOME * 'q'\n");
}

TEST_CASE("stdin is /dev/null by default, or the bytes given", "[cli][harness]") {
  CHECK(RunProgram("/bin/cat", {}).out.empty());
  std::string big(300000, 'x');  // more than a pipe buffer both ways: no deadlock
  RunOptions options;
  options.stdin_data = big;
  RunResult r = RunProgram("/bin/cat", {}, options);
  CHECK(r.exit_code == 0);
  CHECK(r.out == big);
  options.stdin_data = "";
  CHECK(RunProgram("/bin/cat", {}, options).out.empty());
}

TEST_CASE("stdout and stderr are kept apart", "[cli][harness]") {
  RunResult r = RunProgram("/bin/ls", {"/", "/no/such/path/at/all"});
  CHECK(r.exit_code != 0);
  CHECK(r.out.find("bin") != std::string::npos);
  CHECK(r.err.find("/no/such/path/at/all") != std::string::npos);
}

TEST_CASE("working directory and environment", "[cli][harness]") {
  ScratchDir dir;
  RunOptions options;
  options.cwd = dir.path();
  options.env = {"IOCSCAN_TEST_VAR=one two", "HOME"};
  CHECK(RunProgram("/bin/pwd", {"-P"}, options).out.find("iocscan-test-") != std::string::npos);
  std::string env = RunProgram("/usr/bin/env", {}, options).out;
  CHECK(env.find("IOCSCAN_TEST_VAR=one two\n") != std::string::npos);
  CHECK(env.find("\nHOME=") == std::string::npos);
  CHECK(env.rfind("HOME=", 0) != 0);
}

TEST_CASE("a run past its time limit is killed", "[cli][harness]") {
  RunOptions options;
  options.timeout_seconds = 1;
  RunResult r = RunProgram("/bin/sleep", {"30"}, options);
  CHECK(r.timed_out);
  CHECK(r.exit_code == 128 + SIGKILL);
}

TEST_CASE("a program that cannot be run is a harness error", "[cli][harness]") {
  CHECK_THROWS_AS(RunProgram("/no/such/program", {}), std::runtime_error);
}

}  // namespace
}  // namespace iocscan::testing
