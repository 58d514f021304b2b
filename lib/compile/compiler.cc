#include "compile/compiler.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/ascii.h"
#include "core/limits.h"

#include "compile/lint.h"
#include "compile/plan.h"

namespace iocscan::compile {
namespace {

using detail::Group;
using detail::GroupNode;
using detail::HostChild;
using detail::HostNode;
using detail::IndexKind;
using detail::Leaf;
using detail::Plan;

constexpr int kNoDoc = -1;
constexpr int kMixed = -2;

std::string TermLabel(const ioc::Node& node) {
  std::string who = node.id.empty() ? "at line " + std::to_string(node.line) : node.id;
  return "term " + who + " (" + node.term.search + ")";
}

// Per-IOC temporaries, indexed by Ioc::nodes index.
struct IocScratch {
  std::vector<std::uint32_t> order;  // reachable nodes, pre-order
  std::vector<int> doc;              // kNoDoc, kMixed or a document id
  std::vector<char> never_true;
  std::vector<std::int32_t> leaf;    // global leaf of a term node, -1 otherwise
};

class Builder {
 public:
  explicit Builder(const CompileOptions& options) : options_(options) {
    platform_ = options.platform ? options.platform : static_cast<std::uint8_t>(terms::CurrentPlatform());
    for (const std::string& d : options.documents) selected_.push_back(AsciiLowered(d));
  }

  std::shared_ptr<const Plan> Build(std::vector<ioc::Ioc> iocs) {
    plan_->iocs = std::move(iocs);
    plan_->field_count = terms::AllTerms().size();
    for (std::uint32_t i = 0; i < plan_->iocs.size(); ++i) AddIoc(i);
    MakeDocuments();
    if (options_.use_index) BuildIndex();
    for (std::uint32_t g = 0; g < plan_->groups.size(); ++g) PlaceGroup(g);
    for (Group& g : plan_->groups) plan_->group_info.push_back(g.info);
    return plan_;
  }

 private:
  int DocId(const std::string& name) {
    auto [it, inserted] = doc_ids_.emplace(name, static_cast<int>(all_docs_.size()));
    if (inserted) all_docs_.push_back(name);
    return it->second;
  }

  bool Selected(std::string_view doc) const {
    if (selected_.empty()) return true;
    return std::find(selected_.begin(), selected_.end(), AsciiLowered(doc)) != selected_.end();
  }

  void AddIoc(std::uint32_t index);
  void Walk(const ioc::Ioc& ioc, IocScratch* s);
  void AddTerm(std::uint32_t ioc_index, std::uint32_t node, IocScratch* s, IocReport* report,
               std::size_t* not_selected);
  void BuildHost(std::uint32_t ioc_index, const IocScratch& s);
  std::uint32_t BuildGroup(std::uint32_t ioc_index, std::uint32_t root, const IocScratch& s);
  void MakeDocuments();
  void BuildIndex();
  void ComputeCover(Group& g, std::uint32_t gid);
  void PlaceGroup(std::uint32_t g);
  int SlotOf(const detail::DocPlan& d, terms::FieldId f) const {
    for (std::size_t i = 0; i < d.index.size(); ++i) {
      if (d.index[i].field == f) return static_cast<int>(i);
    }
    return -1;
  }

