// Live objects for the process and port collector tests. SleepingChild: a copy of sleep under a
// unique file name (longer than the 15 bytes of comm), run with a unique argument, killed and reaped
// at the end.
// ok() is false (with why()) when it cannot run here, e.g. a scratch folder on a noexec mount:
// the tests then skip with that message.
//
//   SleepingChild child(scratch);
//   if (!child.ok()) { WARN(child.why()); return; }
//   child.pid(), child.name(), child.exe(), child.argument(), child.bytes()
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "support/scratch_dir.h"

namespace iocscan::testing {

class SleepingChild {
 public:
  explicit SleepingChild(const ScratchDir& dir) {
    std::string source = ReadAll("/bin/sleep");
    if (source.empty()) source = ReadAll("/usr/bin/sleep");
    if (source.empty()) {
      why_ = "no /bin/sleep to copy";
      return;
    }
    bytes_ = source;
    auto ticks = std::chrono::steady_clock::now().time_since_epoch().count();
    name_ = "iocscan-test-sleeper-" + std::to_string(::getpid()) + "-" + std::to_string(ticks % 1000000);
    exe_ = dir.Write(name_, bytes_, 0755);
    // A unique number that sleep adds to its 600 seconds.
    argument_ = "0.000" + std::to_string(::getpid()) + std::to_string(ticks % 100000);
    Start();
  }
  ~SleepingChild() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  SleepingChild(const SleepingChild&) = delete;
  SleepingChild& operator=(const SleepingChild&) = delete;

  bool ok() const { return pid_ > 0; }
  const std::string& why() const { return why_; }
  pid_t pid() const { return pid_; }
  const std::string& name() const { return name_; }
  const std::string& exe() const { return exe_; }
  const std::string& argument() const { return argument_; }
  const std::string& bytes() const { return bytes_; }

 private:
  static std::string ReadAll(const char* path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }

  // fork + execv; a CLOEXEC pipe tells whether the exec happened (EOF) or failed (errno).
  void Start() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
      why_ = "pipe failed";
      return;
    }
    pid_t pid = ::fork();
    if (pid == 0) {
      ::close(fds[0]);
      const char* argv[] = {exe_.c_str(), "600", argument_.c_str(), nullptr};
      ::execv(exe_.c_str(), const_cast<char* const*>(argv));
      int e = errno;
      (void)!::write(fds[1], &e, sizeof e);
      ::_exit(127);
    }
    ::close(fds[1]);
    int e = 0;
    ssize_t n = pid > 0 ? ::read(fds[0], &e, sizeof e) : -1;
    ::close(fds[0]);
    if (pid > 0 && n == 0) {
      pid_ = pid;
      return;
    }
    if (pid > 0) ::waitpid(pid, nullptr, 0);
    why_ = "cannot run a copy of sleep from " + exe_ + ": " + std::strerror(e);
  }

  std::string bytes_;
  std::string name_;
  std::string exe_;
  std::string argument_;
  std::string why_;
  pid_t pid_ = -1;
};

// A TCP socket listening on 127.0.0.1 (or ::1) on a port the kernel picks; closed at the end.
class LoopbackListener {
 public:
  explicit LoopbackListener(bool ipv6 = false) {
    fd_ = ::socket(ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) return;
    sockaddr_storage addr{};
    socklen_t len = 0;
    if (ipv6) {
      auto* a = reinterpret_cast<sockaddr_in6*>(&addr);
      a->sin6_family = AF_INET6;
      a->sin6_addr = in6addr_loopback;
      len = sizeof *a;
    } else {
      auto* a = reinterpret_cast<sockaddr_in*>(&addr);
      a->sin_family = AF_INET;
      a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      len = sizeof *a;
    }
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 || ::listen(fd_, 4) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      return;
    }
    port_ = ntohs(ipv6 ? reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port
                       : reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
  }
  ~LoopbackListener() {
    if (fd_ >= 0) ::close(fd_);
  }
  LoopbackListener(const LoopbackListener&) = delete;
  LoopbackListener& operator=(const LoopbackListener&) = delete;
  bool ok() const { return port_ > 0; }
  int fd() const { return fd_; }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

}  // namespace iocscan::testing
