// PortItem on Windows (win_collectors.h): the four owner-pid tables of iphlpapi
// (socket_tables.h), each row turned into fields by collect/windows/socket_row.h.
#include "collect/windows/port_record.h"
#include "collect/windows/socket_row.h"
#include "platform/windows/collect/process_snapshot.h"
#include "platform/windows/collect/socket_tables.h"
#include "platform/windows/collect/win_collectors.h"

namespace iocscan::collect {
namespace {

class WinPortCollector final : public Collector {
 public:
  bool live_only() const override { return true; }

  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override {
    CollectorStats stats;
    platform::win::SnapshotIndex owners;
    for (const SocketRow& row : platform::win::ReadSocketRows(&stats, [&env] { return env.Stopped(); })) {
      if (env.Stopped()) break;
      WinPortItem item(PortFieldsOf(row), owners);
      ++stats.items;
      visit(item);
    }
    return stats;
  }
};

}  // namespace

std::unique_ptr<Collector> MakeWinPortCollector() { return std::make_unique<WinPortCollector>(); }

}  // namespace iocscan::collect