  const CompileOptions& options_;
  std::uint8_t platform_;
  std::vector<std::string> selected_;
  std::shared_ptr<Plan> plan_ = std::make_shared<Plan>();
  std::map<std::string, int> doc_ids_;
  std::vector<std::string> all_docs_;
  std::vector<int> group_doc_;   // all-docs id of each group
  std::vector<int> set_doc_of_;  // all-docs id -> set document, -1 if unused
};

// Reachable nodes in pre-order with an explicit stack (the tree may come from a stranger).
void Builder::Walk(const ioc::Ioc& ioc, IocScratch* s) {
  std::vector<char> seen(ioc.nodes.size(), 0);
  std::vector<std::uint32_t> stack(ioc.top.rbegin(), ioc.top.rend());
  while (!stack.empty()) {
    std::uint32_t n = stack.back();
    stack.pop_back();
    if (n >= ioc.nodes.size() || seen[n]) continue;
    seen[n] = 1;
    s->order.push_back(n);
    const auto& ch = ioc.nodes[n].children;
    if (ioc.nodes[n].kind == ioc::Node::Kind::kIndicator) stack.insert(stack.end(), ch.rbegin(), ch.rend());
  }
}

void Builder::AddTerm(std::uint32_t ioc_index, std::uint32_t n, IocScratch* s, IocReport* report,
                      std::size_t* not_selected) {
  const ioc::Ioc& ioc = plan_->iocs[ioc_index];
  const ioc::Term& term = ioc.nodes[n].term;
  TermStatus st;
  st.node = n;
  std::optional<terms::FieldId> field = terms::FindTerm(term.search);
  if (field) {
    st.document = std::string(terms::Term(*field).document);
  } else {
    st.document = term.search.substr(0, term.search.find('/'));
    if (st.document.empty()) st.document = term.document;
  }
  Leaf leaf;
  leaf.ioc = ioc_index;
  leaf.node = n;
  if (!field) {
    st.problem = "unknown term";
  } else if (options_.require_collected && !terms::CollectedOn(terms::Term(*field), static_cast<terms::Platform>(platform_))) {
    st.problem = std::string(terms::Term(*field).search) + " is not collected on " +
                 terms::PlatformList(platform_);
  } else if (!Selected(st.document)) {
    st.problem = "document not selected";
    ++*not_selected;
  } else {
    Result<Condition> c = MakeCondition(term, *field);
    if (!c.ok()) {
      st.problem = c.error().message;
    } else {
      leaf.cond = std::move(c).value();
      leaf.supported = true;
      leaf.cost = terms::Term(*field).cost;
    }
  }
  st.supported = leaf.supported;
  if (!st.supported && st.problem != "document not selected") {
    report->warnings.push_back({ioc.source, TermLabel(ioc.nodes[n]) + ": " + st.problem});
  }
  if (leaf.supported) {
    if (std::optional<Warning> w = EmptyDigestWarning(ioc, n)) report->warnings.push_back(std::move(*w));
  }
  ++report->terms;
  ++(leaf.supported ? report->supported : report->unsupported);
  s->doc[n] = DocId(st.document);
  s->leaf[n] = static_cast<std::int32_t>(plan_->leaves.size());
  report->term_status.push_back(std::move(st));
  plan_->leaves.push_back(std::move(leaf));
}

void Builder::AddIoc(std::uint32_t index) {
  const ioc::Ioc& ioc = plan_->iocs[index];
  IocReport report;
  IocScratch s;
  s.doc.assign(ioc.nodes.size(), kNoDoc);
  s.never_true.assign(ioc.nodes.size(), 1);
  s.leaf.assign(ioc.nodes.size(), -1);
  Walk(ioc, &s);
  if (ioc.top.size() > 1) {
    report.warnings.push_back({ioc.source, std::to_string(ioc.top.size()) +
                                               " top-level Indicators: combined with OR"});
  }
  std::size_t not_selected = 0;
  for (std::uint32_t n : s.order) {
    if (ioc.nodes[n].kind == ioc::Node::Kind::kTerm) AddTerm(index, n, &s, &report, &not_selected);
  }
  if (not_selected > 0) {
    report.warnings.push_back({ioc.source, std::to_string(not_selected) +
                                               " term(s) of documents not selected are ignored"});
  }
  // Children before parents: document scope and "can never be true".
  for (auto it = s.order.rbegin(); it != s.order.rend(); ++it) {
    const ioc::Node& node = ioc.nodes[*it];
    if (node.kind == ioc::Node::Kind::kTerm) {
      s.never_true[*it] = !plan_->leaves[s.leaf[*it]].supported;
      continue;
    }
    int doc = kNoDoc;
    bool any_false = false, all_false = true;
    for (std::uint32_t c : node.children) {
      if (c >= ioc.nodes.size()) continue;
      if (s.doc[c] != kNoDoc) doc = (doc == kNoDoc || doc == s.doc[c]) ? s.doc[c] : kMixed;
      if (s.doc[c] == kMixed) doc = kMixed;
      any_false |= s.never_true[c] != 0;
      all_false &= s.never_true[c] != 0;
    }
    s.doc[*it] = doc;
    bool is_and = node.op == ioc::Operator::kAnd;
    s.never_true[*it] = node.children.empty() || (is_and ? any_false : all_false);
  }
  std::set<std::string> docs;
  for (const TermStatus& t : report.term_status) docs.insert(t.document);
  report.documents.assign(docs.begin(), docs.end());
  plan_->reports.push_back(std::move(report));
  BuildHost(index, s);
}

void Builder::BuildHost(std::uint32_t ioc_index, const IocScratch& s) {
  const ioc::Ioc& ioc = plan_->iocs[ioc_index];
  std::vector<HostNode> host(1);
  std::vector<std::pair<std::uint32_t, const std::vector<std::uint32_t>*>> stack = {{0, &ioc.top}};
  while (!stack.empty()) {
    auto [h, children] = stack.back();
    stack.pop_back();
    for (std::uint32_t c : *children) {
      if (c >= ioc.nodes.size()) continue;
      HostChild child;
      if (s.doc[c] == kMixed && !s.never_true[c]) {
        child = {HostChild::Kind::kHost, static_cast<std::uint32_t>(host.size())};
        HostNode hn;
        hn.node = c;
        hn.is_and = ioc.nodes[c].op == ioc::Operator::kAnd;
        host.push_back(std::move(hn));
        stack.push_back({child.index, &ioc.nodes[c].children});
      } else if (s.doc[c] != kNoDoc && !s.never_true[c]) {
        child = {HostChild::Kind::kGroup, BuildGroup(ioc_index, c, s)};
      }
      host[h].children.push_back(child);
    }
  }
  plan_->host.push_back(std::move(host));
}

std::uint32_t Builder::BuildGroup(std::uint32_t ioc_index, std::uint32_t root, const IocScratch& s) {
  const ioc::Ioc& ioc = plan_->iocs[ioc_index];
  auto gid = static_cast<std::uint32_t>(plan_->groups.size());
  Group g;
  g.info = {ioc_index, root, 0};
  group_doc_.push_back(s.doc[root]);
  std::vector<std::pair<std::uint32_t, std::int32_t>> stack = {{root, -1}};
  while (!stack.empty()) {
    auto [n, parent] = stack.back();
    stack.pop_back();
    auto local = static_cast<std::uint32_t>(g.nodes.size());
    GroupNode gn;
    gn.ioc_node = n;
    gn.parent = parent;
    if (parent >= 0) g.nodes[parent].children.push_back(local);
    const ioc::Node& node = ioc.nodes[n];
    if (s.never_true[n]) {
      gn.const_false = true;
      g.const_false.push_back(local);
    } else if (node.kind == ioc::Node::Kind::kTerm) {
      gn.leaf = s.leaf[n];
      plan_->leaves[gn.leaf].group = static_cast<std::int32_t>(gid);
      g.order.push_back(local);
    } else {
      gn.is_and = node.op == ioc::Operator::kAnd;
      for (auto it = node.children.rbegin(); it != node.children.rend(); ++it) {
        if (*it < ioc.nodes.size()) stack.push_back({*it, static_cast<std::int32_t>(local)});
      }
    }
    g.nodes.push_back(std::move(gn));
  }
  std::stable_sort(g.order.begin(), g.order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return plan_->leaves[g.nodes[a].leaf].cost < plan_->leaves[g.nodes[b].leaf].cost;
  });
  if (!g.order.empty()) g.min_cost = plan_->leaves[g.nodes[g.order[0]].leaf].cost;
  plan_->max_group_nodes = std::max(plan_->max_group_nodes, g.nodes.size());
  plan_->groups.push_back(std::move(g));
  return gid;
}

void Builder::MakeDocuments() {
  std::set<std::string> used;
  for (int d : group_doc_) used.insert(all_docs_[d]);
  set_doc_of_.assign(all_docs_.size(), -1);
  for (const std::string& name : used) {
    set_doc_of_[doc_ids_[name]] = static_cast<int>(plan_->docs.size());
    plan_->docs.emplace_back().name = name;
    plan_->doc_names.push_back(name);
  }
  for (std::size_t g = 0; g < plan_->groups.size(); ++g) {
    Group& group = plan_->groups[g];
    group.info.document = static_cast<std::uint32_t>(set_doc_of_[group_doc_[g]]);
    detail::DocPlan& d = plan_->docs[group.info.document];
    for (std::uint32_t local : group.order) {
      d.needed.push_back(plan_->leaves[group.nodes[local].leaf].cond.field);
    }
  }
  for (detail::DocPlan& d : plan_->docs) {
    std::sort(d.needed.begin(), d.needed.end());
    d.needed.erase(std::unique(d.needed.begin(), d.needed.end()), d.needed.end());
  }
}


void Builder::BuildIndex() {
  for (std::uint32_t l = 0; l < plan_->leaves.size(); ++l) {
    Leaf& leaf = plan_->leaves[l];
    if (!leaf.supported || leaf.group < 0) continue;
    bool equal = leaf.cond.EqualityIndexable();
    if (!equal && !leaf.cond.SetIndexable()) continue;
    detail::DocPlan& d = plan_->docs[plan_->groups[leaf.group].info.document];
    int slot = SlotOf(d, leaf.cond.field);
    if (slot < 0) {
      slot = static_cast<int>(d.index.size());
      detail::FieldIndex& fi = d.index.emplace_back();
      fi.field = leaf.cond.field;
      fi.cost = leaf.cost;
      fi.type = leaf.cond.type;
    }
    detail::FieldIndex& fi = d.index[slot];
    if (equal) {
      bool exact = leaf.cond.type == terms::ValueType::kString && !leaf.cond.fold;
      (exact ? fi.exact : fi.folded)[leaf.cond.IndexKey()].push_back(l);
      leaf.index = IndexKind::kEqual;
      continue;
    }
    if (!fi.set) {
      RE2::Options o;
      o.set_log_errors(false);
      o.set_max_mem(limits::kRegexMaxMemory);
      if (terms::Term(fi.field).raw_bytes) o.set_encoding(RE2::Options::EncodingLatin1);
      fi.set = std::make_unique<RE2::Set>(o, RE2::UNANCHORED);
    }
    std::string error;
    if (fi.set->Add(leaf.cond.SetPattern(), &error) < 0) continue;
    fi.set_leaves.push_back(l);
    leaf.index = IndexKind::kSet;
  }
  for (detail::DocPlan& d : plan_->docs) {
    std::sort(d.index.begin(), d.index.end(), [](const auto& a, const auto& b) {
      return a.cost != b.cost ? a.cost < b.cost : a.field < b.field;
    });
    for (detail::FieldIndex& fi : d.index) {
      if (!fi.set || fi.set->Compile()) continue;
      for (std::uint32_t l : fi.set_leaves) plan_->leaves[l].index = IndexKind::kNone;
      fi.set.reset();
      fi.set_leaves.clear();
    }
  }
}

// A cover: indexed leaves at least one of which is true whenever the node is.
struct Cover {
  bool valid = false;
  terms::Cost cost = terms::Cost::kName;  // the dearest field it needs
  std::vector<std::uint32_t> leaves;
};

bool Cheaper(const Cover& a, const Cover& b) {
  return a.cost != b.cost ? a.cost < b.cost : a.leaves.size() < b.leaves.size();
}

void Builder::ComputeCover(Group& g, std::uint32_t /*gid*/) {
  std::vector<Cover> cv(g.nodes.size());
  for (std::size_t i = g.nodes.size(); i-- > 0;) {
    const GroupNode& n = g.nodes[i];
    Cover& c = cv[i];
    if (n.const_false) {
      c.valid = true;
    } else if (n.leaf >= 0) {
      const Leaf& leaf = plan_->leaves[n.leaf];
      if (leaf.index != IndexKind::kNone) c = {true, leaf.cost, {static_cast<std::uint32_t>(n.leaf)}};
    } else if (n.is_and) {
      const Cover* best = nullptr;
      for (std::uint32_t ch : n.children) {
        if (cv[ch].valid && (!best || Cheaper(cv[ch], *best))) best = &cv[ch];
      }
      if (best) c = *best;
    } else {
      c.valid = true;
      for (std::uint32_t ch : n.children) {
        if (!cv[ch].valid) {
          c = Cover{};
          break;
        }
        c.cost = std::max(c.cost, cv[ch].cost);
        c.leaves.insert(c.leaves.end(), cv[ch].leaves.begin(), cv[ch].leaves.end());
      }
    }
  }
  if (!cv[0].valid || cv[0].leaves.empty()) return;
  g.covered = true;
  const detail::DocPlan& d = plan_->docs[g.info.document];
  for (std::uint32_t l : cv[0].leaves) {
    plan_->leaves[l].in_cover = true;
    auto slot = static_cast<std::uint32_t>(SlotOf(d, plan_->leaves[l].cond.field));
    if (std::find(g.cover_slots.begin(), g.cover_slots.end(), slot) == g.cover_slots.end()) {
      g.cover_slots.push_back(slot);
    }
  }
}

// Whether the leaves cheaper than `ceiling` alone can make the group false. Only then is it worth
// pre-evaluating the group before the index at `ceiling` is asked: a still undecided covered group
// cannot turn true there (its cheaper cover leaves are known false), so a pure OR mixing names and
// hashes would be walked for nothing on every file.
bool CheapLeavesCanRuleOut(const detail::Plan& plan, const Group& g, terms::Cost ceiling) {
  std::vector<char> can_be_false(g.nodes.size(), 0);
  auto child_can_be_false = [&](std::uint32_t c) { return can_be_false[c] != 0; };
  for (std::size_t i = g.nodes.size(); i-- > 0;) {
    const detail::GroupNode& n = g.nodes[i];
    bool v = false;
    if (n.const_false) {
      v = true;
    } else if (n.leaf >= 0) {
      v = plan.leaves[n.leaf].cost < ceiling;
    } else if (n.is_and) {
      v = std::any_of(n.children.begin(), n.children.end(), child_can_be_false);
    } else {
      v = std::all_of(n.children.begin(), n.children.end(), child_can_be_false);
    }
    can_be_false[i] = v;
  }
  return !g.nodes.empty() && can_be_false[0];
}

void Builder::PlaceGroup(std::uint32_t gid) {
  Group& g = plan_->groups[gid];
  detail::DocPlan& d = plan_->docs[g.info.document];
  d.groups.push_back(gid);
  if (options_.use_index) ComputeCover(g, gid);
  if (!g.covered) {
    d.uncovered_groups.push_back(gid);
    return;
  }
  for (std::uint32_t slot : g.cover_slots) {
    detail::FieldIndex& fi = d.index[slot];
    ++fi.covered_groups;
    if (g.min_cost < fi.cost && CheapLeavesCanRuleOut(*plan_, g, fi.cost)) {
      fi.pre_eval_groups.push_back(gid);
    }
  }
}

}  // namespace

