#include "platform/safe_open.h"

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

}  // namespace iocscan::platform
