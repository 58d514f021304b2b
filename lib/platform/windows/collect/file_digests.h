// The digests of a file named by its full Win32 path, for the lazy hash fields of the Windows
// collectors (a process's image, a service's binary and DLL, a task's program): opened with
// SafeOpen (sharing everything so the host's writers are not blocked; a reparse point only with
// `follow_links`, as a task's command is resolved by the system itself), read once, capped at
// limits::kDefaultMaxReadBytes.
#pragma once

#include <optional>
#include <string>

#include "hash/digest.h"

namespace iocscan::platform::win {

// nullopt when the file cannot be opened or read, or is over the cap.
std::optional<hash::Digests> DigestFile(const std::string& utf8_path, hash::DigestMask mask, bool follow_links = false);

}  // namespace iocscan::platform::win
