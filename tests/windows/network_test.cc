// The Windows ArpEntryItem and RouteEntryItem collectors on the real OS (Wine in CI, which reads
// the host's tables), against the older IP Helper tables (GetIpForwardTable, GetIpNetTable) read
// here: every IPv4 route and neighbor they list is an item with the same addresses (an on-link
// route's gateway is 0.0.0.0, as GetIpForwardTable2 and Linux give it).
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "windows/collector_support.h"

namespace iocscan::collect {
namespace {

std::string Dotted(DWORD network_order) {
  const auto* b = reinterpret_cast<const unsigned char*>(&network_order);
  return std::to_string(b[0]) + "." + std::to_string(b[1]) + "." + std::to_string(b[2]) + "." + std::to_string(b[3]);
}

TEST_CASE("windows RouteEntryItem: every IPv4 route of GetIpForwardTable", "[windows][collect]") {
  ULONG size = 0;
  REQUIRE(::GetIpForwardTable(nullptr, &size, FALSE) == ERROR_INSUFFICIENT_BUFFER);
  std::vector<unsigned char> buffer(size);
  auto* table = reinterpret_cast<MIB_IPFORWARDTABLE*>(buffer.data());
  REQUIRE(::GetIpForwardTable(table, &size, FALSE) == NO_ERROR);
  std::set<std::tuple<std::string, std::string, std::string>> want;
  for (DWORD i = 0; i < table->dwNumEntries; ++i) {
    const MIB_IPFORWARDROW& r = table->table[i];
    // The old table names an on-link route's next hop by the interface's own address; the new
    // one (and Linux) by 0.0.0.0.
    bool on_link = r.dwForwardType == MIB_IPROUTE_TYPE_DIRECT;
    want.emplace(Dotted(r.dwForwardDest), Dotted(r.dwForwardMask), on_link ? "0.0.0.0" : Dotted(r.dwForwardNextHop));
  }
  CollectorStats stats;
  std::vector<Fields> routes = CollectWhere("RouteEntryItem", [](const Fields&) { return true; }, &stats);
  CHECK(stats.errors == 0);
  std::set<std::tuple<std::string, std::string, std::string>> got;
  for (const Fields& f : routes) {
    CHECK(Text(f, "RouteEntryItem/Flags").starts_with("U"));
    if (Int(f, "RouteEntryItem/IsIPv6") == 1) continue;
    got.emplace(Text(f, "RouteEntryItem/Destination"), Text(f, "RouteEntryItem/Netmask"),
                Text(f, "RouteEntryItem/Gateway"));
  }
  INFO(want.size() << " routes in GetIpForwardTable, " << got.size() << " IPv4 items");
  for (const auto& route : want) CHECK(got.count(route) == 1);
  if (want.empty()) WARN("this system has no IPv4 route to compare");
}

TEST_CASE("windows ArpEntryItem: every neighbor of GetIpNetTable", "[windows][collect]") {
  ULONG size = 0;
  DWORD rc = ::GetIpNetTable(nullptr, &size, FALSE);
  std::set<std::string> want;
  if (rc == ERROR_INSUFFICIENT_BUFFER) {
    std::vector<unsigned char> buffer(size);
    auto* table = reinterpret_cast<MIB_IPNETTABLE*>(buffer.data());
    REQUIRE(::GetIpNetTable(table, &size, FALSE) == NO_ERROR);
    for (DWORD i = 0; i < table->dwNumEntries; ++i) want.insert(Dotted(table->table[i].dwAddr));
  }
  CollectorStats stats;
  std::vector<Fields> rows = CollectWhere("ArpEntryItem", [](const Fields&) { return true; }, &stats);
  CHECK(stats.errors == 0);
  std::set<std::string> got;
  for (const Fields& f : rows) {
    got.insert(Text(f, "ArpEntryItem/IPv4Address"));
    std::string type = Text(f, "ArpEntryItem/CacheType");
    CHECK((type == "Static" || type == "Dynamic" || type == "Invalid"));
    if (Has(f, "ArpEntryItem/PhysicalAddress")) CHECK(Text(f, "ArpEntryItem/PhysicalAddress").size() == 17);
  }
  for (const std::string& ip : want) CHECK(got.count(ip) == 1);
  if (want.empty()) WARN("this system's neighbor cache is empty");
}

}  // namespace
}  // namespace iocscan::collect
