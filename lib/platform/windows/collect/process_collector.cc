// ProcessItem on Windows (win_collectors.h).
#include "collect/record_item.h"
#include "collect/windows/process_record.h"
#include "platform/windows/collect/process_snapshot.h"
#include "platform/windows/collect/win_collectors.h"

namespace iocscan::collect {
namespace {

class WinProcessCollector final : public Collector {
 public:
  bool live_only() const override { return true; }

  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override {
    CollectorStats stats;
    platform::win::ProcessSnapshot snap = platform::win::ProcessSnapshot::Take(&stats);
    hash::DigestMask mask = 0;
    mask |= env.Needs("ProcessItem/HandleList/Handle/Md5sum") ? hash::kMd5 : 0;
    mask |= env.Needs("ProcessItem/HandleList/Handle/Sha1sum") ? hash::kSha1 : 0;
    mask |= env.Needs("ProcessItem/HandleList/Handle/Sha256sum") ? hash::kSha256 : 0;
    platform::win::WinProcessReader reader(mask);
    for (const WinProcess& p : snap.processes()) {
      if (env.Stopped()) break;
      RecordItem item;
      FillProcessRecord(item, p, reader);
      ++stats.items;
      visit(item);
    }
    if (snap.denied() > 0) {
      stats.errors += snap.denied();
      stats.warnings.push_back({"ProcessItem", std::to_string(snap.denied()) +
                                                   " process(es) that could not be opened (access denied; run as "
                                                   "administrator to see their path, start time and owner)"});
    }
    return stats;
  }
};

}  // namespace

std::unique_ptr<Collector> MakeWinProcessCollector() { return std::make_unique<WinProcessCollector>(); }

}  // namespace iocscan::collect
