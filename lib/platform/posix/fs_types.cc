#include "platform/posix/fs_types.h"

#include <fcntl.h>
#include <sys/stat.h>


#if defined(__linux__)
#include <sys/vfs.h>

#include "platform/linux/mounts.h"
#else
#include <sys/mount.h>
#include <sys/param.h>
#endif

namespace iocscan::platform {
namespace {

constexpr std::string_view kPseudoTypes[] = {
    "proc",       "sysfs",      "devtmpfs",  "devpts",      "cgroup",     "cgroup2",
    "securityfs", "debugfs",    "tracefs",   "pstore",      "bpf",        "configfs",
    "fusectl",    "mqueue",     "hugetlbfs", "binfmt_misc", "autofs",     "efivarfs",
    "selinuxfs",  "rpc_pipefs", "nsfs",      "sockfs",      "pipefs",     "anon_inodefs",
    "nfsd",       "cpuset",     "resctrl",   "smackfs",     "apparmorfs", "functionfs",
    "binder",     "xenfs",      "devfs",     "fdescfs",     "procfs",     "linprocfs",
    "linsysfs"};

constexpr std::string_view kNetworkTypes[] = {
    "nfs",     "nfs4",   "nfs3",      "cifs",    "smb",     "smb2",    "smb3",
    "smbfs",   "sshfs",  "fuse",      "fuseblk", "ncpfs",   "afs",     "ceph",
    "glusterfs", "lustre", "gpfs",    "9p",      "davfs",   "webdav",  "coda",
    "beegfs",  "orangefs", "virtiofs", "vboxsf", "afpfs",   "osxfuse"};

}  // namespace

FsClass ClassifyFsType(std::string_view t) {
  for (std::string_view p : kPseudoTypes) {
    if (t == p) return FsClass::kPseudo;
  }
  // "fuse.sshfs", "fuse.rclone", "fuse.lxcfs", ...: the daemon's name follows "fuse.".
  if (t.substr(0, 5) == "fuse." || t == "macfuse") return FsClass::kNetwork;
  for (std::string_view n : kNetworkTypes) {
    if (t == n) return FsClass::kNetwork;
  }
  return FsClass::kLocal;
}

std::string_view FsClassName(FsClass c) {
  switch (c) {
    case FsClass::kLocal:
      return "local";
    case FsClass::kPseudo:
      return "pseudo";
    case FsClass::kNetwork:
      return "network";
  }
  return "local";
}

FsTypeResolver::FsTypeResolver() {
#if defined(__linux__)
  // Several mounts may share a device (bind mounts); they share the type too.
  for (const MountInfo& m : ReadMountInfo()) types_.emplace(m.dev(), m.fs_type);
#endif
}

FsTypeResolver::FsTypeResolver(std::unordered_map<dev_t, std::string> types)
    : types_(std::move(types)) {}

std::string FsTypeResolver::TypeOf(int fd, dev_t dev) const {
  auto it = types_.find(dev);
  if (it != types_.end()) return it->second;
#if defined(__linux__)
  struct statfs sf {};
  if (::fstatfs(fd, &sf) != 0) return {};
  return std::string(FsTypeFromMagic(static_cast<unsigned long>(sf.f_type)));
#else
  struct statfs sf {};
  if (::fstatfs(fd, &sf) != 0) return {};
  return std::string(sf.f_fstypename);
#endif
}

std::string FsTypeResolver::TypeOfPath(const char* path, dev_t dev) const {
  auto it = types_.find(dev);
  if (it != types_.end()) return it->second;
  struct statfs sf {};
  if (::statfs(path, &sf) != 0) return {};
#if defined(__linux__)
  return std::string(FsTypeFromMagic(static_cast<unsigned long>(sf.f_type)));
#else
  return std::string(sf.f_fstypename);
#endif
}

bool IsMountRoot(int fd) {
#if defined(__linux__) && defined(STATX_ATTR_MOUNT_ROOT)
  struct statx sx {};
  if (::statx(fd, "", AT_EMPTY_PATH, STATX_TYPE, &sx) != 0) return false;
  if ((sx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT) == 0) return false;
  return (sx.stx_attributes & STATX_ATTR_MOUNT_ROOT) != 0;
#else
  (void)fd;
  return false;
#endif
}

}  // namespace iocscan::platform
