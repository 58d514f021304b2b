#include "platform/linux/journal_reader.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;

namespace iocscan::platform {
namespace {

// journalctl's usual homes; never searched through PATH, which the scanned host's user controls.
constexpr const char* kJournalctl[] = {"/usr/bin/journalctl", "/bin/journalctl"};

std::optional<std::string> FindJournalctl() {
  for (const char* p : kJournalctl) {
    if (::access(p, X_OK) == 0) return std::string(p);
  }
  return std::nullopt;
}

// The child: stdin and stderr on /dev/null, stdout on the pipe. Returns the pid or -errno.
pid_t Spawn(const std::vector<std::string>& args, int out_fd, int unused_read_end) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addclose(&actions, unused_read_end);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  // A fixed environment: no pager, and journalctl's own output settings only.
  char env_pager[] = "SYSTEMD_PAGER=";
  char env_color[] = "SYSTEMD_COLORS=0";
  char env_lang[] = "LANG=C.UTF-8";
  char* envp[] = {env_pager, env_color, env_lang, nullptr};
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -rc;
}

// Reads the pipe, splits lines, hands them out; returns true when stopped early on purpose.
bool Pump(int fd, const JournalQuery& q, const std::atomic<bool>* stop,
          const std::function<bool(std::string_view)>& on_line, JournalReadStats& stats) {
  std::string pending;
  char buf[64 * 1024];
  while (true) {
    if (stop && stop->load(std::memory_order_relaxed)) return true;
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    pending.append(buf, static_cast<std::size_t>(n));
    std::size_t start = 0;
    for (std::size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1) {
      if (q.max_records && stats.records >= q.max_records) {
        stats.capped = true;
        return true;
      }
      ++stats.records;
      if (!on_line(std::string_view(pending).substr(start, nl - start))) return true;
    }
    pending.erase(0, start);
  }
}

}  // namespace

std::vector<std::string> JournalArgs(const std::string& program, const JournalQuery& query) {
  std::vector<std::string> args = {program, "-o", "json", "--no-pager", "-q"};
  if (query.since) args.push_back("--since=@" + std::to_string(*query.since));
  // journalctl's --until is exclusive of later microseconds: one second more, filtered by the caller.
  if (query.until) args.push_back("--until=@" + std::to_string(*query.until + 1));
  for (const std::string& m : query.matches) args.push_back(m);
  return args;
}

Result<JournalReadStats> ReadJournal(const JournalQuery& query, const std::atomic<bool>* stop,
                                     const std::function<bool(std::string_view)>& on_line) {
  std::optional<std::string> program = FindJournalctl();
  if (!program) return JournalReadStats{.records = 0, .capped = false, .found = false};
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Error{"journal", std::string("pipe: ") + std::strerror(errno)};
  pid_t pid = Spawn(JournalArgs(*program, query), fds[1], fds[0]);
  ::close(fds[1]);
  if (pid < 0) {
    ::close(fds[0]);
    return Error{"journal", *program + " cannot be started: " + std::strerror(-pid)};
  }
  JournalReadStats stats;
  bool early = Pump(fds[0], query, stop, on_line, stats);
  if (early) ::kill(pid, SIGTERM);  // it may be blocked writing to the pipe we stop reading
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!early && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
    return Error{"journal", *program + " failed (" +
                                (WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                                                   : "signal " + std::to_string(WTERMSIG(status))) +
                                ")"};
  }
  return stats;
}

}  // namespace iocscan::platform
