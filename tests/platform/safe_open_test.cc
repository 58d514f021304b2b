#include "platform/safe_open.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "support/scratch_dir.h"

using iocscan::platform::ListedIdentity;
using iocscan::platform::OpenFailure;
using iocscan::platform::SafeOpen;
using iocscan::testing::ScratchDir;

namespace {

ListedIdentity Listed(const ScratchDir& dir, const char* name) {
  struct stat st {};
  REQUIRE(::fstatat(dir.fd(), name, &st, AT_SYMLINK_NOFOLLOW) == 0);
  return {st.st_dev, st.st_ino};
}

std::string ReadAll(iocscan::platform::OpenedFile& f) {
  std::string out;
  char buf[7];  // small on purpose: several reads
  for (;;) {
    std::int64_t n = f.Read(buf, sizeof buf);
    REQUIRE(n >= 0);
    if (n == 0) return out;
    out.append(buf, static_cast<std::size_t>(n));
  }
}

}  // namespace

TEST_CASE("a regular file opens and reads fully", "[platform][safe_open]") {
  ScratchDir dir;
  dir.Write("a.txt", "hello, world\n");
  auto r = SafeOpen(dir.fd(), "a.txt", Listed(dir, "a.txt"));
  REQUIRE(r.ok());
  CHECK(r.file.size() == 13);
  CHECK(ReadAll(r.file) == "hello, world\n");
  CHECK(r.file.Read(nullptr, 0) == 0);
}

TEST_CASE("unknown identity is not compared", "[platform][safe_open]") {
  ScratchDir dir;
  dir.Write("a", "x");
  CHECK(SafeOpen(dir.fd(), "a", ListedIdentity{}).ok());
}

TEST_CASE("reads stop at the size seen at open", "[platform][safe_open]") {
  ScratchDir dir;
  std::string path = dir.Write("grow.log", "0123456789");
  auto r = SafeOpen(dir.fd(), "grow.log", Listed(dir, "grow.log"));
  REQUIRE(r.ok());
  FILE* f = std::fopen(path.c_str(), "ab");
  REQUIRE(f != nullptr);
  std::fputs("appended after open", f);
  std::fclose(f);
  CHECK(ReadAll(r.file) == "0123456789");
}

TEST_CASE("a FIFO is refused promptly, never read", "[platform][safe_open]") {
  ScratchDir dir;
  REQUIRE(::mkfifoat(dir.fd(), "pipe", 0644) == 0);
  auto start = std::chrono::steady_clock::now();
  auto r = SafeOpen(dir.fd(), "pipe", Listed(dir, "pipe"));
  auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(r.failure == OpenFailure::kNotRegular);
  CHECK_FALSE(r.file.is_open());
  CHECK(elapsed < std::chrono::seconds(1));
}

TEST_CASE("a socket is refused", "[platform][safe_open]") {
  ScratchDir dir;
  int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(s >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::string path = dir.Join("sock");
  REQUIRE(path.size() < sizeof addr.sun_path);
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  auto r = SafeOpen(dir.fd(), "sock", Listed(dir, "sock"));
  CHECK(r.failure == OpenFailure::kNotRegular);
  ::close(s);
}

TEST_CASE("a device is refused", "[platform][safe_open]") {
  struct stat st {};
  REQUIRE(::stat("/dev/null", &st) == 0);
  auto r = SafeOpen(AT_FDCWD, "/dev/null", {st.st_dev, st.st_ino});
  CHECK(r.failure == OpenFailure::kNotRegular);
}

TEST_CASE("a symlink is refused unless following is asked", "[platform][safe_open]") {
  ScratchDir dir;
  dir.Write("target", "data");
  REQUIRE(::symlinkat("target", dir.fd(), "link") == 0);
  auto r = SafeOpen(dir.fd(), "link", Listed(dir, "link"));
  CHECK(r.failure == OpenFailure::kNotRegular);
  CHECK(r.error == ELOOP);
  // Following: the identity the walker saw is the target's.
  auto followed = SafeOpen(dir.fd(), "link", Listed(dir, "target"), /*follow_symlink=*/true);
  REQUIRE(followed.ok());
  CHECK(ReadAll(followed.file) == "data");
}

TEST_CASE("a directory is refused", "[platform][safe_open]") {
  ScratchDir dir;
  REQUIRE(::mkdirat(dir.fd(), "sub", 0755) == 0);
  CHECK(SafeOpen(dir.fd(), "sub", Listed(dir, "sub")).failure == OpenFailure::kNotRegular);
}

TEST_CASE("a file replaced between listing and open is refused", "[platform][safe_open]") {
  ScratchDir dir;
  dir.Write("victim", "original");
  ListedIdentity seen = Listed(dir, "victim");
  dir.Write("swap", "replacement");
  REQUIRE(::renameat(dir.fd(), "swap", dir.fd(), "victim") == 0);
  auto r = SafeOpen(dir.fd(), "victim", seen);
  CHECK(r.failure == OpenFailure::kChanged);
  CHECK_FALSE(r.file.is_open());
}

TEST_CASE("a vanished file is reported as such", "[platform][safe_open]") {
  ScratchDir dir;
  dir.Write("gone", "x");
  ListedIdentity seen = Listed(dir, "gone");
  REQUIRE(::unlinkat(dir.fd(), "gone", 0) == 0);
  auto r = SafeOpen(dir.fd(), "gone", seen);
  CHECK(r.failure == OpenFailure::kVanished);
  CHECK(r.error == ENOENT);
}

TEST_CASE("an unreadable file is refused for permission", "[platform][safe_open]") {
  ScratchDir dir;
  REQUIRE(::fchmod(dir.fd(), 0755) == 0);  // others may traverse, not read the file
  dir.Write("secret", "x", 0600);
  ListedIdentity seen = Listed(dir, "secret");
  if (::geteuid() != 0) {
    REQUIRE(::fchmodat(dir.fd(), "secret", 0000, 0) == 0);
    CHECK(SafeOpen(dir.fd(), "secret", seen).failure == OpenFailure::kPermission);
    return;
  }
  // root ignores modes: check from a child that gives up root for "nobody".
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(100);
    auto r = SafeOpen(dir.fd(), "secret", seen);
    ::_exit(static_cast<int>(r.failure));
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  if (WEXITSTATUS(status) == 100) {
    WARN("cannot drop root privileges here; permission case not checked");
    return;
  }
  CHECK(WEXITSTATUS(status) == static_cast<int>(OpenFailure::kPermission));
}

TEST_CASE("failure names are stable", "[platform][safe_open]") {
  CHECK(iocscan::platform::OpenFailureName(OpenFailure::kVanished) == "vanished");
  CHECK(iocscan::platform::OpenFailureName(OpenFailure::kNotRegular) == "not-regular");
  CHECK(iocscan::platform::OpenFailureName(OpenFailure::kChanged) == "changed");
  CHECK(iocscan::platform::OpenFailureName(OpenFailure::kPermission) == "permission");
}
