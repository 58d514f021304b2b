#include "scan/collector_run.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/limits.h"

namespace iocscan::scan {
namespace {

// The supported terms of every IOC on `document`, as written (collector.h ScopeTerm).
std::vector<collect::ScopeTerm> TermsOn(const compile::CompiledSet& set, const std::string& document) {
  std::vector<collect::ScopeTerm> out;
  for (std::size_t i = 0; i < set.size(); ++i) {
    for (const compile::TermStatus& status : set.report(i).term_status) {
      if (!status.supported || status.document != document) continue;
      const ioc::Term& term = set.ioc(i).nodes[status.node].term;
      std::optional<terms::FieldId> field = terms::FindTerm(term.search);
      if (!field) continue;
      out.push_back({static_cast<std::uint32_t>(i), *field, term.condition, term.negate, term.content});
    }
  }
  return out;
}

}  // namespace

CollectorRun RunCollector(collect::Collector& collector, const compile::CompiledSet& set, std::uint32_t document,
                          collect::CollectorEnv env) {
  CollectorRun run;
  run.matches.group_true.assign(set.group_count(), false);
  env.needed = set.NeededFields(document);
  const std::string& name = set.documents()[document];
  env.terms = TermsOn(set, name);
  compile::Evaluator evaluator(set);
  std::vector<compile::GroupHit> hits;
  run.stats = collector.Collect(env, [&](collect::CollectedItem& item) {
    hits.clear();
    evaluator.Evaluate(document, item, &hits);
    if (hits.empty()) return;
    for (const compile::GroupHit& hit : hits) run.matches.group_true[hit.group] = true;
    if (run.matches.items.size() >= limits::kMaxMatchedItems) {
      ++run.matches.items_dropped;
      return;
    }
    MatchedItem m;
    m.card.document = name;
    m.card.fields = item.CardFields();
    m.hits = std::move(hits);
    hits = {};
    run.matches.items.push_back(std::move(m));
  });
  return run;
}

}  // namespace iocscan::scan
