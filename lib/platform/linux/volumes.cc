#include "platform/linux/volumes.h"

#include <sys/stat.h>
#include <sys/statvfs.h>

#include "platform/linux/pseudo_file.h"

namespace iocscan::platform {
namespace {

// link name -> the device it points to, for every link of a /dev/disk/by-* folder.
void ReadLinks(const std::string& dir, std::unordered_map<dev_t, std::string>* out) {
  for (const std::string& name : ListPseudoDir(dir)) {
    struct stat st {};
    if (::stat((dir + "/" + name).c_str(), &st) == 0 && S_ISBLK(st.st_mode)) out->try_emplace(st.st_rdev, name);
  }
}

}  // namespace

std::optional<VolumeSpace> StatVolume(const std::string& mount_point) {
  struct statvfs s {};
  if (::statvfs(mount_point.c_str(), &s) != 0) return std::nullopt;
  std::uint64_t unit = s.f_frsize ? s.f_frsize : s.f_bsize;
  return VolumeSpace{unit, s.f_blocks, s.f_bfree, s.f_bavail};
}

std::optional<bool> IsRemovableBlockDevice(unsigned major, unsigned minor) {
  std::string dev = "/sys/dev/block/" + std::to_string(major) + ":" + std::to_string(minor);
  std::string value = ReadPseudoValue(dev + "/removable");
  if (value.empty()) value = ReadPseudoValue(dev + "/../removable");  // a partition: its disk's
  if (value.empty()) return std::nullopt;
  return value == "1";
}

DiskNames ReadDiskNames() {
  DiskNames names;
  ReadLinks("/dev/disk/by-uuid", &names.uuid);
  ReadLinks("/dev/disk/by-label", &names.label);
  return names;
}

}  // namespace iocscan::platform
