// RootFs: paths of an offline root resolved as that system would, symlinks (absolute, relative,
// "..") never leading out of the root; missing versus unreadable; FIFOs never read.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include "platform/posix/root_fs.h"
#include "support/scratch_dir.h"

namespace iocscan::platform {
namespace {

using iocscan::testing::ScratchDir;

std::optional<std::string> Read(const RootFs& fs, std::string_view path) {
  Result<std::optional<std::string>> r = fs.ReadFile(path, 1 << 20);
  REQUIRE(r.ok());
  return r.value();
}

struct Image {
  ScratchDir root;
  ScratchDir outside;
  Image() {
    for (const char* d : {"etc", "usr", "usr/lib", "usr/lib/systemd", "home"}) ::mkdir(root.Join(d).c_str(), 0755);
    root.Write("etc/passwd", "root:x:0:0::/root:/bin/sh\n");
    root.Write("usr/lib/systemd/unit", "[Unit]\n");
    outside.Write("secret", "host secret");
    REQUIRE(::symlink("usr/lib", root.Join("lib").c_str()) == 0);                      // merged /usr
    REQUIRE(::symlink("/etc/passwd", root.Join("etc/abs").c_str()) == 0);              // the image's passwd
    REQUIRE(::symlink("../../../../../../etc/passwd", root.Join("etc/up").c_str()) == 0);
    REQUIRE(::symlink(outside.Join("secret").c_str(), root.Join("etc/host").c_str()) == 0);
    REQUIRE(::symlink("/nonexistent", root.Join("etc/dangling").c_str()) == 0);
    REQUIRE(::symlink("loop2", root.Join("etc/loop1").c_str()) == 0);
    REQUIRE(::symlink("loop1", root.Join("etc/loop2").c_str()) == 0);
  }
};

TEST_CASE("symlinks are resolved inside the root", "[platform][rootfs]") {
  Image image;
  Result<RootFs> fs = RootFs::Open(image.root.path());
  REQUIRE(fs.ok());
  CHECK_FALSE(fs->live());
  CHECK(Read(fs.value(), "/etc/passwd") == "root:x:0:0::/root:/bin/sh\n");
  CHECK(Read(fs.value(), "/lib/systemd/unit") == "[Unit]\n");             // through "lib -> usr/lib"
  CHECK(Read(fs.value(), "/etc/abs") == "root:x:0:0::/root:/bin/sh\n");   // "/" is the root's
  CHECK(Read(fs.value(), "/etc/up") == "root:x:0:0::/root:/bin/sh\n");    // ".." stops at the root
  CHECK(Read(fs.value(), "/../../etc/passwd") == "root:x:0:0::/root:/bin/sh\n");
  CHECK(Read(fs.value(), "/etc/host") == std::nullopt);  // the host file is not in the image
  CHECK(Read(fs.value(), "/etc/dangling") == std::nullopt);
  CHECK(Read(fs.value(), "/etc/missing") == std::nullopt);
  CHECK_FALSE(fs->ReadFile("/etc/loop1", 100).ok());
  CHECK(fs->HostPath("/etc/passwd") == image.root.path() + "/etc/passwd");
}

TEST_CASE("links, stats and listings inside the root", "[platform][rootfs]") {
  Image image;
  Result<RootFs> fs = RootFs::Open(image.root.path() + "/");
  REQUIRE(fs.ok());
  CHECK(fs->ReadLink("/etc/abs") == "/etc/passwd");
  CHECK(fs->ReadLink("/lib") == "usr/lib");
  CHECK(fs->ReadLink("/etc/passwd") == std::nullopt);
  CHECK(fs->ReadLink("/etc/nothing") == std::nullopt);
  std::optional<struct stat> st = fs->Stat("/lib/systemd");
  REQUIRE(st);
  CHECK(S_ISDIR(st->st_mode));
  CHECK_FALSE(fs->Stat("/etc/host").has_value());

  Result<std::vector<RootFs::Entry>> etc = fs->List("/etc");
  REQUIRE(etc.ok());
  std::vector<std::string> names;
  for (const RootFs::Entry& e : etc.value()) names.push_back(e.name);
  CHECK(names == std::vector<std::string>{"abs", "dangling", "host", "loop1", "loop2", "passwd", "up"});
  CHECK(etc.value()[0].type == RootFs::Type::kLink);
  CHECK(etc.value()[5].type == RootFs::Type::kFile);
  Result<std::vector<RootFs::Entry>> via_link = fs->List("/lib/systemd");
  REQUIRE(via_link.ok());
  REQUIRE(via_link.value().size() == 1);
  CHECK(via_link.value()[0].name == "unit");
  Result<std::vector<RootFs::Entry>> missing = fs->List("/etc/cron.d");
  REQUIRE(missing.ok());
  CHECK(missing.value().empty());
  Result<std::vector<RootFs::Entry>> root = fs->List("/");
  REQUIRE(root.ok());
  CHECK(root.value().size() == 4);  // etc, home, lib, usr
}

TEST_CASE("FIFOs and folders are not read as files", "[platform][rootfs]") {
  Image image;
  REQUIRE(::mkfifo(image.root.Join("etc/fifo").c_str(), 0644) == 0);
  Result<RootFs> fs = RootFs::Open(image.root.path());
  REQUIRE(fs.ok());
  CHECK_FALSE(fs->ReadFile("/etc/fifo", 100).ok());  // returns at once, never blocks
  CHECK_FALSE(fs->ReadFile("/etc", 100).ok());
  CHECK_FALSE(fs->OpenFile("/etc/fifo").ok());
}

TEST_CASE("an unreadable folder is an error, not an empty one", "[platform][rootfs]") {
  if (::geteuid() == 0) {
    WARN("skipped: root reads every folder");
    return;
  }
  Image image;
  ::mkdir(image.root.Join("etc/private").c_str(), 0700);
  image.root.Write("etc/private/x", "x");
  ::chmod(image.root.Join("etc/private").c_str(), 0);
  Result<RootFs> fs = RootFs::Open(image.root.path());
  REQUIRE(fs.ok());
  CHECK_FALSE(fs->List("/etc/private").ok());
  CHECK_FALSE(fs->ReadFile("/etc/private/x", 100).ok());
  ::chmod(image.root.Join("etc/private").c_str(), 0700);
}

TEST_CASE("the live system is the root \"\"", "[platform][rootfs]") {
  Result<RootFs> fs = RootFs::Open("");
  REQUIRE(fs.ok());
  CHECK(fs->live());
  CHECK(fs->root().empty());
  CHECK(fs->Stat("/").has_value());
  CHECK_FALSE(RootFs::Open("/nonexistent-root-for-test").ok());
}

}  // namespace
}  // namespace iocscan::platform
