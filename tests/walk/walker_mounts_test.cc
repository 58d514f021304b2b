// Mount handling on real mounts made by the test (a tmpfs and a bind mount inside a temp dir).
// Needs CAP_SYS_ADMIN (the CI runs as root); elsewhere these tests WARN and return.
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>
#include <unordered_map>

#include "platform/posix/fs_types.h"
#include "support/scratch_dir.h"
#include "walk/walker.h"
#include "walk_test_util.h"

using iocscan::platform::FsTypeResolver;
using iocscan::testing::ScratchDir;
using iocscan::walk::SkipReason;
using iocscan::walk::Walk;
using iocscan::walk::WalkOptions;
using iocscan::walk::WalkStats;
using iocscan::walk::testing::MakeFile;
using iocscan::walk::testing::Recorder;

namespace {

// Mounts on construction (ok() tells), detaches on destruction.
class MountGuard {
 public:
  MountGuard(const std::string& source, const std::string& target, const char* type,
             unsigned long flags)
      : target_(target) {
    ok_ = ::mount(source.c_str(), target.c_str(), type, flags, nullptr) == 0;
  }
  ~MountGuard() {
    if (ok_) ::umount2(target_.c_str(), MNT_DETACH);
  }
  bool ok() const { return ok_; }

 private:
  std::string target_;
  bool ok_ = false;
};

dev_t DevOf(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_dev;
}

WalkStats WalkWith(const std::string& root, Recorder& rec, bool one_fs, bool network,
                   const FsTypeResolver* types) {
  WalkOptions o;
  o.roots = {root};
  o.threads = 2;
  o.one_file_system = one_fs;
  o.network_mounts = network;
  o.fs_types = types;
  return Walk(o, rec.Factory());
}

}  // namespace

TEST_CASE("walk mounts: tmpfs entered or skipped and listed by type or device", "[walk][linux]") {
  ScratchDir dir;
  dir.Write("top.txt", "x");
  REQUIRE(::mkdirat(dir.fd(), "mnt", 0755) == 0);
  MountGuard tmpfs("tmpfs", dir.Join("mnt"), "tmpfs", 0);
  if (!tmpfs.ok()) {
    WARN("cannot mount a tmpfs here (not root?): skipped");
    return;
  }
  dir.Write("mnt/inside.txt", "x");
  const std::string inside = dir.Join("mnt/inside.txt");
  const dev_t mnt_dev = DevOf(dir.Join("mnt"));

  {  // tmpfs is local: entered
    Recorder rec;
    WalkStats s = WalkWith(dir.path(), rec, false, false, nullptr);
    CHECK(rec.Find(inside) != nullptr);
    CHECK(s.skipped_mounts.empty());
  }
  {  // --one-file-system: not entered, listed with its type
    Recorder rec;
    WalkStats s = WalkWith(dir.path(), rec, true, false, nullptr);
    CHECK(rec.Find(inside) == nullptr);
    CHECK(rec.Find(dir.Join("top.txt")) != nullptr);
    REQUIRE(s.skipped_mounts.size() == 1);
    CHECK(s.skipped_mounts[0].path == dir.Join("mnt"));
    CHECK(s.skipped_mounts[0].fs_type == "tmpfs");
    CHECK(s.skipped_mounts[0].reason == SkipReason::kOtherDevice);
  }
  for (const char* network_type : {"nfs4", "cifs", "fuse.sshfs"}) {
    INFO(network_type);
    FsTypeResolver as_network(std::unordered_map<dev_t, std::string>{{mnt_dev, network_type}});
    Recorder skipped, entered;
    WalkStats s = WalkWith(dir.path(), skipped, false, false, &as_network);
    CHECK(skipped.Find(inside) == nullptr);
    REQUIRE(s.skipped_mounts.size() == 1);
    CHECK(s.skipped_mounts[0].fs_type == network_type);
    CHECK(s.skipped_mounts[0].reason == SkipReason::kNetworkFs);
    WalkStats s2 = WalkWith(dir.path(), entered, false, true, &as_network);  // --network-mounts
    CHECK(entered.Find(inside) != nullptr);
    CHECK(s2.skipped_mounts.empty());
  }
  {  // pseudo: never, even with --network-mounts
    FsTypeResolver as_proc(std::unordered_map<dev_t, std::string>{{mnt_dev, "proc"}});
    Recorder rec;
    WalkStats s = WalkWith(dir.path(), rec, false, true, &as_proc);
    CHECK(rec.Find(inside) == nullptr);
    REQUIRE(s.skipped_mounts.size() == 1);
    CHECK(s.skipped_mounts[0].reason == SkipReason::kPseudoFs);
  }
  {  // a network root is refused too, and listed
    FsTypeResolver as_network(std::unordered_map<dev_t, std::string>{{mnt_dev, "nfs"}});
    Recorder rec;
    WalkStats s = WalkWith(dir.Join("mnt"), rec, false, false, &as_network);
    CHECK(rec.seen.empty());
    REQUIRE(s.skipped_mounts.size() == 1);
    CHECK(s.skipped_mounts[0].path == dir.Join("mnt"));
  }
}

TEST_CASE("walk mounts: a bind-mount cycle is detected - not walked forever", "[walk][linux]") {
  ScratchDir dir;
  dir.Write("f.txt", "x");
  REQUIRE(::mkdirat(dir.fd(), "a", 0755) == 0);
  REQUIRE(::mkdirat(dir.fd(), "a/loop", 0755) == 0);
  MountGuard bind(dir.path(), dir.Join("a/loop"), nullptr, MS_BIND);
  if (!bind.ok()) {
    WARN("cannot bind-mount here (not root?): skipped");
    return;
  }
  for (int threads : {1, 3}) {
    Recorder rec;
    WalkOptions o;
    o.roots = {dir.path()};
    o.threads = threads;
    WalkStats s = Walk(o, rec.Factory());
    CHECK(s.files == 1);
    CHECK(s.dirs == 2);  // the root and a; a/loop is the root again
    CHECK(s.errors[ELOOP] == 1);
    REQUIRE(s.error_examples.size() == 1);
    CHECK(s.error_examples[0].path == dir.Join("a/loop"));
  }
}
