// The mountinfo parser on literal text, filesystem classification, and the resolver on live fds.
#include "platform/linux/mounts.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>

#include "platform/posix/fs_types.h"

using iocscan::platform::ClassifyFsType;
using iocscan::platform::FsClass;
using iocscan::platform::FsTypeFromMagic;
using iocscan::platform::FsTypeResolver;
using iocscan::platform::MountInfo;
using iocscan::platform::ParseMountInfo;
using iocscan::platform::UnescapeMountField;

TEST_CASE("mountinfo: fields and optional fields and the separator", "[platform][linux]") {
  const char* text =
      "36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw,errors=continue\n"
      "22 27 0:21 / /proc rw,relatime - proc proc rw\n"
      "27 1 254:0 / / rw,relatime shared:1 master:2 - ext4 /dev/vda rw,discard\n"
      "90 27 0:52 / /mnt/share rw,relatime - nfs4 server:/export rw,vers=4.2\n"
      "91 27 0:53 / /home/u/remote rw,nosuid - fuse.sshfs u@host:/ rw,user_id=0\n";
  int bad = -1;
  std::vector<MountInfo> m = ParseMountInfo(text, &bad);
  REQUIRE(bad == 0);
  REQUIRE(m.size() == 5);
  CHECK(m[0].major == 98);
  CHECK(m[0].minor == 0);
  CHECK(m[0].root == "/mnt1");
  CHECK(m[0].mount_point == "/mnt/parent");
  CHECK(m[0].fs_type == "ext3");
  CHECK(m[0].source == "/dev/root");
  CHECK(m[1].mount_point == "/proc");
  CHECK(m[1].fs_type == "proc");
  CHECK(m[2].fs_type == "ext4");  // two optional fields before "-"
  CHECK(m[2].dev() == makedev(254, 0));
  CHECK(m[3].fs_type == "nfs4");
  CHECK(m[3].source == "server:/export");
  CHECK(m[4].fs_type == "fuse.sshfs");
  CHECK(m[0].options == "rw,noatime");
  CHECK(m[0].super_options == "rw,errors=continue");
  CHECK(m[2].options == "rw,relatime");
  CHECK(m[2].super_options == "rw,discard");
}

TEST_CASE("mountinfo: octal escapes in mount points and sources", "[platform][linux]") {
  const char* text =
      "40 27 0:40 / /mnt/my\\040disk rw - vfat /dev/sdb1 rw\n"
      "41 27 0:41 / /mnt/tab\\011and\\012nl\\134back rw - ext4 /dev/sd\\040c rw\n";
  std::vector<MountInfo> m = ParseMountInfo(text);
  REQUIRE(m.size() == 2);
  CHECK(m[0].mount_point == "/mnt/my disk");
  CHECK(m[1].mount_point == "/mnt/tab\tand\nnl\\back");
  CHECK(m[1].source == "/dev/sd c");
  CHECK(UnescapeMountField("a\\04") == "a\\04");     // too short: kept as is
  CHECK(UnescapeMountField("a\\089") == "a\\089");   // not octal: kept as is
  CHECK(UnescapeMountField("\\377x") == "\xffx");    // any byte
}

TEST_CASE("mountinfo: malformed lines are skipped and counted", "[platform][linux]") {
  const char* text =
      "garbage\n"
      "\n"
      "22 27 0:21 / /proc rw,relatime proc proc rw\n"      // no "-" separator
      "22 27 zz / /proc rw,relatime - proc proc rw\n"      // bad device
      "22 27 0:21 / /proc rw,relatime - proc\n"            // no source
      "22 27 0:21 / /proc rw,relatime - proc proc rw";     // last line without newline: fine
  int bad = 0;
  std::vector<MountInfo> m = ParseMountInfo(text, &bad);
  CHECK(bad == 4);
  REQUIRE(m.size() == 1);
  CHECK(m[0].fs_type == "proc");
}

TEST_CASE("filesystem classes by type name", "[platform]") {
  for (const char* t : {"proc", "sysfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "securityfs",
                        "debugfs", "tracefs", "pstore", "bpf", "configfs", "fusectl", "mqueue",
                        "hugetlbfs", "binfmt_misc", "autofs", "efivarfs", "selinuxfs",
                        "rpc_pipefs", "nsfs"}) {
    INFO(t);
    CHECK(ClassifyFsType(t) == FsClass::kPseudo);
  }
  for (const char* t : {"nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse", "fuseblk",
                        "fuse.sshfs", "fuse.rclone", "9p", "ceph", "glusterfs", "afs", "davfs"}) {
    INFO(t);
    CHECK(ClassifyFsType(t) == FsClass::kNetwork);
  }
  for (const char* t : {"ext4", "xfs", "btrfs", "tmpfs", "overlay", "vfat", "zfs", "", "fusex"}) {
    INFO(t);
    CHECK(ClassifyFsType(t) == FsClass::kLocal);
  }
}

TEST_CASE("statfs magic numbers name their filesystems", "[platform][linux]") {
  CHECK(FsTypeFromMagic(0x9fa0) == "proc");
  CHECK(FsTypeFromMagic(0x6969) == "nfs");
  CHECK(FsTypeFromMagic(0x65735546) == "fuse");
  CHECK(FsTypeFromMagic(0xef53) == "ext4");
  CHECK(FsTypeFromMagic(0x12345678).empty());
}

TEST_CASE("resolver: the live mount table and fstatfs agree on /proc", "[platform][linux]") {
  int fd = ::open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    WARN("no /proc here: skipped");
    return;
  }
  struct stat st {};
  REQUIRE(::fstat(fd, &st) == 0);
  FsTypeResolver table;                // from /proc/self/mountinfo
  FsTypeResolver magic_only(std::unordered_map<dev_t, std::string>{});  // fstatfs answers
  CHECK(table.TypeOf(fd, st.st_dev) == "proc");
  CHECK(magic_only.TypeOf(fd, st.st_dev) == "proc");
  FsTypeResolver injected({{st.st_dev, "nfs4"}});  // the table wins over fstatfs
  CHECK(injected.TypeOf(fd, st.st_dev) == "nfs4");
  CHECK(table.TypeOfPath("/proc/self", st.st_dev) == "proc");
  ::close(fd);
}

TEST_CASE("mount root: / is one - a plain folder is not", "[platform][linux]") {
  int root = ::open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int etc = ::open("/etc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  REQUIRE(root >= 0);
  REQUIRE(etc >= 0);
  CHECK(iocscan::platform::IsMountRoot(root));
  CHECK_FALSE(iocscan::platform::IsMountRoot(etc));
  ::close(root);
  ::close(etc);
}
