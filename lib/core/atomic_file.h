// Writes a whole file atomically: readers see the old file or the complete new one, never a part.
// Used for every output iocscan writes where the user told it to (-o, export, job results).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace iocscan {

enum class Overwrite { kRefuse, kReplace };

// Writes `contents` into a temporary file next to `path` (same folder, so rename is atomic), flushes
// it to disk, then renames it over `path`. With Overwrite::kRefuse an existing `path` is an error and
// is left untouched. On any failure the temporary file is removed and `path` is unchanged.
Status WriteFileAtomically(const std::string& path, std::string_view contents, Overwrite overwrite);

}  // namespace iocscan
