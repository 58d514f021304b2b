// ArpEntryItem and RouteEntryItem on the live Windows host: the IPv4 neighbor cache
// (GetIpNetTable2) and the IPv4 and IPv6 routing tables (GetIpForwardTable2), one item per row,
// with the fields of collect/network/net_entries.h:
//   ARP      neighbor states mapped to cache types (Permanent: Static; Reachable, Stale, Delay,
//            Probe: Dynamic; Incomplete, Unreachable: Invalid); the device is the interface's
//            alias ("Ethernet 2"); the interface type from the interface LUID
//   routes   U always, G with a next hop, H for a host route (/32, /128), A for a route learned
//            from router advertisements; Metric is the route's own (Windows adds the interface
//            metric when it chooses); no MTU
#pragma once

#include <memory>

#include "collect/collector.h"

namespace iocscan::collect {

std::unique_ptr<Collector> MakeWinArpCollector();
std::unique_ptr<Collector> MakeWinRouteCollector();

}  // namespace iocscan::collect
