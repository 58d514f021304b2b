// The walker on generated trees in temp folders, checked against `find`.
#include "walk/walker.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>

#include "platform/linux/mounts.h"
#include "platform/posix/fs_types.h"
#include "support/scratch_dir.h"
#include "walk_test_util.h"

using iocscan::testing::ScratchDir;
using iocscan::walk::SkipReason;
using iocscan::walk::Walk;
using iocscan::walk::WalkOptions;
using iocscan::walk::WalkStats;
using iocscan::walk::testing::Find;
using iocscan::walk::testing::MakeDir;
using iocscan::walk::testing::MakeFile;
using iocscan::walk::testing::MakeTree;
using iocscan::walk::testing::Recorder;

namespace {

WalkOptions Options(const std::string& root, int threads) {
  WalkOptions o;
  o.roots = {root};
  o.threads = threads;
  return o;
}

}  // namespace

TEST_CASE("walk: counts equal find's on a 2000-file tree for -j1 and -j4 and few fds", "[walk]") {
  ScratchDir dir;
  MakeTree(dir.fd(), 4, 4, 6);  // 341 folders, 2,046 files
  const auto files = Find(dir.path(), "! -type d");
  const auto dirs = Find(dir.path(), "-type d");
  REQUIRE(files.size() == 2046);

  for (int threads : {1, 4}) {
    for (int max_open : {0, 2}) {
      INFO("threads " << threads << " max_open_dirs " << max_open);
      Recorder rec;
      WalkOptions o = Options(dir.path(), threads);
      o.max_open_dirs = max_open;  // 2: most folders are reopened from the root, component-wise
      WalkStats s = Walk(o, rec.Factory());
      CHECK(rec.seen.size() == files.size());  // each file once
      CHECK(rec.Paths() == files);
      CHECK(s.files == files.size());
      CHECK(s.dirs == dirs.size() + 1);  // + the root
      CHECK(s.error_count() == 0);
      CHECK_FALSE(s.stopped);
      CHECK(s.skipped_mounts.empty());
    }
  }
}

TEST_CASE("walk: excluded folders are never opened - basename patterns skip files", "[walk]") {
  ScratchDir dir;
  MakeTree(dir.fd(), 3, 3, 4);
  Recorder rec;
  WalkOptions o = Options(dir.path(), 2);
  o.excludes = {"**/d1", "f3.txt"};
  WalkStats s = Walk(o, rec.Factory());
  const auto expected = Find(dir.path(), "-name d1 -prune -o ! -type d ! -name f3.txt");
  const auto pruned = Find(dir.path(), "-name d1 -prune");
  // (-print0 binds to the right of -o: these print what is NOT under a d1)
  const auto kept_dirs = Find(dir.path(), "-name d1 -prune -o -type d");
  const auto skipped_files = Find(dir.path(), "-name d1 -prune -o -name f3.txt");
  REQUIRE(pruned.size() == 7);  // one d1 at level 1, two at level 2, four at level 3
  CHECK(rec.Paths() == expected);
  // dirs counts folders listed: no d1 (nor anything under one) was opened.
  CHECK(s.dirs == kept_dirs.size() + 1);
  CHECK(s.skipped_excluded == pruned.size() + skipped_files.size());
  for (const auto& p : rec.Paths()) CHECK(p.find("/d1/") == std::string::npos);
}

