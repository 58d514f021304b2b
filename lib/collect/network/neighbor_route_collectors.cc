#include "collect/network/neighbor_route_collectors.h"

#include <vector>

#include "collect/network/net_parse.h"
#include "collect/network/socket_table.h"
#include "collect/record_item.h"
#include "platform/linux/proc_fs.h"

namespace iocscan::collect {
namespace {

using report::CardValue;

std::optional<platform::ProcFs> OpenProc(const std::string& dir, CollectorStats* stats) {
  Result<platform::ProcFs> proc = platform::ProcFs::Open(dir);
  if (proc.ok()) return std::move(proc).value();
  ++stats->errors;
  stats->warnings.push_back({proc.error().source, "cannot be opened: " + proc.error().message});
  return std::nullopt;
}

void VisitArp(const ArpEntry& e, const ItemVisitor& visit) {
  RecordItem item;
  item.Add("ArpEntryItem/IPv4Address", RecordItem::Text(e.ip));
  item.Add("ArpEntryItem/PhysicalAddress", RecordItem::Text(e.mac));
  item.Add("ArpEntryItem/CacheType", RecordItem::Text(std::string(ArpCacheType(e.flags))));
  if (!ArpHardwareName(e.hw_type).empty()) {
    item.Add("ArpEntryItem/InterfaceType", RecordItem::Text(std::string(ArpHardwareName(e.hw_type))));
  }
  item.Show("IPv4Address", CardValue::Text(e.ip)).Show("PhysicalAddress", CardValue::Text(e.mac));
  item.Show("Interface", CardValue::Text(e.device)).Show("CacheType", CardValue::Text(ArpCacheType(e.flags)));
  visit(item);
}

void VisitRoute(const RouteEntry& r, const ItemVisitor& visit) {
  constexpr std::uint32_t kRtfAddrconf = 0x40000;
  RecordItem item;
  item.Add("RouteEntryItem/Destination", RecordItem::Text(r.destination));
  item.Add("RouteEntryItem/Netmask", RecordItem::Text(r.netmask));
  item.Add("RouteEntryItem/Gateway", RecordItem::Text(r.gateway));
  item.Add("RouteEntryItem/Interface", RecordItem::Text(r.device));
  item.Add("RouteEntryItem/Metric", RecordItem::Int(r.metric));
  if (r.mtu > 0) item.Add("RouteEntryItem/MTU", RecordItem::Int(r.mtu));
  item.Add("RouteEntryItem/Flags", RecordItem::Text(RouteFlagLetters(r.flags)));
  item.Add("RouteEntryItem/IsIPv6", RecordItem::Bool(r.ipv6));
  item.Add("RouteEntryItem/IsLoopback", RecordItem::Bool(r.device == "lo"));
  if (r.ipv6) item.Add("RouteEntryItem/IsAutoconfigureAddress", RecordItem::Bool((r.flags & kRtfAddrconf) != 0));
  item.Show("Destination", CardValue::Text(r.destination)).Show("Netmask", CardValue::Text(r.netmask));
  item.Show("Gateway", CardValue::Text(r.gateway)).Show("Interface", CardValue::Text(r.device));
  item.Show("Metric", CardValue::Int(r.metric));
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
