// VolumeItem on Linux: one item per mount of the running system (/proc/self/mountinfo through
// platform/linux/mounts.h). Live only: an offline image has no mounts of its own.
// Fields (under VolumeItem/):
//   MountPoint           where it is mounted
//   Name, DevicePath     the mount source ("/dev/sda1", "server:/export", "tmpfs")
//   DeviceID             the device number "major:minor" (st_dev of its files)
//   FileSystemName       the filesystem type ("ext4", "nfs4", "fuse.sshfs")
//   FileSystemFlags      the mount options, per mount then per superblock ("rw,relatime,errors=remount-ro")
//   Flags/ReadOnly       "ro" among them
//   Type                 "local", "network" or "pseudo" (how iocscan's walker classes the type)
//   RemoteFS             network and FUSE filesystems (a user-space daemon serves those), not fuseblk
//   RemoteAddress        the server of a network mount ("fileserver" of "fileserver:/export")
//   IsMounted            true
//   VolumeID, SerialNumber  the filesystem UUID, VolumeName its label (udev's /dev/disk/by-uuid
//                        and by-label links to the mount's device); absent when udev has none
//   Flags/Removable      the block device's removable flag (sysfs), for block devices
//   TotalSize, FreeSize (bytes, root's reserve included), TotalAllocationUnits,
//   ActualAvailableAllocationUnits (blocks an unprivileged user may still use): statvfs, only
//                        when an IOC asks, and never on network or autofs mounts (a dead server
//                        would hang the scan, an autofs point would be mounted by asking)
#pragma once

#include <memory>

#include "collect/collector.h"

namespace iocscan::collect {

std::unique_ptr<Collector> MakeVolumeCollector();

}  // namespace iocscan::collect
