// The FileItem collector: walks the scope (walk/walker.h) and evaluates every entry as a FileItem
// (collect/file_item.h) against the compiled set, one Evaluator and one FileContext per worker.
// Only the fields some term asks for are computed, cheapest first; a file ruled out by its name is
// never opened.
#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>

#include "collect/file_item.h"
#include "compile/compiler.h"
#include "scan/matched_item.h"
#include "scan/progress.h"
#include "scan/scan_options.h"
#include "walk/walker.h"

namespace iocscan::scan {

struct FileSweepResult {
  CollectedMatches matches;
  walk::WalkStats walk;
  collect::FileCounters counters;
  compile::EvalStats eval;
};

// `document` is the set's index of FileItem. `stop` ends the walk promptly (timeout, Ctrl-C);
// `progress` may be null.
FileSweepResult SweepFiles(const compile::CompiledSet& set, std::uint32_t document, const ScanOptions& options,
                           const std::atomic<bool>* stop, ProgressBoard* progress);

// The walk's roots and excludes for `options`: walk::DefaultRoots() plus kDefaultSystemExcludes when no
// path is given. With an offline root (options.root, absolute, no trailing slash), every path and
// absolute exclude is taken inside it: -p /home is <root>/home.
walk::WalkOptions WalkOptionsFor(const ScanOptions& options);

// The path a file has on the scanned system: `path` without the offline `root` prefix
// ("/mnt/disk/etc/passwd" -> "/etc/passwd"); unchanged on a live scan.
std::string_view PathInRoot(std::string_view root, std::string_view path);

}  // namespace iocscan::scan
