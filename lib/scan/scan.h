// One scan of this host: every collector the compiled IOCs need runs over its scope, then the
// host-scoped combination decides which IOCs matched and their cards are assembled.
//
//   ScanControl control;
//   control.interrupt = &g_sigint;                        // Ctrl-C: stop, status "interrupted"
//   control.on_progress = [](const Progress& p) {...};    // at most 10 times a second
//   ScanOutcome out = RunScan(set, options, control);
//   for (const report::Card& c : out.cards) sink->OnCard(c);
//   sink->Finish(out.summary);
//
// The scan never prints and never writes: what it found is returned. It stops promptly at
// options.timeout_seconds (status "timeout") or when *interrupt becomes true (status
// "interrupted"); the cards of what was found until then are still assembled and returned.
#pragma once

#include <atomic>
#include <functional>
#include <vector>

#include "compile/compiler.h"
#include "core/warning.h"
#include "report/card.h"
#include "scan/progress.h"
#include "scan/scan_options.h"
#include "walk/walker.h"

namespace iocscan::scan {

struct ScanControl {
  const std::atomic<bool>* interrupt = nullptr;     // may be set from a signal handler
  std::function<void(const Progress&)> on_progress; // called from a monitor thread; may be empty
};

struct ScanOutcome {
  std::vector<report::Card> cards;
  report::Summary summary;  // iocs_loaded is the set's size; the caller adds what it refused
  Warnings warnings;        // about the scan itself: documents without a collector, cards cut, ...
  std::vector<walk::ErrorExample> error_examples;  // the first walk errors, for --verbose
};

ScanOutcome RunScan(const compile::CompiledSet& set, const ScanOptions& options, const ScanControl& control);

}  // namespace iocscan::scan
