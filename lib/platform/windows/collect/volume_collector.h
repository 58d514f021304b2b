// VolumeItem on the live Windows host: one item per volume (FindFirstVolumeW), and one per mapped
// network drive (a remote drive letter of GetLogicalDriveStringsW). Fields (under VolumeItem/), with
// the meanings the Linux collector gives them:
//   MountPoint           the first of its paths ("C:\", or a folder it is mounted on); IsMounted:
//                        it has one; DriveLetter "C:" when that path is a drive root
//   Name, DevicePath     its NT device ("\Device\HarddiskVolume3"; a network drive's redirector
//                        target)
//   DeviceID             the volume GUID path ("\\?\Volume{...}\"); VolumeID the GUID alone
//   VolumeName           the label; SerialNumber the serial as `vol` prints it ("43A1-B2C3")
//   FileSystemName       "NTFS", "FAT32", "ReFS"...; FileSystemFlags the FILE_* flags by name;
//   Flags/ReadOnly       FILE_READ_ONLY_VOLUME; Flags/Removable a removable drive
//   Type                 "local" or "network"; RemoteFS a network drive; RemoteAddress its server
//   TotalSize, FreeSize, TotalAllocationUnits (clusters), ActualAvailableAllocationUnits (clusters
//                        this user may still fill), BytesPerSector, SectorsPerAllocationUnit:
//                        GetDiskFreeSpace(Ex)W, only when an IOC asks,
//                        and never on a network drive (a dead server would stall the scan)
#pragma once

#include <memory>

#include "collect/collector.h"

namespace iocscan::collect {

std::unique_ptr<Collector> MakeWinVolumeCollector();

}  // namespace iocscan::collect
