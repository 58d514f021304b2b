#include "collect/network/neighbor_route_collectors.h"

#include <vector>

#include "collect/network/net_parse.h"
#include "collect/network/socket_table.h"
#include "collect/record_item.h"
#include "platform/linux/proc_fs.h"

namespace iocscan::collect {
namespace {

std::optional<platform::ProcFs> OpenProc(const std::string& dir, CollectorStats* stats) {
  Result<platform::ProcFs> proc = platform::ProcFs::Open(dir);
  if (proc.ok()) return std::move(proc).value();
  ++stats->errors;
  stats->warnings.push_back({proc.error().source, "cannot be opened: " + proc.error().message});
  return std::nullopt;
}

void VisitArp(const ArpEntry& e, const ItemVisitor& visit) {
  RecordItem item;
  FillArpRecord(item, e);
  visit(item);
}

void VisitRoute(const RouteEntry& r, const ItemVisitor& visit) {
  RecordItem item;
  FillRouteRecord(item, r);
  visit(item);
}

}  // namespace

CollectorStats ArpCollector::Collect(const CollectorEnv& env, const ItemVisitor& visit) {
  CollectorStats stats;
  std::optional<platform::ProcFs> proc = OpenProc(proc_dir_, &stats);
  std::string text;
  if (!proc || !ReadProcTable(*proc, "net/arp", &text, &stats)) return stats;
  for (const ArpEntry& e : ParseArpTable(text)) {
    if (env.Stopped()) break;
    VisitArp(e, visit);
    ++stats.items;
  }
  return stats;
}

CollectorStats RouteCollector::Collect(const CollectorEnv& env, const ItemVisitor& visit) {
  CollectorStats stats;
  std::optional<platform::ProcFs> proc = OpenProc(proc_dir_, &stats);
  if (!proc) return stats;
  std::vector<RouteEntry> routes;
  std::string text;
  if (ReadProcTable(*proc, "net/route", &text, &stats)) routes = ParseRouteTable(text);
  if (ReadProcTable(*proc, "net/ipv6_route", &text, &stats)) {
    for (RouteEntry& r : ParseIpv6RouteTable(text)) routes.push_back(std::move(r));
  }
  for (const RouteEntry& r : routes) {
    if (env.Stopped()) break;
    VisitRoute(r, visit);
    ++stats.items;
  }
  return stats;
}

std::unique_ptr<Collector> MakeArpCollector() { return std::make_unique<ArpCollector>(); }
std::unique_ptr<Collector> MakeRouteCollector() { return std::make_unique<RouteCollector>(); }

}  // namespace iocscan::collect
