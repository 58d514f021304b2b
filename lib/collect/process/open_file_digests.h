// Digests of the files processes hold open (their executables, their regular-file descriptors),
// read through the /proc magic links so a deleted executable is still hashed. Each file is read
// once per scan (keyed by device, inode, size and mtime): most processes of a host share a few
// executables. Only regular files are opened (never a FIFO or a device).
//
//   OpenFileDigests digests(hash::kMd5 | hash::kSha256);
//   const hash::Digests* d = digests.Of(proc, pid, "exe");   // nullptr: not a regular file, gone, ...
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <tuple>

#include "core/limits.h"
#include "hash/digest.h"
#include "platform/linux/proc_fs.h"

namespace iocscan::collect {

class OpenFileDigests {
 public:
  explicit OpenFileDigests(hash::DigestMask mask, std::uint64_t max_bytes = limits::kDefaultMaxReadBytes)
      : mask_(mask), max_bytes_(max_bytes) {}

  // The digests of what /proc/<pid>/<link> refers to ("exe", "fd/3"); nullptr when it is not a
  // regular file, is larger than max_bytes, or cannot be read. Valid until the next call.
  const hash::Digests* Of(const platform::ProcFs& proc, int pid, const char* link);

 private:
  using Key = std::tuple<dev_t, ino_t, off_t, std::int64_t, long>;  // dev, ino, size, mtime s/ns
  hash::DigestMask mask_;
  std::uint64_t max_bytes_;
  std::map<Key, hash::Digests> cache_;
};

}  // namespace iocscan::collect
