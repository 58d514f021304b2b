// ProcFs on the real /proc: statuses keep a process that is gone apart from the others, links and
// descriptor lists are read as the kernel shows them, and only regular files are ever opened.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>

#include "platform/linux/proc_fs.h"

namespace iocscan::platform {
namespace {

ProcFs OpenProc() {
  Result<ProcFs> proc = ProcFs::Open();
  REQUIRE(proc.ok());
  return std::move(proc).value();
}

TEST_CASE("ProcFs lists this process and reads its files and links", "[platform][proc]") {
  ProcFs proc = OpenProc();
  std::vector<int> pids = proc.Pids();
  CHECK(std::is_sorted(pids.begin(), pids.end()));
  CHECK(std::find(pids.begin(), pids.end(), ::getpid()) != pids.end());

  std::string stat;
  REQUIRE(proc.ReadFile(::getpid(), "stat", &stat) == ProcStatus::kOk);
  CHECK(stat.starts_with(std::to_string(::getpid()) + " ("));

  char self[4096];
  ssize_t n = ::readlink("/proc/self/exe", self, sizeof self);
  REQUIRE(n > 0);
  std::string exe;
  REQUIRE(proc.ReadLink(::getpid(), "exe", &exe) == ProcStatus::kOk);
  CHECK(exe == std::string(self, static_cast<std::size_t>(n)));

  std::string top;
  CHECK(proc.ReadTop("stat", &top) == ProcStatus::kOk);
  CHECK(top.find("btime ") != std::string::npos);
  CHECK(proc.ReadTop("no-such-file", &top) == ProcStatus::kGone);
  CHECK(ProcFs::ClockTicks() > 0);
}

TEST_CASE("ProcFs lists descriptors with their link text", "[platform][proc]") {
  ProcFs proc = OpenProc();
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  std::vector<FdLink> links;
  REQUIRE(proc.ListFds(::getpid(), &links) == ProcStatus::kOk);
  auto it = std::find_if(links.begin(), links.end(), [&](const FdLink& l) { return l.fd == fds[0]; });
  REQUIRE(it != links.end());
  CHECK(it->target.starts_with("pipe:["));
  CHECK(std::is_sorted(links.begin(), links.end(), [](const FdLink& a, const FdLink& b) { return a.fd < b.fd; }));

  // A pipe is not a regular file: StatTarget sees a FIFO and OpenTarget refuses it.
  std::string link = "fd/" + std::to_string(fds[0]);
  struct stat st {};
  REQUIRE(proc.StatTarget(::getpid(), link.c_str(), &st) == ProcStatus::kOk);
  CHECK(S_ISFIFO(st.st_mode));
  OpenResult opened = proc.OpenTarget(::getpid(), link.c_str(), {st.st_dev, st.st_ino});
  CHECK(opened.failure == OpenFailure::kNotRegular);
  ::close(fds[0]);
  ::close(fds[1]);

  // The executable is a regular file: it opens through the magic link.
  REQUIRE(proc.StatTarget(::getpid(), "exe", &st) == ProcStatus::kOk);
  CHECK(proc.OpenTarget(::getpid(), "exe", {st.st_dev, st.st_ino}).ok());
}

TEST_CASE("ProcFs says gone for a process that exited", "[platform][proc]") {
  ProcFs proc = OpenProc();
  pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  REQUIRE(pid > 0);
  REQUIRE(::waitpid(pid, nullptr, 0) == pid);
  std::string text;
  CHECK(proc.ReadFile(pid, "stat", &text) == ProcStatus::kGone);
  CHECK(proc.ReadLink(pid, "exe", &text) == ProcStatus::kGone);
  std::vector<FdLink> links;
  CHECK(proc.ListFds(pid, &links) == ProcStatus::kGone);
}

TEST_CASE("ProcFs refuses a missing proc folder as an error value", "[platform][proc]") {
  Result<ProcFs> proc = ProcFs::Open("/nonexistent-proc-for-iocscan");
  REQUIRE_FALSE(proc.ok());
  CHECK(proc.error().source == "/nonexistent-proc-for-iocscan");
}

}  // namespace
}  // namespace iocscan::platform
