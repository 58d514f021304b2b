// Shared by the tests of the Windows collectors: run a document's collector on the live OS with
// every term of the document that Windows collects needed, and read the items' fields.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "collect/collector.h"
#include "terms/registry.h"

namespace iocscan::collect {

using Fields = std::map<std::string, compile::FieldValue>;

// Runs `document`'s collector with every term of the document needed; keeps the items `want` picks.
inline std::vector<Fields> CollectWhere(std::string_view document, const std::function<bool(const Fields&)>& want,
                                 CollectorStats* stats_out = nullptr) {
  std::vector<terms::FieldId> ids;
  std::vector<std::string> searches;
  for (const terms::TermInfo& t : terms::TermsOfDocument(document)) {
    if (!(t.collected & terms::kWindows)) continue;
    searches.emplace_back(t.search);
    ids.push_back(*terms::FindTerm(t.search));
  }
  std::sort(ids.begin(), ids.end());
  CollectorEnv env;
  env.needed = ids;
  std::unique_ptr<Collector> c = MakeCollector(document);
  REQUIRE(c);
  CHECK(c->live_only());
  std::vector<Fields> kept;
  CollectorStats stats = c->Collect(env, [&](CollectedItem& item) {
    Fields f;
    for (const std::string& s : searches) {
      if (const compile::FieldValue* v = item.Get(*terms::FindTerm(s)); v && !v->empty()) f[s] = *v;
    }
    if (want(f)) {
      CHECK_FALSE(item.CardFields().empty());
      kept.push_back(std::move(f));
    }
  });
  for (const Warning& w : stats.warnings) WARN(document << " warning: " << w.source << ": " << w.message);
  if (stats_out) *stats_out = stats;
  return kept;
}

inline std::string Text(const Fields& f, const std::string& search) {
  auto it = f.find(search);
  return it == f.end() || it->second.empty() ? "<absent>" : it->second.at(0).text;
}
inline std::int64_t Int(const Fields& f, const std::string& search) {
  auto it = f.find(search);
  return it == f.end() || it->second.empty() ? -1 : it->second.at(0).integer;
}
inline bool Has(const Fields& f, const std::string& search) { return f.count(search) > 0; }

inline std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

}  // namespace iocscan::collect
