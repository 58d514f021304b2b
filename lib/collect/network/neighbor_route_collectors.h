// ArpEntryItem and RouteEntryItem on Linux: the kernel's ARP cache (/proc/net/arp) and routing
// tables (/proc/net/route, /proc/net/ipv6_route), one item per row.
//
//   ArpCollector arp;      RouteCollector routes;         // or MakeCollector("ArpEntryItem"), ...
//
// ArpEntryItem: IPv4Address, PhysicalAddress ("aa:bb:cc:dd:ee:ff"), CacheType (Static, Dynamic,
// Invalid), InterfaceType (Ethernet, Loopback, ...); the device name is shown on the card (the
// vendor's Interface is an IP address). RouteEntryItem: Destination, Netmask, Gateway, Interface
// (the device), Metric, MTU (IPv4, when set), Flags (route(8) letters), IsIPv6, IsLoopback,
// IsAutoconfigureAddress (IPv6 addrconf routes).
#pragma once

#include <memory>
#include <string>

#include "collect/collector.h"

namespace iocscan::collect {

class ArpCollector final : public Collector {
 public:
  explicit ArpCollector(std::string proc_dir = "/proc") : proc_dir_(std::move(proc_dir)) {}
  bool live_only() const override { return true; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override;

 private:
  std::string proc_dir_;
};

class RouteCollector final : public Collector {
 public:
  explicit RouteCollector(std::string proc_dir = "/proc") : proc_dir_(std::move(proc_dir)) {}
  bool live_only() const override { return true; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override;

 private:
  std::string proc_dir_;
};

std::unique_ptr<Collector> MakeArpCollector();
std::unique_ptr<Collector> MakeRouteCollector();

}  // namespace iocscan::collect
