#include "scan/collector_run.h"

#include <utility>
#include <vector>

#include "core/limits.h"

namespace iocscan::scan {

CollectorRun RunCollector(collect::Collector& collector, const compile::CompiledSet& set, std::uint32_t document,
                          collect::CollectorEnv env) {
  CollectorRun run;
  run.matches.group_true.assign(set.group_count(), false);
  env.needed = set.NeededFields(document);
  compile::Evaluator evaluator(set);
  std::vector<compile::GroupHit> hits;
  const std::string& name = set.documents()[document];
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
