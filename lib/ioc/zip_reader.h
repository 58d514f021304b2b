// Reading the entries of a ZIP collection in memory, bounded against hostile archives
// (internal to the ioc module; collection.cc decides what an entry becomes).
//
// Before anything is expanded, the central directory is checked: more than 10,000 entries, a total
// declared size over 256 MiB, or any encrypted entry refuses the archive whole. While reading, each
// entry must produce exactly its declared size (a lying header or a truncated/corrupt archive also
// refuses it whole). Entry names are only ever used as labels, never as file paths; unsafe ones
// (`..` components, absolute, backslashes, drive letters) are still refused, since an archive carrying
// them was not made as an IOC collection.
#pragma once

#include <functional>
#include <string>

#include "core/result.h"
#include "core/warning.h"

namespace iocscan::ioc {

struct ZipEntry {
  std::string name;    // the entry name inside the archive ("inner/path.ioc")
  std::string source;  // "<archive path>:<entry name>", for messages and Ioc::source
  std::string bytes;   // the whole content, at most limits::kMaxIocFileBytes
};

// Calls on_entry for each file entry (folders are skipped) in archive order, and
// on_problem(warning, refused) for an entry that cannot be used (refused=true: unsafe name, an *.ioc or
// *.xml entry over 16 MiB; refused=false: another entry over 16 MiB, skipped). Returns an Error when the
// archive is refused whole; the caller must then drop whatever the callbacks produced.
Status ReadZip(const std::string& path, const std::function<void(ZipEntry)>& on_entry,
               const std::function<void(Warning, bool refused)>& on_problem);

// True when `name` is safe as a relative path: not empty, no `..` component, not absolute, no
// backslash, no drive letter.
bool IsSafeEntryName(std::string_view name);

}  // namespace iocscan::ioc
