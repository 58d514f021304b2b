// `iocscan scan` on a terminal: the progress line on stderr (shown, refreshed in place, cleared at
// the end, no raw control bytes besides its own), and Ctrl-C that stops the sweep and still writes
// the cards with status "interrupted". The binary runs on a real pseudo-terminal (forkpty).
#include <catch2/catch.hpp>

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/ioc_xml.h"
#include "support/scratch_dir.h"

namespace iocscan::testing {
namespace {

// A scan long enough to show progress: every file of /usr is hashed, one worker.
const std::vector<std::string> kLongScan = {"scan", "-p", "/usr", "-j", "1"};

std::string HashIoc() {
  return Ioc11Xml("tty-test", "hash that matches nothing",
                  Term11("t1", "is", "FileItem/Sha256sum",
                         "0000000000000000000000000000000000000000000000000000000000000001"));
}

struct PtyRun {
  std::string terminal;  // everything the child wrote to its terminal (stdout and stderr)
  int exit_code = -1;
};

// Runs iocscan with `args` on a new pseudo-terminal. When `interrupt_after` is non-empty, sends
// SIGINT once that text has appeared on the terminal.
PtyRun RunOnTerminal(const std::vector<std::string>& args, const std::string& interrupt_after = "") {
  int master = -1;
  struct winsize ws {};
  ws.ws_col = 120;
  ws.ws_row = 40;
  pid_t pid = ::forkpty(&master, nullptr, nullptr, &ws);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    std::vector<char*> argv;
    std::string binary = IOCSCAN_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  PtyRun run;
  bool interrupted = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  while (std::chrono::steady_clock::now() < deadline) {
    struct pollfd p {master, POLLIN, 0};
    if (::poll(&p, 1, 200) < 0) break;
    char buf[4096];
    ssize_t n = (p.revents & (POLLIN | POLLHUP)) ? ::read(master, buf, sizeof buf) : 0;
    if (n < 0) break;  // EIO: the child closed the terminal
    if (p.revents & POLLIN) run.terminal.append(buf, static_cast<std::size_t>(n));
    if (n == 0 && (p.revents & POLLHUP)) break;
    if (!interrupted && !interrupt_after.empty() && run.terminal.find(interrupt_after) != std::string::npos) {
      ::kill(pid, SIGINT);
      interrupted = true;
    }
  }
  int status = 0;
  if (std::chrono::steady_clock::now() >= deadline) ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  ::close(master);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return run;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST_CASE("cli: the progress line is drawn in place and cleared on a terminal", "[cli][terminal]") {
  ScratchDir dir;
  std::string ioc = dir.Write("h.ioc", HashIoc());
  std::vector<std::string> args = kLongScan;
  args.insert(args.end(), {"--timeout", "2s", "-o", dir.Join("out.jsonl"), ioc});
  PtyRun run = RunOnTerminal(args);
  INFO(run.terminal.substr(0, 2000));
  CHECK(run.exit_code == 0);
  // "\r\x1b[K<files> files  <bytes>  <rate>/s  <folder>", at least once, then cleared.
  std::size_t first = run.terminal.find("\r\x1b[K");
  REQUIRE(first != std::string::npos);
  CHECK(run.terminal.find(" files  ", first) != std::string::npos);
  CHECK(run.terminal.find("/s  /usr", first) != std::string::npos);
  std::size_t last = run.terminal.rfind("\r\x1b[K");
  CHECK(run.terminal.find(" files  ", last) == std::string::npos);  // the last escape clears the line
  // Nothing but the progress line's own escapes: no other control byte reaches the terminal.
  for (std::size_t i = 0; i < run.terminal.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(run.terminal[i]);
    if (c == 0x1b) CHECK(run.terminal.compare(i, 3, "\x1b[K") == 0);
    if (c < 0x20) CHECK((c == '\r' || c == '\n' || c == 0x1b));
  }
  nlohmann::json summary;
  std::istringstream lines(ReadFile(dir.Join("out.jsonl")));
  for (std::string line; std::getline(lines, line);) summary = nlohmann::json::parse(line);
  CHECK(summary["type"] == "summary");
  CHECK(summary["status"] == "timeout");
}

TEST_CASE("cli: --no-progress and a piped stderr draw no progress line", "[cli][terminal]") {
  ScratchDir dir;
  std::string ioc = dir.Write("h.ioc", HashIoc());
  std::vector<std::string> args = kLongScan;
  args.insert(args.end(), {"--timeout", "1s", "--no-progress", "-o", dir.Join("out.jsonl"), ioc});
  PtyRun run = RunOnTerminal(args);
  CHECK(run.exit_code == 0);
  CHECK(run.terminal.find("\x1b[K") == std::string::npos);
}

TEST_CASE("cli: Ctrl-C stops the scan and still writes the report, status interrupted", "[cli][terminal]") {
  ScratchDir dir;
  std::string ioc = dir.Write("h.ioc", HashIoc());
  std::vector<std::string> args = kLongScan;
  args.insert(args.end(), {"--format", "jsonl", "-o", dir.Join("out.jsonl"), ioc});
  // SIGINT once the progress line shows the sweep is under way.
  PtyRun run = RunOnTerminal(args, " files  ");
  INFO(run.terminal.substr(0, 2000));
  CHECK(run.exit_code == 0);
  std::vector<nlohmann::json> objects;
  std::istringstream lines(ReadFile(dir.Join("out.jsonl")));
  for (std::string line; std::getline(lines, line);) objects.push_back(nlohmann::json::parse(line));
  REQUIRE_FALSE(objects.empty());
  CHECK(objects.back()["type"] == "summary");
  CHECK(objects.back()["status"] == "interrupted");
  CHECK(objects.back()["counts"]["files_visited"].get<std::uint64_t>() > 0);
}

}  // namespace
}  // namespace iocscan::testing