TEST_CASE("walk: FIFOs and sockets and devices are listed - never opened", "[walk]") {
  ScratchDir dir;
  REQUIRE(::mkfifoat(dir.fd(), "fifo", 0644) == 0);
  int sock = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(sock >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::string sock_path = dir.Join("sock");
  REQUIRE(sock_path.size() < sizeof addr.sun_path);
  std::memcpy(addr.sun_path, sock_path.c_str(), sock_path.size() + 1);
  REQUIRE(::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  bool have_dev = ::mknodat(dir.fd(), "null", S_IFCHR | 0666, makedev(1, 3)) == 0;

  Recorder rec;
  auto start = std::chrono::steady_clock::now();
  WalkStats s = Walk(Options(dir.path(), 1), rec.Factory());
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  ::close(sock);
  const auto* fifo = rec.Find(dir.Join("fifo"));
  const auto* sk = rec.Find(sock_path);
  REQUIRE(fifo != nullptr);
  REQUIRE(sk != nullptr);
  CHECK(fifo->type == iocscan::platform::FileType::kFifo);
  CHECK(S_ISFIFO(fifo->mode));
  CHECK(sk->type == iocscan::platform::FileType::kSocket);
  CHECK(S_ISSOCK(sk->mode));
  if (have_dev) {
    const auto* dev = rec.Find(dir.Join("null"));
    REQUIRE(dev != nullptr);
    CHECK(dev->type == iocscan::platform::FileType::kCharDevice);
  }
  CHECK(s.error_count() == 0);
}

TEST_CASE("walk: symlinks are never descended - followed only to files inside the scope", "[walk]") {
  ScratchDir dir, outside;
  outside.Write("secret.txt", "outside");
  REQUIRE(::mkdirat(outside.fd(), "odir", 0755) == 0);
  outside.Write("odir/x.txt", "x");
  int sub = MakeDir(dir.fd(), "sub");
  MakeFile(sub, "inner.txt");
  ::close(sub);
  dir.Write("target.txt", "in scope");
  REQUIRE(::symlinkat("target.txt", dir.fd(), "to_file") == 0);
  REQUIRE(::symlinkat(outside.Join("secret.txt").c_str(), dir.fd(), "to_outside") == 0);
  REQUIRE(::symlinkat("sub", dir.fd(), "to_dir") == 0);
  REQUIRE(::symlinkat(outside.Join("odir").c_str(), dir.fd(), "to_outside_dir") == 0);
  REQUIRE(::symlinkat("self", dir.fd(), "self") == 0);  // a loop
  REQUIRE(::symlinkat("loop_b", dir.fd(), "loop_a") == 0);
  REQUIRE(::symlinkat("loop_a", dir.fd(), "loop_b") == 0);
  REQUIRE(::symlinkat("missing", dir.fd(), "dangling") == 0);

  for (bool follow : {false, true}) {
    INFO("follow " << follow);
    Recorder rec;
    WalkOptions o = Options(dir.path(), 2);
    o.follow_symlinks = follow;
    WalkStats s = Walk(o, rec.Factory());
    CHECK(rec.Paths() == Find(dir.path(), "! -type d"));  // links are entries; none descended
    CHECK(rec.Find(dir.Join("to_dir/inner.txt")) == nullptr);
    CHECK(rec.Find(dir.Join("to_outside_dir/x.txt")) == nullptr);
    CHECK(s.dirs == 2);

    const auto* to_file = rec.Find(dir.Join("to_file"));
    const auto* to_outside = rec.Find(dir.Join("to_outside"));
    REQUIRE(to_file != nullptr);
    REQUIRE(to_outside != nullptr);
    CHECK(to_file->type == iocscan::platform::FileType::kSymlink);
    CHECK(to_file->followed == follow);
    CHECK((follow ? S_ISREG(to_file->mode) : S_ISLNK(to_file->mode)));
    CHECK_FALSE(to_outside->followed);  // outside every root: not even with follow_symlinks
    CHECK(S_ISLNK(to_outside->mode));
    CHECK_FALSE(rec.Find(dir.Join("to_dir"))->followed);
    CHECK_FALSE(rec.Find(dir.Join("dangling"))->followed);
    // Loops: counted when following (three loop links), never hanging; nothing without.
    CHECK(s.errors[ELOOP] == (follow ? 3u : 0u));
    CHECK(s.error_count() == (follow ? 3u : 0u));
  }
}

TEST_CASE("walk: names are bytes - newlines and invalid UTF-8 and leading dashes", "[walk]") {
  ScratchDir dir;
  const std::vector<std::string> names = {"new\nline", "bad\xff\xfe", "-rf", "--", " space ",
                                          "tab\there", "\x01\x7f", "quote'\""};
  for (const auto& n : names) MakeFile(dir.fd(), n);
  int sub = MakeDir(dir.fd(), "dir\n\xff");
  MakeFile(sub, "-x");
  ::close(sub);
  Recorder rec;
  WalkStats s = Walk(Options(dir.path(), 2), rec.Factory());
  CHECK(rec.Paths() == Find(dir.path(), "! -type d"));
  CHECK(rec.Find(dir.Join("dir\n\xff/-x")) != nullptr);
  CHECK(rec.Find(dir.Join("bad\xff\xfe")) != nullptr);
  for (const auto& seen : rec.seen) CHECK(seen.stat_ok);
  CHECK(s.files == names.size() + 1);
}

namespace {

// A chain root/d/d/.../d (`depth` folders) with a file at the bottom, built and removed without
// full paths (they pass PATH_MAX) and without holding one fd per level.
class DeepChain {
 public:
  DeepChain(int root_fd, int depth) : root_fd_(root_fd) {
    int fd = ::dup(root_fd);
    for (int i = 0; i < depth; ++i) {
      int next = MakeDir(fd, "d");
      ::close(fd);
      fd = next;
    }
    MakeFile(fd, "bottom.txt");
    ::close(fd);
  }
  // Moves root/d/d up to root/x, removes root/d, renames root/x to root/d: one level per step.
  ~DeepChain() {
    for (;;) {
      int d = ::openat(root_fd_, "d", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (d < 0) return;
      ::unlinkat(d, "bottom.txt", 0);
      bool has_child = ::renameat(d, "d", root_fd_, "x") == 0;
      ::close(d);
      ::unlinkat(root_fd_, "d", AT_REMOVEDIR);
      if (!has_child || ::renameat(root_fd_, "x", root_fd_, "d") != 0) return;
    }
  }

 private:
  int root_fd_;
};

}  // namespace

TEST_CASE("walk: a 10000-deep chain - no stack overflow and depth cap counted", "[walk]") {
  ScratchDir dir;
  DeepChain chain(dir.fd(), 10000);
  {
    Recorder rec;
    WalkStats s = Walk(Options(dir.path(), 1), rec.Factory());  // default cap 4096
    CHECK(s.dirs == 4097);                                     // the root + depths 1..4096
    CHECK(s.depth_capped == 1);
    CHECK(rec.seen.empty());
    CHECK(s.error_count() == 0);
  }
  for (int threads : {1, 3}) {
    Recorder rec;
    WalkOptions o = Options(dir.path(), threads);
    o.max_depth = 20000;
    o.max_open_dirs = 4;
    WalkStats s = Walk(o, rec.Factory());
    CHECK(s.dirs == 10001);
    CHECK(s.depth_capped == 0);
    REQUIRE(rec.seen.size() == 1);
    CHECK(rec.seen[0].depth == 10001);
    CHECK(rec.seen[0].path.size() == dir.path().size() + 10000 * 2 + std::strlen("/bottom.txt"));
    CHECK(s.error_count() == 0);
  }
}

namespace {

// Deletes the sibling folder of the first file it sees ("a" <-> "b"), while that one is queued.
class DeletingVisitor : public iocscan::walk::Visitor {
 public:
  DeletingVisitor(const ScratchDir& dir, std::atomic<int>* seen) : dir_(dir), seen_(seen) {}
  void OnFile(const iocscan::walk::Entry& e) override {
    if (seen_->fetch_add(1) != 0) return;
    std::string other = e.path.find("/a/") != std::string_view::npos ? "b" : "a";
    std::error_code ec;
    std::filesystem::remove_all(dir_.Join(other), ec);
  }

 private:
  const ScratchDir& dir_;
  std::atomic<int>* seen_;
};

}  // namespace

TEST_CASE("walk: a folder deleted during the walk is counted as vanished", "[walk]") {
  ScratchDir dir;
  for (const char* name : {"a", "b"}) {
    int sub = MakeDir(dir.fd(), name);
    MakeTree(sub, 1, 2, 3);  // 9 files each
    ::close(sub);
  }
  std::atomic<int> seen{0};
  WalkStats s = Walk(Options(dir.path(), 1), [&](int) {
    return std::make_unique<DeletingVisitor>(dir, &seen);
  });
  CHECK(s.files == 9);        // the first folder only
  CHECK(s.errors[ENOENT] == 1);
  CHECK(s.error_count() == 1);
  REQUIRE(s.error_examples.size() == 1);
  CHECK((s.error_examples[0].path == dir.Join("a") || s.error_examples[0].path == dir.Join("b")));
  CHECK_FALSE(s.stopped);
}

namespace {

class StoppingVisitor : public iocscan::walk::Visitor {
 public:
  StoppingVisitor(std::atomic<bool>* stop, std::atomic<int>* count) : stop_(stop), count_(count) {}
  void OnFile(const iocscan::walk::Entry&) override {
    if (count_->fetch_add(1) + 1 == 10) stop_->store(true);
  }

 private:
  std::atomic<bool>* stop_;
  std::atomic<int>* count_;
};

}  // namespace

TEST_CASE("walk: the stop flag ends the walk early", "[walk]") {
  ScratchDir dir;
  MakeTree(dir.fd(), 4, 4, 6);
  for (int threads : {1, 4}) {
    std::atomic<bool> stop{false};
    std::atomic<int> count{0};
    WalkOptions o = Options(dir.path(), threads);
    o.stop = &stop;
    WalkStats s = Walk(o, [&](int) { return std::make_unique<StoppingVisitor>(&stop, &count); });
    CHECK(s.stopped);
    CHECK(s.files < 2046);
    CHECK(s.files >= 10);
  }
  std::atomic<bool> already{true};
  WalkOptions o = Options(dir.path(), 2);
  o.stop = &already;
  Recorder rec;
  WalkStats s = Walk(o, rec.Factory());
  CHECK(s.stopped);
  CHECK(s.files == 0);
}

TEST_CASE("walk: stop from another thread returns promptly on a big real tree", "[walk]") {
  std::atomic<bool> stop{false};
  WalkOptions o = Options("/", 4);
  o.stop = &stop;
  Recorder rec;
  rec.stat_all = false;
  std::thread timer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    stop = true;
  });
  auto start = std::chrono::steady_clock::now();
  WalkStats s = Walk(o, rec.Factory());
  auto elapsed = std::chrono::steady_clock::now() - start;
  timer.join();
  CHECK(elapsed < std::chrono::seconds(3));
  if (!s.stopped) WARN("the whole of / was walked in 50 ms: stop not exercised");
}

TEST_CASE("walk: an unreadable folder is counted by errno", "[walk]") {
  ScratchDir dir;
  REQUIRE(::chmod(dir.path().c_str(), 0755) == 0);
  dir.Write("open.txt", "x");
  int locked = MakeDir(dir.fd(), "locked");
  MakeFile(locked, "hidden.txt");
  ::close(locked);
  REQUIRE(::fchmodat(dir.fd(), "locked", 0700, 0) == 0);
  // Root reads everything regardless of modes: run the walk as "nobody" in a child process.
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(3);
    Recorder rec;
    WalkStats s = Walk(Options(dir.path(), 1), rec.Factory());
    std::uint64_t out[3] = {s.files, s.errors[EACCES], s.error_count()};
    ssize_t w = ::write(pipe_fds[1], out, sizeof out);
    ::_exit(w == sizeof out ? 0 : 4);
  }
  ::close(pipe_fds[1]);
  std::uint64_t in[3] = {};
  ssize_t r = ::read(pipe_fds[0], in, sizeof in);
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  REQUIRE(r == sizeof in);
  CHECK(in[0] == 1);  // open.txt only
  CHECK(in[1] == 1);  // "locked": EACCES
  CHECK(in[2] == 1);
}

