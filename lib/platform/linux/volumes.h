// What a mounted filesystem's device says about itself on the running system, for VolumeItem:
// its space (statvfs(3)), whether the block device is removable (/sys/dev/block/M:m/removable)
// and the udev names of filesystems (/dev/disk/by-uuid, /dev/disk/by-label links, by device).
// Live only. statvfs can hang on a dead network server and triggers autofs mounts: the caller
// decides which mounts to ask about.
//
//   std::optional<VolumeSpace> s = StatVolume("/");
//   DiskNames names = ReadDiskNames();   // names.uuid[makedev(8, 1)] -> "0b5c...-..."
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

namespace iocscan::platform {

struct VolumeSpace {
  std::uint64_t block_size = 0;    // f_frsize: the allocation unit
  std::uint64_t blocks = 0;        // f_blocks
  std::uint64_t free_blocks = 0;   // f_bfree (root's reserve included)
  std::uint64_t avail_blocks = 0;  // f_bavail (what unprivileged users may use)
};

std::optional<VolumeSpace> StatVolume(const std::string& mount_point);

// nullopt when the device is not a block device sysfs knows (tmpfs, overlay, network).
std::optional<bool> IsRemovableBlockDevice(unsigned major, unsigned minor);

struct DiskNames {
  std::unordered_map<dev_t, std::string> uuid;   // raw link names (udev-escaped)
  std::unordered_map<dev_t, std::string> label;
};
DiskNames ReadDiskNames();

}  // namespace iocscan::platform
