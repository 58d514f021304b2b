// POSIX side of platform/job_os.h: localtime_r, flock, posix_spawn.
#include "platform/job_os.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <string>

extern char** environ;

namespace iocscan::platform {

std::int64_t LocalUtcOffset(std::int64_t utc) {
  std::time_t t = static_cast<std::time_t>(utc);
  std::tm tm{};
  if (::localtime_r(&t, &tm) == nullptr) return 0;
  return tm.tm_gmtoff;
}

void ReloadLocalZone() { ::tzset(); }

ExclusiveLock ExclusiveLock::TryAcquire(const std::string& path) {
  ExclusiveLock lock;
  lock.fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (lock.fd_ < 0) {
    lock.message_ = std::strerror(errno);
    return lock;
  }
  if (::flock(lock.fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    if (error == EWOULDBLOCK) {
      char buf[32] = {};
      ssize_t n = ::pread(lock.fd_, buf, sizeof buf - 1, 0);
      std::string pid = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
      while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
      lock.state_ = State::kBusy;
      lock.message_ = pid.empty() ? "held by another process" : "held by process " + pid;
    } else {
      lock.message_ = std::strerror(error);
    }
    ::close(lock.fd_);
    lock.fd_ = -1;
    return lock;
  }
  lock.state_ = State::kHeld;
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(lock.fd_, 0) == 0) {
    [[maybe_unused]] ssize_t n = ::pwrite(lock.fd_, pid.data(), pid.size(), 0);
  }
  return lock;
}

ExclusiveLock::ExclusiveLock(ExclusiveLock&& other) noexcept
    : fd_(other.fd_), state_(other.state_), message_(std::move(other.message_)) {
  other.fd_ = -1;
}

ExclusiveLock::~ExclusiveLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the only descriptor releases the flock
}

namespace {

void CloseFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

Result<ProgramRun> RunProgram(const std::vector<std::string>& argv, const std::optional<std::string>& input,
                              bool capture_out) {
  if (argv.empty() || argv[0].empty()) return Error{"", "no program to run"};
  std::vector<std::string> strings = argv;
  std::vector<char*> cargv;
  for (std::string& s : strings) cargv.push_back(s.data());
  cargv.push_back(nullptr);

  int in_pipe[2] = {-1, -1}, out_pipe[2] = {-1, -1};
  auto close_all = [&] {
    for (int* p : {in_pipe, out_pipe}) {
      CloseFd(p[0]);
      CloseFd(p[1]);
    }
  };
  if ((input && ::pipe2(in_pipe, O_CLOEXEC) != 0) || (capture_out && ::pipe2(out_pipe, O_CLOEXEC) != 0)) {
    close_all();
    return Error{argv[0], std::string("pipe: ") + std::strerror(errno)};
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (input) {
    posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  } else {
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  }
  if (capture_out) posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  // The child gets default signal handling (our SIGINT/SIGTERM handlers and ignored SIGPIPE are not its business).
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

  pid_t pid = -1;
  const bool search = argv[0].find('/') == std::string::npos;
  int rc = search ? ::posix_spawnp(&pid, cargv[0], &actions, &attr, cargv.data(), environ)
                  : ::posix_spawn(&pid, cargv[0], &actions, &attr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  CloseFd(in_pipe[0]);
  CloseFd(out_pipe[1]);
  if (rc != 0) {
    close_all();
    return Error{argv[0], std::string("cannot run: ") + std::strerror(rc)};
  }

  ProgramRun run;
  // A child that exits without reading all its input must not kill us with SIGPIPE.
  struct sigaction ignore {}, previous {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  if (input) ::sigaction(SIGPIPE, &ignore, &previous);
  const std::string data = input.value_or("");
  std::size_t written = 0;
  if (in_pipe[1] >= 0 && data.empty()) CloseFd(in_pipe[1]);
  if (in_pipe[1] >= 0) ::fcntl(in_pipe[1], F_SETFL, O_NONBLOCK);
  while (in_pipe[1] >= 0 || out_pipe[0] >= 0) {
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {in_pipe[1], POLLOUT, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[0].fd >= 0 && (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      char buf[65536];
      ssize_t n = ::read(out_pipe[0], buf, sizeof buf);
      if (n > 0) {
        run.out.append(buf, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        CloseFd(out_pipe[0]);
      }
    }
    if (fds[1].fd >= 0 && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP)) != 0) {
      ssize_t n = ::write(in_pipe[1], data.data() + written, data.size() - written);
      if (n > 0) written += static_cast<std::size_t>(n);
      if ((n < 0 && errno != EINTR && errno != EAGAIN) || written == data.size()) CloseFd(in_pipe[1]);
    }
  }
  close_all();
  if (input) ::sigaction(SIGPIPE, &previous, nullptr);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return Error{argv[0], std::string("waitpid: ") + std::strerror(errno)};
  }
  if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) run.exit_code = 128 + WTERMSIG(status);
  return run;
}

bool RunsPrivileged() { return ::geteuid() == 0; }

}  // namespace iocscan::platform