TEST_CASE("walk: roots - relative and duplicated and nested and a file and missing", "[walk]") {
  ScratchDir dir;
  MakeTree(dir.fd(), 2, 2, 2);  // 7 folders, 14 files
  dir.Write("single.txt", "x");
  const auto all = Find(dir.path(), "! -type d");

  Recorder rec;
  WalkOptions o;
  o.roots = {dir.path(), dir.path() + "//", dir.Join("d0"), dir.Join("single.txt"),
             dir.Join("missing")};
  o.threads = 3;
  WalkStats s = Walk(o, rec.Factory());
  CHECK(rec.seen.size() == all.size() + 1);  // single.txt twice: as a root and inside the tree
  CHECK(rec.Paths() == all);
  CHECK(s.errors[ENOENT] == 1);
  REQUIRE(s.error_examples.size() == 1);
  CHECK(s.error_examples[0].path == dir.Join("missing"));
  CHECK(s.dirs == 7);  // d0 once, as its own root

  char cwd[4096];
  REQUIRE(::getcwd(cwd, sizeof cwd) != nullptr);
  REQUIRE(::chdir(dir.path().c_str()) == 0);
  Recorder rel;
  WalkStats s2 = Walk(Options("d1/.", 1), rel.Factory());
  REQUIRE(::chdir(cwd) == 0);
  CHECK(s2.files == 6);
  CHECK(rel.Paths() == Find(dir.Join("d1"), "! -type d"));  // absolute paths

  // ".." in a root is resolved where the kernel resolved it: no "/../" in the reported paths, and
  // an exclude written for the real path applies.
  Recorder up;
  WalkOptions o3 = Options(dir.Join("d0/../d1"), 1);
  o3.excludes = {dir.Join("d1/d0")};
  WalkStats s3 = Walk(o3, up.Factory());
  CHECK(s3.files == 4);
  for (const std::string& p : up.Paths()) {
    CHECK(p.rfind(dir.Join("d1/"), 0) == 0);
    CHECK(p.find("/../") == std::string::npos);
    CHECK(p.find("/d1/d0/") == std::string::npos);
  }
}

