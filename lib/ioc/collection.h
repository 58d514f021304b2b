// Loading a collection of IOCs: files, folders (recursive) and ZIP archives, as the user names them.
//
// Nothing here stops the whole load: every input that cannot be used is one line in `refused`, every
// oddity one line in `warnings`, and the rest still loads. Hostile inputs are bounded by
// core/limits.h: 16 MiB per IOC, ZIPs of at most 10,000 entries and 256 MiB declared expansion (refused
// whole before anything is expanded, real sizes enforced while reading), no encrypted entries, entry
// names with `..`, absolute paths, backslashes or drive letters refused. ZIP entries are read in
// memory only, never extracted to disk.
#pragma once

#include <string>
#include <vector>

#include "core/warning.h"
#include "ioc/model.h"

namespace iocscan::ioc {

struct LoadedIocs {
  std::vector<Ioc> iocs;  // every IOC that parsed, in a stable order (paths as given; folders sorted
                          // by name; ZIP entries in archive order)
  Warnings warnings;      // non-fatal: duplicate ids (both kept), non-IOC entries in a ZIP skipped,
                          // dangling ref-ids, ...
  Warnings refused;       // inputs that could not be used at all: missing path, file over 16 MiB,
                          // malformed XML, refused ZIP (bomb/encrypted/corrupt/too many entries),
                          // unsafe entry names
};

// Each path is a file (.ioc/.xml or any file whose root is an IOC), a folder (recursive; only *.ioc
// and *.xml, case-insensitive, other files silently ignored; symlinked folders not followed; depth
// capped by limits::kMaxCollectionDepth), or a .zip (by extension or by the PK magic).
// Ioc::source is the path as given/found (`dir/sub/x.ioc`) or `archive.zip:inner/path.ioc`.
LoadedIocs LoadIocs(const std::vector<std::string>& paths);

}  // namespace iocscan::ioc
