// Helpers for the compile tests: IOCs from inline XML, fake items that count field requests.
#pragma once

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "compile/compiler.h"
#include "compile/evaluator.h"
#include "compile/plan.h"
#include "ioc/parse.h"
#include "terms/registry.h"

namespace iocscan::compile::testing {

inline std::string XmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// One 1.1 IndicatorItem.
inline std::string T(std::string_view condition, std::string_view search, std::string_view content,
                     bool negate = false, bool preserve_case = false) {
  std::string doc(search.substr(0, search.find('/')));
  return "<IndicatorItem id=\"i-" + std::string(search) + "\" condition=\"" + std::string(condition) +
         "\" negate=\"" + (negate ? "true" : "false") + "\" preserve-case=\"" +
         (preserve_case ? "true" : "false") + "\"><Context document=\"" + doc + "\" search=\"" +
         std::string(search) + "\" type=\"mir\"/><Content type=\"string\">" + XmlEscape(content) +
         "</Content></IndicatorItem>";
}

inline std::string And(const std::string& body) { return "<Indicator operator=\"AND\">" + body + "</Indicator>"; }
inline std::string Or(const std::string& body) { return "<Indicator operator=\"OR\">" + body + "</Indicator>"; }

inline ioc::Ioc Ioc11(const std::string& criteria, std::string source = "test.ioc",
                      std::string id = "t1") {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<OpenIOC xmlns=\"http://openioc.org/schemas/OpenIOC_1.1\" id=\"" +
      id + "\"><metadata><short_description>Test " + id +
      "</short_description></metadata><criteria>" + criteria + "</criteria></OpenIOC>";
  Warnings w;
  Result<ioc::Ioc> r = ioc::ParseIoc(xml, std::move(source), &w);
  REQUIRE(r.ok());
  return std::move(r).value();
}

inline terms::FieldId F(std::string_view search) {
  auto id = terms::FindTerm(search);
  REQUIRE(id.has_value());
  return *id;
}

// An item whose fields are a map; counts Get calls per field.
class FakeItem : public Item {
 public:
  FakeItem& Set(std::string_view search, std::vector<std::string> texts) {
    FieldValue v;
    for (auto& t : texts) v.push_back(Scalar{t, 0, 0});
    fields_[F(search)] = std::move(v);
    return *this;
  }
  FakeItem& SetText(std::string_view search, std::string text) { return Set(search, {std::move(text)}); }
  FakeItem& SetInt(std::string_view search, std::int64_t v) {
    fields_[F(search)] = FieldValue{Scalar{std::to_string(v), v, 0}};
    return *this;
  }
  FakeItem& SetReal(std::string_view search, double v) {
    fields_[F(search)] = FieldValue{Scalar{"", 0, v}};
    return *this;
  }
  const FieldValue* Get(terms::FieldId field) override {
    ++gets_[field];
    auto it = fields_.find(field);
    return it == fields_.end() ? nullptr : &it->second;
  }
  int Gets(std::string_view search) const {
    auto it = gets_.find(F(search));
    return it == gets_.end() ? 0 : it->second;
  }

 private:
  std::map<terms::FieldId, FieldValue> fields_;
  std::map<terms::FieldId, int> gets_;
};

// Compiles one IOC, evaluates it on the items (all of document `doc`) and combines.
struct Run {
  CompiledSet set;
  std::vector<GroupHit> hits;
  HostOutcome outcome;
};

inline bool Matches(const CompiledSet& set, std::vector<std::pair<std::string, FakeItem*>> items,
                    std::uint32_t ioc = 0, std::vector<GroupHit>* hits_out = nullptr) {
  Evaluator ev(set);
  std::vector<GroupHit> hits;
  for (auto& [doc, item] : items) ev.Evaluate(std::string_view(doc), *item, &hits);
  std::vector<bool> group_true(set.group_count(), false);
  for (const GroupHit& h : hits) group_true[h.group] = true;
  if (hits_out) *hits_out = hits;
  return Combine(set, ioc, group_true).matched;
}

// Compile() for the terms collected on Linux, whatever the build: these tests give the evaluator
// FakeItems in place of collectors, so they check the semantics of every term iocscan collects
// (the Windows build, whose collectors are not ported yet, would refuse them as not collected).
inline CompiledSet CompileForLinux(std::vector<ioc::Ioc> iocs, CompileOptions options = {}) {
  if (options.platform == 0) options.platform = terms::kLinux;
  return Compile(std::move(iocs), options);
}

inline bool MatchesFile(const std::string& criteria, FakeItem& item, CompileOptions options = {}) {
  std::vector<ioc::Ioc> v;
  v.push_back(Ioc11(criteria));
  CompiledSet set = CompileForLinux(std::move(v), options);
  return Matches(set, {{"FileItem", &item}});
}

inline CompiledSet CompileOne(const std::string& criteria, CompileOptions options = {}) {
  std::vector<ioc::Ioc> v;
  v.push_back(Ioc11(criteria));
  return CompileForLinux(std::move(v), options);
}

// The compiled structure of an IOC, without ids or node numbers.
inline std::string Shape(const CompiledSet& set) {
  const detail::Plan& p = set.plan();
  std::string out;
  for (const detail::Group& g : p.groups) {
    out += "group " + p.doc_names[g.info.document] + ":";
    for (const detail::GroupNode& n : g.nodes) {
      out += n.parent >= 0 ? " p" + std::to_string(n.parent) : " root";
      if (n.const_false) {
        out += "[false]";
      } else if (n.leaf >= 0) {
        const Condition& c = p.leaves[n.leaf].cond;
        out += "[" + std::to_string(c.field) + " " + std::string(OpName(c.op)) +
               (c.negate ? " not" : "") + (c.preserve_case ? " case" : "") + " '" + c.text + "']";
      } else {
        out += n.is_and ? "[AND]" : "[OR]";
      }
    }
    out += "\n";
  }
  return out;
}

}  // namespace iocscan::compile::testing
