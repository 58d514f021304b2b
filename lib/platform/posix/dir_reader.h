// Reads the entries of an open directory, as bytes, without owning or moving its descriptor.
//
// Linux reads with getdents64 into a reused 64 KiB buffer (one syscall per ~1,000 entries, no
// DIR* allocation per directory); other POSIX systems use fdopendir(dup(fd)) + readdir, so the
// caller's fd stays valid for openat/fstatat while and after the listing. "." and ".." are never
// returned. d_type may be DT_UNKNOWN (some filesystems): the caller then stats the entry.
//
//   DirReader reader;            // one per worker thread (owns the buffer)
//   reader.Open(dir_fd);
//   DirReader::Item item;
//   while (reader.Next(&item)) { ... item.name ... }
//   if (reader.error() != 0) { ... the listing stopped early: errno ... }
#pragma once

#include <dirent.h>
#include <sys/types.h>

#include <string_view>
#include <vector>

namespace iocscan::platform {

class DirReader {
 public:
  struct Item {
    std::string_view name;  // valid until the next Next()/Open(); never contains '/' or NUL
    ino_t ino = 0;          // d_ino as listed
    unsigned char type = DT_UNKNOWN;
  };

  DirReader();
  ~DirReader();
  DirReader(const DirReader&) = delete;
  DirReader& operator=(const DirReader&) = delete;

  // Starts listing `fd` (an open directory; not owned). Returns false with error() set when the
  // listing cannot start.
  bool Open(int fd);
  // The next entry; false at the end or on an error (then error() is the errno).
  bool Next(Item* item);
  int error() const { return error_; }

 private:
  void Release();

  int fd_ = -1;
  int error_ = 0;
#if defined(__linux__)
  std::vector<char> buffer_;
  std::size_t used_ = 0;
  std::size_t offset_ = 0;
  bool eof_ = false;
#else
  DIR* dir_ = nullptr;
#endif
};

}  // namespace iocscan::platform
