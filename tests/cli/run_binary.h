// Running the built iocscan binary from a test, without a shell: argv is passed as given (no quoting,
// no globbing), stdout and stderr are captured apart, stdin is /dev/null unless the test gives bytes.
//
//   RunResult r = RunIocscan({"check", "--format", "json", dir.Join("x.ioc")});
//   CHECK(r.exit_code == 0);  INFO(r.err);  auto doc = nlohmann::json::parse(r.out);
//
// exit_code is the process exit status, or 128 + signal when it was killed (as a shell reports it);
// a run past `timeout_seconds` is killed with SIGKILL and reported with timed_out set. Failures of
// the harness itself (fork, pipe, exec of a missing binary) throw std::runtime_error.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

extern char** environ;

namespace iocscan::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
  bool timed_out = false;
};

struct RunOptions {
  std::optional<std::string> stdin_data;  // bytes for the child's stdin; nullopt = /dev/null
  std::string cwd;                        // working directory of the child; "" = the test's own
  std::vector<std::string> env;           // "NAME=value" entries added to (or replacing in) the
                                          // test's environment; "NAME" alone removes NAME
  int timeout_seconds = 300;
};

namespace run_detail {

inline void CloseFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

inline std::string EnvName(const std::string& entry) { return entry.substr(0, entry.find('=')); }

inline std::vector<std::string> MergedEnvironment(const std::vector<std::string>& changes) {
  std::vector<std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) env.emplace_back(*e);
  for (const std::string& change : changes) {
    const std::string name = EnvName(change);
    std::erase_if(env, [&](const std::string& e) { return EnvName(e) == name; });
    if (change.find('=') != std::string::npos) env.push_back(change);
  }
  return env;
}

inline std::vector<char*> CStrings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace run_detail

// Runs `program` with `args` (argv[1...]); waits for it to exit.
inline RunResult RunProgram(const std::string& program, const std::vector<std::string>& args,
                            const RunOptions& options = {}) {
  using run_detail::CloseFd;
  // Everything the child needs is built before fork: the child only calls async-signal-safe functions.
  std::vector<std::string> argv_strings{program};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv = run_detail::CStrings(argv_strings);
  std::vector<std::string> env_strings = run_detail::MergedEnvironment(options.env);
  std::vector<char*> envp = run_detail::CStrings(env_strings);

  // A child that exits without reading its stdin must not kill the test with SIGPIPE.
  ::signal(SIGPIPE, SIG_IGN);

  int out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1}, in_pipe[2] = {-1, -1}, exec_pipe[2] = {-1, -1};
  auto close_all = [&] {
    for (int* p : {out_pipe, err_pipe, in_pipe, exec_pipe}) {
      CloseFd(p[0]);
      CloseFd(p[1]);
    }
  };
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0 ||
      ::pipe2(exec_pipe, O_CLOEXEC) != 0 ||
      (options.stdin_data && ::pipe2(in_pipe, O_CLOEXEC) != 0)) {
    close_all();
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    close_all();
    throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    // Child. dup2 clears O_CLOEXEC on the targets; every other descriptor of ours closes on exec.
    int in_fd = options.stdin_data ? in_pipe[0] : ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    int err = 0;
    if (in_fd < 0 || ::dup2(in_fd, 0) < 0 || ::dup2(out_pipe[1], 1) < 0 || ::dup2(err_pipe[1], 2) < 0) {
      err = errno;
    } else if (!options.cwd.empty() && ::chdir(options.cwd.c_str()) != 0) {
      err = errno;
    } else {
      ::signal(SIGPIPE, SIG_DFL);  // ignored dispositions survive exec; give the child the default
      ::execve(argv[0], argv.data(), envp.data());
      err = errno;
    }
    [[maybe_unused]] ssize_t n = ::write(exec_pipe[1], &err, sizeof err);
    ::_exit(127);
  }

  // Parent.
  CloseFd(out_pipe[1]);
  CloseFd(err_pipe[1]);
  CloseFd(in_pipe[0]);
  CloseFd(exec_pipe[1]);
  int exec_errno = 0;
  ssize_t got;
  do {
    got = ::read(exec_pipe[0], &exec_errno, sizeof exec_errno);
  } while (got < 0 && errno == EINTR);
  CloseFd(exec_pipe[0]);
  if (got == static_cast<ssize_t>(sizeof exec_errno)) {
    close_all();
    int status;
    ::waitpid(pid, &status, 0);
    throw std::runtime_error("cannot run " + program + ": " + std::strerror(exec_errno));
  }

  RunResult result;
  const std::string no_input;
  const std::string& input = options.stdin_data ? *options.stdin_data : no_input;
  std::size_t written = 0;
  if (options.stdin_data && input.empty()) CloseFd(in_pipe[1]);
  if (in_pipe[1] >= 0) ::fcntl(in_pipe[1], F_SETFL, O_NONBLOCK);
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(options.timeout_seconds);
  while (out_pipe[0] >= 0 || err_pipe[0] >= 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0) {
      result.timed_out = true;
      ::kill(pid, SIGKILL);
      break;
    }
    pollfd fds[3] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}, {in_pipe[1], POLLOUT, 0}};
    int ready = ::poll(fds, 3, static_cast<int>(std::min<long long>(left, 1000)));
    if (ready < 0 && errno != EINTR) {
      close_all();
      ::kill(pid, SIGKILL);
      int status;
      ::waitpid(pid, &status, 0);
      throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    }
    if (ready <= 0) continue;
    std::pair<int*, std::string*> readers[2] = {{&out_pipe[0], &result.out}, {&err_pipe[0], &result.err}};
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      char buf[65536];
      ssize_t n = ::read(*readers[i].first, buf, sizeof buf);
      if (n > 0) {
        readers[i].second->append(buf, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        CloseFd(*readers[i].first);
      }
    }
    if (fds[2].fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP)) != 0) {
      ssize_t n = ::write(in_pipe[1], input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<std::size_t>(n);
      if ((n < 0 && errno != EINTR && errno != EAGAIN) || written == input.size()) CloseFd(in_pipe[1]);
    }
  }
  close_all();
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.exit_code = 128 + WTERMSIG(status);
  }
  return result;
}

// Runs the iocscan binary built with the tests (IOCSCAN_BINARY) with `args`.
inline RunResult RunIocscan(const std::vector<std::string>& args, const RunOptions& options = {}) {
  return RunProgram(IOCSCAN_BINARY, args, options);
}

}  // namespace iocscan::testing
