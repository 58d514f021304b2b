// The internal layout of a CompiledSet (compiler.h), shared by the compiler and the evaluator only.
//
// Leaves, groups and documents are flat vectors indexed by integers so the evaluator's per-item
// scratch is a handful of reused arrays stamped with an epoch. The equality index (one hash table
// per field, key = folded value) answers `is` terms exactly; the RE2::Set per field is a prefilter
// (it may report more, never less, than the direct test). Each group has a *cover*: indexed leaves
// of which at least one must be true for the group to be true; covered groups are only evaluated
// when the index reports a cover leaf.
#pragma once

#include <re2/set.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compile/compiler.h"
#include "compile/condition.h"

namespace iocscan::compile::detail {

enum class IndexKind : std::uint8_t { kNone, kEqual, kSet };

struct Leaf {
  std::uint32_t ioc = 0;
  std::uint32_t node = 0;
  std::int32_t group = -1;
  bool supported = false;
  terms::Cost cost = terms::Cost::kName;
  IndexKind index = IndexKind::kNone;
  bool in_cover = false;  // a cover leaf of its group: a hit makes the group a candidate
  Condition cond;
};

// A node of a group, in local pre-order (parent before children).
struct GroupNode {
  std::uint32_t ioc_node = 0;
  std::int32_t parent = -1;
  bool is_and = false;
  bool const_false = false;  // unsupported leaf or a subtree that can never be true
  std::int32_t leaf = -1;    // global leaf id for supported terms
  std::vector<std::uint32_t> children;
};

struct Group {
  GroupInfo info;
  std::vector<GroupNode> nodes;
  std::vector<std::uint32_t> order;        // local indices of supported leaves, by cost
  std::vector<std::uint32_t> const_false;  // local indices of const-false nodes
  terms::Cost min_cost = terms::Cost::kOther;
  bool covered = false;
  std::vector<std::uint32_t> cover_slots;  // distinct DocPlan::index slots of its cover leaves
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using KeyTable =
    std::unordered_map<std::string, std::vector<std::uint32_t>, StringHash, std::equal_to<>>;

struct FieldIndex {
  terms::FieldId field = 0;
  terms::Cost cost = terms::Cost::kName;
  terms::ValueType type = terms::ValueType::kString;
  KeyTable folded;  // case-insensitive strings, hashes, ints, dates, IPs
  KeyTable exact;   // preserve-case strings
  std::unique_ptr<RE2::Set> set;
  std::vector<std::uint32_t> set_leaves;      // RE2::Set index -> leaf
  std::uint32_t covered_groups = 0;           // groups with a cover leaf on this field
  std::vector<std::uint32_t> pre_eval_groups; // of those, groups with cheaper leaves
};

struct DocPlan {
  std::string name;
  std::vector<terms::FieldId> needed;
  std::vector<FieldIndex> index;  // by cost
  std::vector<std::uint32_t> uncovered_groups;
  std::vector<std::uint32_t> groups;
};

struct HostChild {
  enum class Kind : std::uint8_t { kHost, kGroup, kFalse };
  Kind kind = Kind::kFalse;
  std::uint32_t index = 0;  // host node or group
};

// A host-scoped Indicator; host[0] of each IOC is the virtual OR over the top-level Indicators.
struct HostNode {
  std::int64_t node = -1;  // Ioc::nodes index, -1 for the virtual root
  bool is_and = false;
  std::vector<HostChild> children;
};

struct Plan {
  std::vector<ioc::Ioc> iocs;
  std::vector<IocReport> reports;
  std::vector<std::vector<HostNode>> host;  // per IOC
  std::vector<Leaf> leaves;
  std::vector<Group> groups;
  std::vector<GroupInfo> group_info;
  std::vector<DocPlan> docs;
  std::vector<std::string> doc_names;
  std::size_t max_group_nodes = 0;
  std::size_t field_count = 0;  // terms::AllTerms().size()
};

}  // namespace iocscan::compile::detail