TEST_CASE("walk: pseudo filesystems under / are skipped by type and listed", "[walk][linux]") {
  auto table = iocscan::platform::ReadMountInfo();
  std::vector<std::string> expected;
  for (const auto& m : table) {
    bool top = m.mount_point.size() > 1 && m.mount_point.find('/', 1) == std::string::npos;
    if (top && iocscan::platform::ClassifyFsType(m.fs_type) == iocscan::platform::FsClass::kPseudo) {
      expected.push_back(m.mount_point);
    }
  }
  if (expected.empty()) {
    WARN("no pseudo filesystem mounted at the top level here: skipped");
    return;
  }
  Recorder rec;
  rec.stat_all = false;
  WalkOptions o = Options("/", 2);
  o.max_depth = 1;
  WalkStats s = Walk(o, rec.Factory());
  for (const std::string& mp : expected) {
    INFO(mp);
    bool found = false;
    for (const auto& sm : s.skipped_mounts) {
      if (sm.path == mp) {
        found = true;
        CHECK(sm.reason == SkipReason::kPseudoFs);
        CHECK_FALSE(sm.fs_type.empty());
      }
    }
    CHECK(found);
  }
  // An explicit pseudo root is refused the same way.
  if (std::find(expected.begin(), expected.end(), "/proc") == expected.end()) return;
  WalkStats p = Walk(Options("/proc", 1), rec.Factory());
  REQUIRE(p.skipped_mounts.size() == 1);
  CHECK(p.skipped_mounts[0].fs_type == "proc");
  CHECK(p.files == 0);
}

