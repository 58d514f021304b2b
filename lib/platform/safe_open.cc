#include "platform/safe_open.h"

#include <algorithm>

namespace iocscan::platform {

// Close() is each OS's own (platform/<os>/safe_open.cc); the rest is shared.
OpenedFile::OpenedFile(NativeFile file, const FileStat& st) : file_(file), stat_(st) {}

OpenedFile::~OpenedFile() { Close(); }

OpenedFile::OpenedFile(OpenedFile&& other) noexcept
    : file_(other.file_), stat_(other.stat_), position_(other.position_), error_(other.error_) {
  other.file_ = kNoFile;
}

OpenedFile& OpenedFile::operator=(OpenedFile&& other) noexcept {
  if (this != &other) {
    Close();
    file_ = other.file_;
    stat_ = other.stat_;
    position_ = other.position_;
    error_ = other.error_;
    other.file_ = kNoFile;
  }
  return *this;
}

std::string_view OpenFailureName(OpenFailure f) {
  switch (f) {
    case OpenFailure::kNone: return "none";
    case OpenFailure::kVanished: return "vanished";
    case OpenFailure::kNotRegular: return "not-regular";
    case OpenFailure::kChanged: return "changed";
    case OpenFailure::kPermission: return "permission";
    case OpenFailure::kOther: return "error";
  }
  return "error";
}

std::string OpenedFile::ReadUpTo(std::uint64_t max) {
  std::string bytes(static_cast<std::size_t>(std::min(max, size() - std::min(position(), size()))), '\0');
  std::size_t got = 0;
  while (got < bytes.size()) {
    std::int64_t n = Read(bytes.data() + got, bytes.size() - got);
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  bytes.resize(got);
  return bytes;
}

}  // namespace iocscan::platform
