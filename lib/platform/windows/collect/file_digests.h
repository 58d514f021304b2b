// The digests of a file named by its full Win32 path, for the lazy hash fields of the Windows
// collectors (a process's image, a service's binary and DLL): opened with SafeOpen (never a
// reparse point, sharing everything so the host's writers are not blocked), read once, capped at
// limits::kDefaultMaxReadBytes.
#pragma once

#include <optional>
#include <string>

#include "hash/digest.h"

namespace iocscan::platform::win {

// nullopt when the file cannot be opened or read, or is over the cap.
std::optional<hash::Digests> DigestFile(const std::string& utf8_path, hash::DigestMask mask);

}  // namespace iocscan::platform::win
