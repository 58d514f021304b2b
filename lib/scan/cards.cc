#include "scan/cards.h"

#include <algorithm>
#include <string>
#include <utility>

#include "compile/evaluator.h"
#include "compile/render.h"

namespace iocscan::scan {
namespace {

struct HitRef {
  std::uint32_t item = 0;  // index into the sorted items
  std::uint32_t hit = 0;   // index into that item's hits
};

const std::string& SortKey(const MatchedItem& m) {
  static const std::string kNone;
  return m.card.fields.empty() || m.card.fields.front().values.empty() ? kNone
                                                                         : m.card.fields.front().values.front().text;
}

// The items of one matched IOC, each with the terms it satisfied on the matched branch.
std::vector<report::CardItem> CardItems(const ioc::Ioc& ioc, const std::vector<MatchedItem>& items,
                                        const std::vector<HitRef>& refs, const std::vector<char>& on_branch,
                                        std::vector<compile::GroupHit>* branch_hits) {
  std::vector<report::CardItem> out;
  std::size_t i = 0;
  while (i < refs.size()) {
    std::uint32_t item = refs[i].item;
    std::vector<std::uint32_t> nodes;
    for (; i < refs.size() && refs[i].item == item; ++i) {
      const compile::GroupHit& hit = items[item].hits[refs[i].hit];
      if (!on_branch[hit.group]) continue;
      nodes.insert(nodes.end(), hit.terms.begin(), hit.terms.end());
      branch_hits->push_back(hit);
    }
    if (nodes.empty()) continue;
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
    report::CardItem card = items[item].card;
    for (std::uint32_t n : nodes) card.terms.push_back(compile::RenderTerm(ioc.nodes[n].term));
    out.push_back(std::move(card));
  }
  return out;
}

}  // namespace

report::CardIoc CardIocOf(const ioc::Ioc& ioc) {
  report::CardIoc c;
  c.id = ioc.meta.id;
  c.name = ioc.Name();
  c.description = ioc.meta.description;
  c.author = ioc.meta.authored_by;
  c.source = ioc.source;
  c.version = std::string(ioc::VersionName(ioc.version));
  return c;
}

std::vector<report::Card> AssembleCards(const compile::CompiledSet& set, std::vector<MatchedItem> items,
                                        const std::vector<bool>& group_true, const report::Host& host,
                                        std::int64_t time) {
  std::stable_sort(items.begin(), items.end(), [](const MatchedItem& a, const MatchedItem& b) {
    if (a.card.document != b.card.document) return a.card.document < b.card.document;
    return SortKey(a) < SortKey(b);
  });
  std::vector<std::vector<HitRef>> by_ioc(set.size());
  for (std::uint32_t i = 0; i < items.size(); ++i) {
    for (std::uint32_t h = 0; h < items[i].hits.size(); ++h) by_ioc[items[i].hits[h].ioc].push_back({i, h});
  }

  std::vector<report::Card> cards;
  std::vector<char> on_branch(set.group_count(), 0);
  for (std::uint32_t i = 0; i < set.size(); ++i) {
    compile::HostOutcome outcome = compile::Combine(set, i, group_true);
    if (!outcome.matched) continue;
    for (std::uint32_t g : outcome.groups) on_branch[g] = 1;
    report::Card card;
    card.ioc = CardIocOf(set.ioc(i));
    card.host = host;
    card.time = time;
    std::vector<compile::GroupHit> branch_hits;
    card.items = CardItems(set.ioc(i), items, by_ioc[i], on_branch, &branch_hits);
    card.branch = compile::RenderBranch(set.ioc(i), compile::BranchNodes(outcome, branch_hits));
    for (std::uint32_t g : outcome.groups) on_branch[g] = 0;
    cards.push_back(std::move(card));
  }
  return cards;
}

}  // namespace iocscan::scan