CompiledSet::CompiledSet() : plan_(std::make_shared<Plan>()) {}
std::size_t CompiledSet::size() const { return plan_->iocs.size(); }
const ioc::Ioc& CompiledSet::ioc(std::size_t i) const { return plan_->iocs[i]; }
const IocReport& CompiledSet::report(std::size_t i) const { return plan_->reports[i]; }
Warnings CompiledSet::AllWarnings() const {
  Warnings all;
  for (const IocReport& r : plan_->reports) all.insert(all.end(), r.warnings.begin(), r.warnings.end());
  return all;
}
const std::vector<std::string>& CompiledSet::documents() const { return plan_->doc_names; }
std::optional<std::uint32_t> CompiledSet::DocumentIndex(std::string_view document) const {
  std::string want = AsciiLowered(document);
  for (std::size_t i = 0; i < plan_->doc_names.size(); ++i) {
    if (AsciiLowered(plan_->doc_names[i]) == want) return static_cast<std::uint32_t>(i);
  }
  return std::nullopt;
}
const std::vector<terms::FieldId>& CompiledSet::NeededFields(std::uint32_t document) const {
  return plan_->docs[document].needed;
}
std::size_t CompiledSet::group_count() const { return plan_->groups.size(); }
const GroupInfo& CompiledSet::group(std::uint32_t g) const { return plan_->group_info[g]; }

CompiledSet Compile(std::vector<ioc::Ioc> iocs, const CompileOptions& options) {
  return CompiledSet(Builder(options).Build(std::move(iocs)));
}

}  // namespace iocscan::compile
