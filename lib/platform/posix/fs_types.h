// Which filesystems a directory walk enters, decided by filesystem TYPE (never by device name or
// mount path), so the decision is the same on every host:
//   kPseudo   kernel views and virtual files (proc, sysfs, devtmpfs, cgroup, ...): never entered;
//             reading them is meaningless for IOCs and some never end or block (/proc/kcore,
//             tracefs pipes), and autofs placeholders would trigger mounts.
//   kNetwork  network and FUSE filesystems (nfs, cifs/smb, sshfs and every fuse.*, ceph, 9p,
//             ...): entered only when asked (--network-mounts); a hung server would hang the
//             walk, and a sweep of every host in a fleet would hammer the same file server.
//             Every FUSE type counts here, fuseblk (ntfs-3g) included: a user-space daemon
//             serves it, so it can stall like a network one.
//   kLocal    everything else (ext4, xfs, btrfs, tmpfs, overlay, vfat, unknown types).
// FsTypeResolver finds the type of the filesystem an open directory lives on: the mount table
// (Linux: /proc/self/mountinfo, by st_dev), then fstatfs (f_type magic on Linux,
// f_fstypename on BSD/macOS).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace iocscan::platform {

enum class FsClass : std::uint8_t { kLocal, kPseudo, kNetwork };

FsClass ClassifyFsType(std::string_view fs_type);
std::string_view FsClassName(FsClass c);  // "local", "pseudo", "network"

class FsTypeResolver {
 public:
  // Loads the mount table once (best effort: empty when unreadable, then fstatfs answers).
  FsTypeResolver();
  // A resolver with a given table (dev -> type), for tests; fstatfs still answers the rest.
  explicit FsTypeResolver(std::unordered_map<dev_t, std::string> types);

  // The type of the filesystem holding the open `fd` whose st_dev is `dev`; "" when unknown.
  // Thread-safe (the table is read-only after construction).
  std::string TypeOf(int fd, dev_t dev) const;
  // The same for a path (statfs follows symlinks), for a symlink target the walker did not open.
  std::string TypeOfPath(const char* path, dev_t dev) const;

 private:
  std::unordered_map<dev_t, std::string> types_;
};

// True when the open directory `fd` is the root of a mount (Linux statx STATX_ATTR_MOUNT_ROOT).
// False when it is not, or when the kernel cannot tell.
bool IsMountRoot(int fd);

}  // namespace iocscan::platform
