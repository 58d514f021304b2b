// The interface between the scan and the collectors of every document other than FileItem (which
// has its own parallel sweep, scan/file_sweep.h): a collector hands each object of its document (a
// process, a connection, a log record, a user) to the scan as a CollectedItem, and the scan
// evaluates it against the compiled IOCs.
//
//   std::unique_ptr<Collector> c = MakeCollector("ProcessItem");   // nullptr: none on this OS
//   CollectorStats stats = c->Collect(env, [&](CollectedItem& item) { evaluate(item); });
//
// Rules for every collector: read only what the IOCs need (env.needed), never write to the host,
// never run a shell; a source that cannot be read is a warning and a count, never a failure of the
// scan; an object that vanishes while being read (a process that exits) is skipped quietly. Each
// collector is a pure parser (tested on literal text) plus a thin source under platform/<os>/.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compile/item.h"
#include "core/warning.h"
#include "report/card.h"
#include "terms/registry.h"

namespace iocscan::collect {

// One object of a document.
class CollectedItem : public compile::Item {
 public:
  // The fields that identify it on a match card (cli.md: pid, name and path for a process). Called
  // only for items that matched.
  virtual std::vector<report::CardField> CardFields() = 0;
};

// A term of the collector's document as its IOC wrote it, for a collector that narrows what it reads
// from the IOCs' values (RegistryItem derives the keys to read from Path and KeyPath terms).
struct ScopeTerm {
  std::uint32_t ioc = 0;  // the IOC's index in the compiled set: terms of one IOC share it
  terms::FieldId field = 0;
  std::string condition;  // as written: is, contains, starts-with, isnot, ...
  bool negate = false;
  std::string text;       // Content, as written
};

struct CollectorEnv {
  std::string root;                    // "" = this live system; else an offline root (--root DIR)
  std::optional<std::int64_t> since;   // retrospective window for time-stamped records (inclusive)
  std::optional<std::int64_t> until;
  const std::atomic<bool>* stop = nullptr;  // timeout / Ctrl-C: return promptly
  std::span<const terms::FieldId> needed;   // the fields the compiled IOCs use (sorted)
  std::vector<ScopeTerm> terms;             // the supported terms on this document
  std::vector<std::string> registry_keys;   // --registry-key: RegistryItem reads these, not a derived scope

  bool Stopped() const { return stop && stop->load(std::memory_order_relaxed); }
  bool Needs(std::string_view search) const;  // some IOC uses this term
  // True when `t` is inside the window (a record without a time is always kept).
  bool InWindow(std::optional<std::int64_t> t) const {
    return !t || ((!since || *t >= *since) && (!until || *t <= *until));
  }
};

struct CollectorStats {
  std::uint64_t items = 0;   // objects handed to the visitor
  std::uint64_t errors = 0;  // sources that could not be read
  Warnings warnings;         // one line per source that failed or was skipped
};

using ItemVisitor = std::function<void(CollectedItem&)>;

class Collector {
 public:
  virtual ~Collector() = default;
  // The objects of a live-only document (processes, connections) cannot be read from an offline
  // root: the scan skips the collector with one warning.
  virtual bool live_only() const = 0;
  virtual CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) = 0;
};

// The collector of `document` (canonical name) on this platform; nullptr when this build has none.
std::unique_ptr<Collector> MakeCollector(std::string_view document);

}  // namespace iocscan::collect
