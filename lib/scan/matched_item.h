// What a collector keeps of an item that satisfied at least one group: its card identity (the
// fields that identify it) and the group hits, from which the cards are assembled after the sweep.
#pragma once

#include <vector>

#include "compile/evaluator.h"
#include "report/card.h"

namespace iocscan::scan {

struct MatchedItem {
  report::CardItem card;                 // document and fields; terms are filled per card
  std::vector<compile::GroupHit> hits;   // every group true on this item
};

// Per-document results of a collector, merged over its workers.
struct CollectedMatches {
  std::vector<MatchedItem> items;  // in no particular order (workers race); sorted before cards
  std::vector<bool> group_true;    // per group of the set: some item satisfied it
  std::uint64_t items_dropped = 0; // matched items not kept past limits::kMaxMatchedItems
};

}  // namespace iocscan::scan
