// Helpers for the `iocscan job` CLI tests: a job folder with a job file, and a job run started in
// the background (to kill it or to contend for its lock).
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/run_binary.h"
#include "support/scratch_dir.h"

namespace iocscan::testing {

inline const std::string kSampleIocs = std::string(IOCSCAN_SOURCE_DIR) + "/samples/iocs";
inline const std::string kPasswdIoc = kSampleIocs + "/demo-etc-passwd.ioc";

inline RunOptions WithEnv(std::vector<std::string> env) {
  RunOptions o;
  o.env = std::move(env);
  return o;
}

inline RunOptions InDir(std::string cwd) {
  RunOptions o;
  o.cwd = std::move(cwd);
  return o;
}

inline bool Has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// A job file "job.toml" in a scratch folder with results in "runs/".
struct JobDir {
  ScratchDir dir;
  std::string job;
  std::string results = dir.Join("runs");

  explicit JobDir(const std::string& body) { job = dir.Write("job.toml", body); }
  void Rewrite(const std::string& body) { dir.Write("job.toml", body); }

  RunResult Run(std::vector<std::string> args, RunOptions options = {}) const {
    args.push_back(job);
    return RunIocscan(args, options);
  }
  // `job results --format json` parsed.
  nlohmann::json Runs() const {
    RunResult r = RunIocscan({"job", "results", "--format", "json", job});
    if (r.exit_code != 0) throw std::runtime_error("job results failed: " + r.err);
    return nlohmann::json::parse(r.out);
  }
  std::vector<std::string> TempFolders() const {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(results, ec)) {
      const std::string name = e.path().filename().string();
      if (name.size() > 4 && name.front() == '.' && name.substr(name.size() - 4) == ".tmp") out.push_back(name);
    }
    return out;
  }
};

// A job body: `top` keys, scope paths, schedule.
inline std::string JobBody(const std::string& iocs, const std::vector<std::string>& paths, const std::string& extra = "",
                           const std::string& schedule = "frequency = \"daily\"\nat = \"03:00\"\n") {
  std::string body = "name = \"cli test\"\niocs = [\"" + iocs + "\"]\nresults = \"runs\"\n" + extra + "\n[scope]\npaths = [";
  for (std::size_t i = 0; i < paths.size(); ++i) body += (i ? ", \"" : "\"") + paths[i] + "\"";
  return body + "]\n[schedule]\n" + schedule;
}

// `iocscan job run JOB` in the background, output discarded.
class BackgroundRun {
 public:
  explicit BackgroundRun(const std::string& job) {
    std::vector<std::string> args = {IOCSCAN_BINARY, "job", "run", "-q", job};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ == 0) {
      int null = ::open("/dev/null", O_RDWR);
      ::dup2(null, 0);
      ::dup2(null, 1);
      ::dup2(null, 2);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
  }
  ~BackgroundRun() {
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      Wait();
    }
  }
  pid_t pid() const { return pid_; }
  void Signal(int sig) const { ::kill(pid_, sig); }
  // The exit status (128 + signal when killed).
  int Wait() {
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    reaped_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
};

// Polls `condition` every 20 ms for up to `seconds`; true when it held.
template <class F>
bool WaitFor(F condition, int seconds = 60) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < end) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}

}  // namespace iocscan::testing
