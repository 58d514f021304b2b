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

// The terms of `document` that Windows collects: their search paths, and their ids sorted as
// CollectorEnv::needed wants them (the env spans `ids`: keep this alive while collecting).
struct WindowsTerms {
  std::vector<std::string> searches;
  std::vector<terms::FieldId> ids;
};

inline WindowsTerms WindowsTermsOf(std::string_view document) {
  WindowsTerms out;
  for (const terms::TermInfo& t : terms::TermsOfDocument(document)) {
    if (!(t.collected & terms::kWindows)) continue;
    out.searches.emplace_back(t.search);
    out.ids.push_back(*terms::FindTerm(t.search));
  }
  std::sort(out.ids.begin(), out.ids.end());
  return out;
}

// The non-empty values of `searches` in `item`.
inline Fields FieldsOf(CollectedItem& item, const std::vector<std::string>& searches) {
  Fields f;
  for (const std::string& s : searches) {
    if (const compile::FieldValue* v = item.Get(*terms::FindTerm(s)); v && !v->empty()) f[s] = *v;
  }
  return f;
}

// Runs `document`'s collector with every term of the document needed; keeps the items `want` picks.
inline std::vector<Fields> CollectWhere(std::string_view document, const std::function<bool(const Fields&)>& want,
                                 CollectorStats* stats_out = nullptr) {
  WindowsTerms terms = WindowsTermsOf(document);
  CollectorEnv env;
  env.needed = terms.ids;
  std::unique_ptr<Collector> c = MakeCollector(document);
  REQUIRE(c);
  CHECK(c->live_only());
  std::vector<Fields> kept;
  CollectorStats stats = c->Collect(env, [&](CollectedItem& item) {
    Fields f = FieldsOf(item, terms.searches);
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