namespace {

// On the first file of the root listing (while "sub" is listed but not yet opened), swaps "sub"
// for a symlink to `outside`, or for another real folder.
class SwappingVisitor : public iocscan::walk::Visitor {
 public:
  SwappingVisitor(const ScratchDir& dir, const std::string& outside, bool* done,
                  std::vector<std::string>* paths)
      : dir_(dir), outside_(outside), done_(done), paths_(paths) {}
  void OnFile(const iocscan::walk::Entry& e) override {
    paths_->emplace_back(e.path);
    if (*done_) return;
    *done_ = true;
    REQUIRE(::renameat(dir_.fd(), "sub", dir_.fd(), "sub.old") == 0);
    if (outside_.empty()) {
      int fresh = MakeDir(dir_.fd(), "sub");
      MakeFile(fresh, "fresh.txt");
      ::close(fresh);
    } else {
      REQUIRE(::symlinkat(outside_.c_str(), dir_.fd(), "sub") == 0);
    }
  }

 private:
  const ScratchDir& dir_;
  std::string outside_;
  bool* done_;
  std::vector<std::string>* paths_;
};

}  // namespace

TEST_CASE("walk: a folder swapped for a symlink or another folder is not entered", "[walk]") {
  ScratchDir outside;
  outside.Write("secret.txt", "x");
  for (bool to_symlink : {true, false}) {
    INFO("to symlink " << to_symlink);
    ScratchDir dir;
    dir.Write("a.txt", "x");
    int sub = MakeDir(dir.fd(), "sub");
    MakeFile(sub, "inner.txt");
    ::close(sub);
    bool done = false;
    std::vector<std::string> paths;
    WalkStats s = Walk(Options(dir.path(), 1), [&](int) {
      return std::make_unique<SwappingVisitor>(dir, to_symlink ? outside.path() : "", &done,
                                               &paths);
    });
    REQUIRE(done);
    CHECK(std::find(paths.begin(), paths.end(), dir.Join("a.txt")) != paths.end());
    for (const auto& p : paths) CHECK(p.find("/sub/") == std::string::npos);
    if (to_symlink) {
      CHECK(s.errors[ELOOP] + s.errors[ENOTDIR] == 1);  // O_NOFOLLOW refused the link
    } else {
      CHECK(s.errors[ESTALE] == 1);  // another inode than listed
    }
    CHECK(s.error_count() == 1);
  }
}
