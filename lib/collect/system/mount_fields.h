// What VolumeItem derives from a mount table entry, as pure functions tested on literal text.
//
//   HasMountOption("rw,nosuid,relatime", "nosuid")           -> true
//   MergeMountOptions("rw,relatime", "rw,errors=remount-ro") -> "rw,relatime,errors=remount-ro"
//   RemoteAddressOf("nfs4", "fileserver:/export")            -> "fileserver"
//   UnescapeUdevName("My\\x20Disk")                          -> "My Disk"
#pragma once

#include <string>
#include <string_view>

namespace iocscan::collect {

// True when the comma-separated `options` hold `option` exactly ("ro" is not "rootcontext=...").
bool HasMountOption(std::string_view options, std::string_view option);

// The per-mount options followed by the superblock options not already among them.
std::string MergeMountOptions(std::string_view mount_options, std::string_view super_options);

// The server of a network mount's source: "host:/path" (nfs, sshfs "user@host:/path"),
// "//host/share" (cifs, smb3), "[v6::addr]:/path"; for ceph-style lists the first monitor. ""
// when the source names no server.
std::string RemoteAddressOf(std::string_view fs_type, std::string_view source);

// udev's escaping of /dev/disk/by-label names: "\xHH" -> the byte HH.
std::string UnescapeUdevName(std::string_view name);

}  // namespace iocscan::collect
