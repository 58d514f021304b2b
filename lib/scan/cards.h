// From what the collectors found to match cards: the host-scoped AND/OR of every IOC is resolved
// (compile::Combine), and each IOC that matched gets one card listing every item that satisfied
// an item-scoped part on its matched branch, with the terms that item satisfied, and the branch
// text (semantics.md, cli.md).
#pragma once

#include <cstdint>
#include <vector>

#include "compile/compiler.h"
#include "report/card.h"
#include "scan/matched_item.h"

namespace iocscan::scan {

// `group_true` has one entry per group of the set. Cards come in set order; items inside a card in
// (document, first field) order, so two scans of the same host give the same cards.
std::vector<report::Card> AssembleCards(const compile::CompiledSet& set, std::vector<MatchedItem> items,
                                        const std::vector<bool>& group_true, const report::Host& host,
                                        std::int64_t time);

// The card header of an IOC.
report::CardIoc CardIocOf(const ioc::Ioc& ioc);

}  // namespace iocscan::scan
