// Compiling parsed IOCs into one immutable CompiledSet, shared read-only by every scan worker.
//
//   CompiledSet set = Compile(std::move(loaded.iocs), {.documents = {"FileItem"}});
//   for (size_t i = 0; i < set.size(); ++i) if (!set.report(i).usable()) ...
//   Evaluator ev(set);   // one per worker thread (evaluator.h)
//
// Every term becomes a leaf: supported (a typed Condition) or unsupported (never true, negated or
// not, with a Warning naming the IOC source, the term and the problem). Nothing here is fatal: a bad
// term or IOC never stops the others. The maximal subtrees whose terms all name one document become
// *groups*, evaluated per item of that document; the Indicators above them are *host-scoped* and are
// resolved by Combine() (evaluator.h) from which groups were true on the host. See semantics.md.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/warning.h"
#include "ioc/model.h"
#include "terms/registry.h"

namespace iocscan::compile {

struct CompileOptions {
  std::vector<std::string> documents;  // evaluate only these (case-insensitive); empty = all
  std::uint8_t platform = 0;           // terms::Platform bit; 0 = terms::CurrentPlatform()
  bool use_index = true;               // false: every group is tested on every item (for tests)
  bool require_collected = true;       // false: known terms count as collected (tests, other OSes)
};

// What became of one term.
struct TermStatus {
  std::uint32_t node = 0;  // index into Ioc::nodes
  std::string document;    // canonical when known, else the search path's first segment
  bool supported = false;
  std::string problem;     // why not, when unsupported
};

// The per-IOC outcome of compiling.
struct IocReport {
  std::size_t terms = 0;
  std::size_t supported = 0;
  std::size_t unsupported = 0;
  std::vector<std::string> documents;  // every document its terms name, sorted
  std::vector<TermStatus> term_status;  // in node order
  Warnings warnings;
  bool usable() const { return supported > 0; }
};

// One item-scoped part of an IOC.
struct GroupInfo {
  std::uint32_t ioc = 0;       // index in the set
  std::uint32_t root = 0;      // Ioc::nodes index of its top node
  std::uint32_t document = 0;  // index into CompiledSet::documents()
};

namespace detail {
struct Plan;
}

class CompiledSet {
 public:
  CompiledSet();
  explicit CompiledSet(std::shared_ptr<const detail::Plan> plan) : plan_(std::move(plan)) {}

  std::size_t size() const;
  const ioc::Ioc& ioc(std::size_t i) const;
  const IocReport& report(std::size_t i) const;
  // Every warning of every IOC, in set order.
  Warnings AllWarnings() const;

  // Documents used by supported terms, sorted; the index is the document index of Evaluate().
  const std::vector<std::string>& documents() const;
  std::optional<std::uint32_t> DocumentIndex(std::string_view document) const;
  // The fields collectors of this document must be able to compute (sorted, unique).
  const std::vector<terms::FieldId>& NeededFields(std::uint32_t document) const;

  std::size_t group_count() const;
  const GroupInfo& group(std::uint32_t g) const;

  const detail::Plan& plan() const { return *plan_; }

 private:
  std::shared_ptr<const detail::Plan> plan_;
};

CompiledSet Compile(std::vector<ioc::Ioc> iocs, const CompileOptions& options = {});

}  // namespace iocscan::compile
