#include "collect/network/net_entries.h"

#include <array>

#include "core/ip_address.h"

namespace iocscan::collect {

using report::CardValue;

std::string_view ArpCacheType(std::uint32_t flags) {
  if (flags & kAtfPermanent) return "Static";
  return (flags & kAtfComplete) ? "Dynamic" : "Invalid";
}

std::string_view ArpHardwareName(std::uint32_t hw_type) {
  switch (hw_type) {
    case 1: return "Ethernet";
    case 24: return "IEEE1394";
    case 32: return "Infiniband";
    case 772: return "Loopback";
    case 801: return "IEEE80211";
    default: return "";
  }
}

std::string RouteFlagLetters(std::uint32_t flags) {
  struct Bit {
    std::uint32_t mask;
    char letter;
  };
  static constexpr Bit kBits[] = {{0x1, 'U'},  {0x2, 'G'},     {0x4, 'H'},       {0x8, 'R'}, {0x10, 'D'},
                                  {0x20, 'M'}, {0x40000, 'A'}, {0x1000000, 'C'}, {0x200, '!'}};
  std::string out;
  for (const Bit& b : kBits) {
    if (flags & b.mask) out += b.letter;
  }
  return out;
}

std::string PrefixMask(bool ipv6, unsigned prefix) {
  std::array<std::uint8_t, 16> bytes{};
  for (unsigned i = 0; i < (ipv6 ? 16u : 4u) && prefix > 0; ++i) {
    unsigned bits = prefix >= 8 ? 8 : prefix;
    bytes[i] = static_cast<std::uint8_t>(0xff00u >> bits);
    prefix -= bits;
  }
  if (ipv6) return FormatIpv6(bytes);
  return FormatIpv4({bytes[0], bytes[1], bytes[2], bytes[3]});
}

void FillArpRecord(RecordItem& item, const ArpEntry& e) {
  item.Add("ArpEntryItem/IPv4Address", RecordItem::Text(e.ip));
  if (!e.mac.empty()) item.Add("ArpEntryItem/PhysicalAddress", RecordItem::Text(e.mac));
  item.Add("ArpEntryItem/CacheType", RecordItem::Text(std::string(ArpCacheType(e.flags))));
  if (!ArpHardwareName(e.hw_type).empty()) {
    item.Add("ArpEntryItem/InterfaceType", RecordItem::Text(std::string(ArpHardwareName(e.hw_type))));
  }
  item.Show("IPv4Address", CardValue::Text(e.ip)).Show("PhysicalAddress", CardValue::Text(e.mac));
  item.Show("Interface", CardValue::Text(e.device)).Show("CacheType", CardValue::Text(ArpCacheType(e.flags)));
}

void FillRouteRecord(RecordItem& item, const RouteEntry& r) {
  item.Add("RouteEntryItem/Destination", RecordItem::Text(r.destination));
  item.Add("RouteEntryItem/Netmask", RecordItem::Text(r.netmask));
  item.Add("RouteEntryItem/Gateway", RecordItem::Text(r.gateway));
  item.Add("RouteEntryItem/Interface", RecordItem::Text(r.device));
  item.Add("RouteEntryItem/Metric", RecordItem::Int(r.metric));
  if (r.mtu > 0) item.Add("RouteEntryItem/MTU", RecordItem::Int(r.mtu));
  item.Add("RouteEntryItem/Flags", RecordItem::Text(RouteFlagLetters(r.flags)));
  item.Add("RouteEntryItem/IsIPv6", RecordItem::Bool(r.ipv6));
  item.Add("RouteEntryItem/IsLoopback", RecordItem::Bool(r.loopback));
  if (r.ipv6) item.Add("RouteEntryItem/IsAutoconfigureAddress", RecordItem::Bool((r.flags & kRtfAddrconf) != 0));
  item.Show("Destination", CardValue::Text(r.destination)).Show("Netmask", CardValue::Text(r.netmask));
  item.Show("Gateway", CardValue::Text(r.gateway)).Show("Interface", CardValue::Text(r.device));
  item.Show("Metric", CardValue::Int(r.metric));
}

}  // namespace iocscan::collect
