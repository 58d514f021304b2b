// Evaluating a CompiledSet (compiler.h) against items, and combining the per-item results into
// per-IOC host results.
//
//   Evaluator ev(set);                        // one per worker thread; shares the set's plan
//   std::vector<GroupHit> hits;
//   ev.Evaluate(*set.DocumentIndex("FileItem"), file_item, &hits);   // for every item
//   ...
//   HostOutcome out = Combine(set, ioc_index, group_true);            // after the sweep
//
// Inside a group, terms are tested in cost order and only while the group is undecided, so a file
// ruled out by its name never has its digest asked for (Item::Get is called only for fields a term
// still needs, at most once per item). `is` terms are answered by one hash table per field and
// contains/starts-with/ends-with/matches terms are prefiltered by one RE2::Set per field, so the cost
// per item grows with the terms that could match, not with the number of IOCs. Per-item scratch is
// reused: no allocation per item proportional to the set (only hits allocate).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compile/compiler.h"
#include "compile/item.h"

namespace iocscan::compile {

// A group that was true on one item.
struct GroupHit {
  std::uint32_t ioc = 0;
  std::uint32_t group = 0;
  std::vector<std::uint32_t> terms;  // Ioc::nodes indices of the true terms on the satisfied branch
};

struct EvalStats {
  std::uint64_t items = 0;
  std::uint64_t groups_evaluated = 0;  // group evaluations started (full or cost-capped)
  std::uint64_t terms_tested = 0;      // direct term tests (index answers not counted)
};

class Evaluator {
 public:
  explicit Evaluator(const CompiledSet& set);
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  // Tests every group of `document` (an index into set.documents()) against `item` and appends a
  // hit per true group.
  void Evaluate(std::uint32_t document, Item& item, std::vector<GroupHit>* hits);
  // The same by name (case-insensitive); an unused document evaluates nothing.
  void Evaluate(std::string_view document, Item& item, std::vector<GroupHit>* hits);

  const EvalStats& stats() const { return stats_; }

 private:
  static constexpr int kNoCeiling = 255;

  void NewEpoch();
  const FieldValue* Fetch(terms::FieldId field);
  const std::vector<std::string>& FoldedValues(terms::FieldId field);
  bool DirectLeaf(std::uint32_t leaf);
  bool LeafValue(std::uint32_t leaf);
  int EvalGroup(std::uint32_t group, int ceiling);
  void Propagate(std::uint32_t group, std::uint32_t local, bool value);
  bool Decided(std::uint32_t group) const { return group_stamp_[group] == epoch_; }
  void Decide(std::uint32_t group, int result, std::vector<GroupHit>* hits);
  void LookUp(std::uint32_t document, std::uint32_t slot);
  void AddCandidate(std::uint32_t leaf);

  const CompiledSet set_;  // a copy shares the immutable plan: valid even if the caller's set moves
  Item* item_ = nullptr;
  std::uint32_t epoch_ = 0;
  EvalStats stats_;
  std::vector<std::uint32_t> leaf_stamp_;
  std::vector<char> leaf_value_;
  std::vector<std::uint32_t> group_stamp_;      // decided this item
  std::vector<std::uint32_t> candidate_stamp_;
  std::vector<std::uint32_t> field_stamp_;
  std::vector<const FieldValue*> field_value_;
  std::vector<std::uint32_t> folded_stamp_;
  std::vector<std::vector<std::string>> folded_;
  std::vector<std::uint32_t> eq_done_, set_done_;  // per field: the index answered this item
  std::vector<std::uint32_t> undecided_;           // per index slot of the current document
  std::vector<signed char> state_;                 // per local node of the group being evaluated
  std::vector<std::uint32_t> remaining_;
  std::vector<std::uint32_t> candidates_, set_hits_, stack_;
  std::vector<int> set_matches_;
  std::string key_;
};

// The host-level answer for one IOC.
struct HostOutcome {
  bool matched = false;
  std::vector<std::uint32_t> groups;  // true groups on the satisfied branch (their items go on the card)
  std::vector<std::uint32_t> nodes;   // true host-scoped Indicator nodes on that branch
};

// Resolves the host-scoped AND/OR of IOC `ioc` given, for every group of the set, whether some item
// satisfied it (group_true.size() == set.group_count()).
HostOutcome Combine(const CompiledSet& set, std::uint32_t ioc, const std::vector<bool>& group_true);

// Every node to show in the branch text: the host nodes of `outcome` and the terms of the hits of its
// groups (RenderBranch adds the ancestors). Sorted, unique.
std::vector<std::uint32_t> BranchNodes(const HostOutcome& outcome, std::span<const GroupHit> hits);

}  // namespace iocscan::compile
