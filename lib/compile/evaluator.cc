#include "compile/evaluator.h"

#include <algorithm>

#include "compile/plan.h"
#include "compile/text_fold.h"

namespace iocscan::compile {

using detail::Group;
using detail::IndexKind;
using detail::Leaf;

Evaluator::Evaluator(const CompiledSet& set) : set_(set) {
  const detail::Plan& p = set.plan();
  leaf_stamp_.assign(p.leaves.size(), 0);
  leaf_value_.assign(p.leaves.size(), 0);
  group_stamp_.assign(p.groups.size(), 0);
  candidate_stamp_.assign(p.groups.size(), 0);
  field_stamp_.assign(p.field_count, 0);
  field_value_.assign(p.field_count, nullptr);
  folded_stamp_.assign(p.field_count, 0);
  folded_.resize(p.field_count);
  eq_done_.assign(p.field_count, 0);
  set_done_.assign(p.field_count, 0);
  state_.resize(p.max_group_nodes);
  remaining_.resize(p.max_group_nodes);
}

void Evaluator::NewEpoch() {
  if (++epoch_ != 0) return;
  for (auto* v : {&leaf_stamp_, &group_stamp_, &candidate_stamp_, &field_stamp_, &folded_stamp_,
                  &eq_done_, &set_done_}) {
    std::fill(v->begin(), v->end(), 0);
  }
  epoch_ = 1;
}

const FieldValue* Evaluator::Fetch(terms::FieldId field) {
  if (field_stamp_[field] != epoch_) {
    const FieldValue* v = item_->Get(field);
    field_value_[field] = (v && !v->empty()) ? v : nullptr;
    field_stamp_[field] = epoch_;
  }
  return field_value_[field];
}

const std::vector<std::string>& Evaluator::FoldedValues(terms::FieldId field) {
  std::vector<std::string>& out = folded_[field];
  if (folded_stamp_[field] == epoch_) return out;
  folded_stamp_[field] = epoch_;
  const FieldValue* v = Fetch(field);
  std::size_t n = v ? v->size() : 0;
  if (out.size() < n) out.resize(n);
  bool unicode = !terms::Term(field).raw_bytes && terms::Term(field).type == terms::ValueType::kString;
  for (std::size_t i = 0; i < n; ++i) FoldCase((*v)[i].text, unicode, &out[i]);
  return out;
}

// Tests a term on the item, ignoring what the index said. An absent field fails, negated or not.
bool Evaluator::DirectLeaf(std::uint32_t l) {
  const Leaf& leaf = set_.plan().leaves[l];
  const Condition& c = leaf.cond;
  ++stats_.terms_tested;
  bool result = false;
  if (const FieldValue* v = Fetch(c.field)) {
    const std::vector<std::string>* folded = c.fold ? &FoldedValues(c.field) : nullptr;
    bool any = false;
    for (std::size_t i = 0; i < v->size() && !any; ++i) {
      any = TestScalar(c, (*v)[i], folded ? std::string_view((*folded)[i]) : std::string_view());
    }
    result = any != c.negate;
  }
  leaf_stamp_[l] = epoch_;
  leaf_value_[l] = result;
  return result;
}

bool Evaluator::LeafValue(std::uint32_t l) {
  if (leaf_stamp_[l] == epoch_) return leaf_value_[l];
  const Leaf& leaf = set_.plan().leaves[l];
  // The index already looked at this field: a leaf it did not report is false.
  if ((leaf.index == IndexKind::kEqual && eq_done_[leaf.cond.field] == epoch_) ||
      (leaf.index == IndexKind::kSet && set_done_[leaf.cond.field] == epoch_)) {
    leaf_stamp_[l] = epoch_;
    leaf_value_[l] = 0;
    return false;
  }
  return DirectLeaf(l);
}

void Evaluator::Propagate(std::uint32_t group, std::uint32_t i, bool v) {
  const Group& g = set_.plan().groups[group];
  for (;;) {
    state_[i] = v;
    std::int32_t p = g.nodes[i].parent;
    if (p < 0 || state_[p] != -1) return;
    bool decisive = g.nodes[p].is_and ? !v : v;
    if (!decisive && --remaining_[p] != 0) return;
    i = static_cast<std::uint32_t>(p);
  }
}

// -1 undecided (only with a ceiling: leaves at or above that cost were not tested), 0 false, 1 true.
int Evaluator::EvalGroup(std::uint32_t group, int ceiling) {
  const detail::Plan& plan = set_.plan();
  const Group& g = plan.groups[group];
  ++stats_.groups_evaluated;
  for (std::size_t i = 0; i < g.nodes.size(); ++i) {
    state_[i] = -1;
    remaining_[i] = static_cast<std::uint32_t>(g.nodes[i].children.size());
  }
  for (std::uint32_t local : g.const_false) {
    if (state_[0] != -1) break;
    Propagate(group, local, false);
  }
  for (std::uint32_t local : g.order) {
    if (state_[0] != -1) break;
    const Leaf& leaf = plan.leaves[g.nodes[local].leaf];
    if (static_cast<int>(leaf.cost) >= ceiling) break;
    bool dead = false;
    for (std::int32_t p = g.nodes[local].parent; p >= 0 && !dead; p = g.nodes[p].parent) {
      dead = state_[p] != -1;
    }
    if (dead) continue;
    Propagate(group, local, LeafValue(static_cast<std::uint32_t>(g.nodes[local].leaf)));
  }
  return state_[0];
}

void Evaluator::Decide(std::uint32_t group, int result, std::vector<GroupHit>* hits) {
  const Group& g = set_.plan().groups[group];
  group_stamp_[group] = epoch_;
  if (g.covered) {
    for (std::uint32_t slot : g.cover_slots) --undecided_[slot];
  }
  if (result != 1) return;
  // state_ still holds this group's evaluation: walk the true nodes from the root.
  GroupHit hit;
  hit.ioc = g.info.ioc;
  hit.group = group;
  stack_.assign(1, 0);
  while (!stack_.empty()) {
    std::uint32_t i = stack_.back();
    stack_.pop_back();
    const detail::GroupNode& n = g.nodes[i];
    if (n.leaf >= 0) hit.terms.push_back(n.ioc_node);
    for (auto it = n.children.rbegin(); it != n.children.rend(); ++it) {
      if (state_[*it] == 1) stack_.push_back(*it);
    }
  }
  hits->push_back(std::move(hit));
}

void Evaluator::AddCandidate(std::uint32_t l) {
  const Leaf& leaf = set_.plan().leaves[l];
  if (!leaf.in_cover || leaf.group < 0) return;
  auto g = static_cast<std::uint32_t>(leaf.group);
  if (Decided(g) || candidate_stamp_[g] == epoch_) return;
  candidate_stamp_[g] = epoch_;
  candidates_.push_back(g);
}

// Asks the index of one field; true leaves make their groups candidates.
void Evaluator::LookUp(std::uint32_t document, std::uint32_t slot) {
  const detail::Plan& plan = set_.plan();
  const detail::FieldIndex& fi = plan.docs[document].index[slot];
  const FieldValue* v = Fetch(fi.field);
  set_hits_.clear();
  bool set_ok = true;
  if (v) {
    const bool need_fold = !fi.folded.empty() && fi.type != terms::ValueType::kInt &&
                           fi.type != terms::ValueType::kDate && fi.type != terms::ValueType::kIp;
    const std::vector<std::string>* folded = need_fold ? &FoldedValues(fi.field) : nullptr;
    for (std::size_t i = 0; i < v->size(); ++i) {
      const Scalar& s = (*v)[i];
      std::string_view f = folded ? std::string_view((*folded)[i]) : std::string_view();
      for (int exact = 0; exact < 2; ++exact) {
        const detail::KeyTable& table = exact ? fi.exact : fi.folded;
        if (table.empty() || !ItemIndexKey(fi.type, exact, s, f, &key_)) continue;
        auto it = table.find(std::string_view(key_));
        if (it == table.end()) continue;
        for (std::uint32_t l : it->second) {
          leaf_stamp_[l] = epoch_;
          leaf_value_[l] = 1;
          AddCandidate(l);
        }
      }
      if (fi.set && set_ok) {
        set_matches_.clear();
        RE2::Set::ErrorInfo info{RE2::Set::kNoError};
        if (!fi.set->Match(s.text, &set_matches_, &info) && info.kind != RE2::Set::kNoError) {
          set_ok = false;  // out of memory: fall back to testing every covered term directly
          continue;
        }
        for (int k : set_matches_) set_hits_.push_back(fi.set_leaves[k]);
      }
    }
  }
  eq_done_[fi.field] = epoch_;
  if (fi.set && !set_ok) {
    for (std::uint32_t l : fi.set_leaves) AddCandidate(l);
    return;
  }
  for (std::uint32_t l : set_hits_) {
    if (leaf_stamp_[l] != epoch_ && DirectLeaf(l)) AddCandidate(l);
  }
  if (fi.set) set_done_[fi.field] = epoch_;
}

void Evaluator::Evaluate(std::uint32_t document, Item& item, std::vector<GroupHit>* hits) {
  const detail::Plan& plan = set_.plan();
  if (document >= plan.docs.size()) return;
  NewEpoch();
  item_ = &item;
  ++stats_.items;
  const detail::DocPlan& d = plan.docs[document];
  undecided_.resize(d.index.size());
  for (std::size_t i = 0; i < d.index.size(); ++i) undecided_[i] = d.index[i].covered_groups;
  for (std::uint32_t slot = 0; slot < d.index.size(); ++slot) {
    const detail::FieldIndex& fi = d.index[slot];
    if (undecided_[slot] == 0) continue;
    // Groups that cheaper terms may rule out are tried up to this field's cost first.
    for (std::uint32_t g : fi.pre_eval_groups) {
      if (Decided(g)) continue;
      int r = EvalGroup(g, static_cast<int>(fi.cost));
      if (r != -1) Decide(g, r, hits);
    }
    if (undecided_[slot] == 0) continue;
    candidates_.clear();
    LookUp(document, slot);
    for (std::size_t i = 0; i < candidates_.size(); ++i) {
      std::uint32_t g = candidates_[i];
      if (!Decided(g)) Decide(g, EvalGroup(g, kNoCeiling), hits);
    }
  }
  for (std::uint32_t g : d.uncovered_groups) {
    if (!Decided(g)) Decide(g, EvalGroup(g, kNoCeiling), hits);
  }
  item_ = nullptr;
}

void Evaluator::Evaluate(std::string_view document, Item& item, std::vector<GroupHit>* hits) {
  if (auto d = set_.DocumentIndex(document)) Evaluate(*d, item, hits);
}

HostOutcome Combine(const CompiledSet& set, std::uint32_t ioc, const std::vector<bool>& group_true) {
  using Kind = detail::HostChild::Kind;
  const std::vector<detail::HostNode>& host = set.plan().host[ioc];
  std::vector<char> value(host.size(), 0);
  auto child_true = [&](const detail::HostChild& c) {
    switch (c.kind) {
      case Kind::kHost: return value[c.index] != 0;
      case Kind::kGroup: return c.index < group_true.size() && group_true[c.index];
      case Kind::kFalse: return false;
    }
    return false;
  };
  // Host nodes are numbered parents first, so children are resolved before their parents.
  for (std::size_t h = host.size(); h-- > 0;) {
    const auto& ch = host[h].children;
    value[h] = host[h].is_and ? !ch.empty() && std::all_of(ch.begin(), ch.end(), child_true)
                              : std::any_of(ch.begin(), ch.end(), child_true);
  }
  HostOutcome out;
  out.matched = !host.empty() && value[0];
  if (!out.matched) return out;
  std::vector<std::uint32_t> stack = {0};
  while (!stack.empty()) {
    std::uint32_t h = stack.back();
    stack.pop_back();
    if (host[h].node >= 0) out.nodes.push_back(static_cast<std::uint32_t>(host[h].node));
    for (const detail::HostChild& c : host[h].children) {
      if (!child_true(c)) continue;
      if (c.kind == Kind::kHost) stack.push_back(c.index);
      if (c.kind == Kind::kGroup) out.groups.push_back(c.index);
    }
  }
  std::sort(out.groups.begin(), out.groups.end());
  std::sort(out.nodes.begin(), out.nodes.end());
  return out;
}

std::vector<std::uint32_t> BranchNodes(const HostOutcome& outcome, std::span<const GroupHit> hits) {
  std::vector<std::uint32_t> nodes = outcome.nodes;
  for (const GroupHit& hit : hits) {
    if (std::binary_search(outcome.groups.begin(), outcome.groups.end(), hit.group)) {
      nodes.insert(nodes.end(), hit.terms.begin(), hit.terms.end());
    }
  }
  std::sort(nodes.begin(), nodes.end());
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  return nodes;
}

}  // namespace iocscan::compile
