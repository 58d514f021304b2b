// The Linux mount table (/proc/self/mountinfo) and statfs magic numbers, for deciding by
// FILESYSTEM TYPE (never by device name or path) whether the walker enters a mount.
//
// mountinfo has one line per mount (proc(5)):
//   36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw,errors=continue
//   (1)(2) (3)   (4)     (5)        (6)      (7...)   (8)(9)   (10)      (11)
// Fields 4, 5 and 10 escape space, tab, newline and backslash as octal (`\040`, `\011`, `\012`,
// `\134`); ParseMountInfo undoes that, so mount points are the real path bytes. The parser is
// pure (tested on literal text); ReadMountInfo does the I/O.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>
#include <vector>

namespace iocscan::platform {

struct MountInfo {
  unsigned major = 0;       // st_dev of files on this mount is makedev(major, minor)
  unsigned minor = 0;
  std::string root;         // the mounted subtree of the source filesystem ("/" for whole fs)
  std::string mount_point;  // unescaped path bytes, relative to the process's root
  std::string fs_type;      // "ext4", "proc", "nfs4", "fuse.sshfs", ...
  std::string source;       // "/dev/sda1", "server:/export", "proc", ...
  std::string options;      // per-mount options (6): "rw,nosuid,relatime"
  std::string super_options;  // per-superblock options (11): "rw,errors=remount-ro"

  dev_t dev() const;
};

// Parses mountinfo text. Malformed lines are skipped (counted in *bad_lines when given).
std::vector<MountInfo> ParseMountInfo(std::string_view text, int* bad_lines = nullptr);

// Undoes mountinfo's octal escapes (`\ooo`, three octal digits); other bytes are kept as is.
std::string UnescapeMountField(std::string_view field);

// Reads and parses /proc/self/mountinfo; empty when it cannot be read (no /proc mounted).
std::vector<MountInfo> ReadMountInfo();

// The filesystem type name for a statfs f_type magic number ("proc", "nfs", "fuse", ...), or ""
// when unknown. Fallback for mounts the table does not describe (e.g. btrfs subvolumes, whose
// st_dev is not the one in mountinfo).
std::string_view FsTypeFromMagic(unsigned long magic);

}  // namespace iocscan::platform
