// The portable half of ArpEntryItem and RouteEntryItem: netmasks from prefix lengths, and the
// fields of a row as both the Linux and the Windows collectors fill them.
#include <catch2/catch.hpp>

#include "collect/network/net_entries.h"
#include "terms/registry.h"

namespace iocscan::collect {
namespace {

std::string Text(RecordItem& item, std::string_view search) {
  const compile::FieldValue* v = item.Get(*terms::FindTerm(search));
  return v && v->size() == 1 ? v->at(0).text : "<absent>";
}

std::int64_t Int(RecordItem& item, std::string_view search) {
  const compile::FieldValue* v = item.Get(*terms::FindTerm(search));
  return v && v->size() == 1 ? v->at(0).integer : -1;
}

TEST_CASE("prefix lengths as netmasks", "[collect][net]") {
  CHECK(PrefixMask(false, 0) == "0.0.0.0");
  CHECK(PrefixMask(false, 8) == "255.0.0.0");
  CHECK(PrefixMask(false, 21) == "255.255.248.0");
  CHECK(PrefixMask(false, 32) == "255.255.255.255");
  CHECK(PrefixMask(true, 0) == "::");
  CHECK(PrefixMask(true, 64) == "ffff:ffff:ffff:ffff::");
  CHECK(PrefixMask(true, 10) == "ffc0::");
  CHECK(PrefixMask(true, 128) == "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
}

TEST_CASE("a route's fields and card", "[collect][net]") {
  RouteEntry r;
  r.ipv6 = true;
  r.loopback = true;
  r.device = "Loopback Pseudo-Interface 1";
  r.destination = "::1";
  r.netmask = PrefixMask(true, 128);
  r.gateway = "::";
  r.flags = kRtfUp | kRtfHost | kRtfAddrconf;
  r.metric = 256;
  RecordItem item;
  FillRouteRecord(item, r);
  CHECK(Text(item, "RouteEntryItem/Destination") == "::1");
  CHECK(Text(item, "RouteEntryItem/Flags") == "UHA");
  CHECK(Int(item, "RouteEntryItem/IsLoopback") == 1);
  CHECK(Int(item, "RouteEntryItem/IsAutoconfigureAddress") == 1);
  CHECK(Int(item, "RouteEntryItem/IsIPv6") == 1);
  CHECK(Text(item, "RouteEntryItem/Interface") == "Loopback Pseudo-Interface 1");
  CHECK(Text(item, "RouteEntryItem/MTU") == "<absent>");  // not set
  CHECK(item.CardFields().front().name == "Destination");
}

TEST_CASE("an ARP row without a hardware address has no PhysicalAddress", "[collect][net]") {
  ArpEntry e{"224.0.0.22", "", "Ethernet", kArphrdEther, kAtfComplete | kAtfPermanent};
  RecordItem item;
  FillArpRecord(item, e);
  CHECK(Text(item, "ArpEntryItem/PhysicalAddress") == "<absent>");
  CHECK(Text(item, "ArpEntryItem/CacheType") == "Static");
  CHECK(Text(item, "ArpEntryItem/InterfaceType") == "Ethernet");
  ArpEntry learned{"192.0.2.1", "02:42:c0:00:02:01", "eth0", kArphrdEther, kAtfComplete};
  RecordItem dynamic;
  FillArpRecord(dynamic, learned);
  CHECK(Text(dynamic, "ArpEntryItem/PhysicalAddress") == "02:42:c0:00:02:01");
  CHECK(Text(dynamic, "ArpEntryItem/CacheType") == "Dynamic");
}

}  // namespace
}  // namespace iocscan::collect
