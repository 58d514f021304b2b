// Runs one document's collector (collect/collector.h) and evaluates each of its items against the
// compiled set, keeping the items that satisfied a group. One thread: host documents hold hundreds
// to a few hundred thousand items, far fewer than the files of a disk.
#pragma once

#include <cstdint>

#include "collect/collector.h"
#include "compile/compiler.h"
#include "scan/matched_item.h"

namespace iocscan::scan {

struct CollectorRun {
  CollectedMatches matches;
  collect::CollectorStats stats;
};

// `document` is the set's index of the collector's document; env.needed and env.terms are filled
// here.
CollectorRun RunCollector(collect::Collector& collector, const compile::CompiledSet& set, std::uint32_t document,
                          collect::CollectorEnv env);

}  // namespace iocscan::scan
