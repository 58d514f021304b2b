// ArpEntryItem and RouteEntryItem, the portable half: one ARP cache row or route as the OS table
// gives it (Linux: /proc/net, collect/network/net_parse.h; Windows: GetIpNetTable2 and
// GetIpForwardTable2, platform/windows/collect/neighbor_route_collector.cc), and its fields.
//
// ArpEntryItem: IPv4Address, PhysicalAddress ("aa:bb:cc:dd:ee:ff", as Linux writes it, on every
// OS), CacheType (Static, Dynamic, Invalid), InterfaceType (Ethernet, Loopback, ...); the device
// is shown on the card (the vendor's Interface is an IP address). RouteEntryItem: Destination,
// Netmask, Gateway, Interface (the device), Metric, MTU (when set), Flags (route(8) letters),
// IsIPv6, IsLoopback, IsAutoconfigureAddress (IPv6 routes learned from router advertisements).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "collect/record_item.h"

namespace iocscan::collect {

// ATF_* flags of an ARP row (Linux values; the Windows collector maps neighbor states to them).
inline constexpr std::uint32_t kAtfComplete = 0x2;
inline constexpr std::uint32_t kAtfPermanent = 0x4;
// ARPHRD_* hardware types.
inline constexpr std::uint32_t kArphrdEther = 1;
inline constexpr std::uint32_t kArphrdLoopback = 772;
inline constexpr std::uint32_t kArphrdIeee80211 = 801;
// RTF_* route flags.
inline constexpr std::uint32_t kRtfUp = 0x1;
inline constexpr std::uint32_t kRtfGateway = 0x2;
inline constexpr std::uint32_t kRtfHost = 0x4;
inline constexpr std::uint32_t kRtfAddrconf = 0x40000;

struct ArpEntry {
  std::string ip;
  std::string mac;        // "aa:bb:cc:dd:ee:ff"; "" when the row has none (incomplete, multicast)
  std::string device;     // "eth0", "Ethernet 2"
  std::uint32_t hw_type = 0;
  std::uint32_t flags = 0;  // kAtfComplete, kAtfPermanent (and ATF_PUBL 0x8 on Linux)
};

struct RouteEntry {
  bool ipv6 = false;
  bool loopback = false;  // through the loopback interface
  std::string device;
  std::string destination;
  std::string netmask;  // "255.255.255.0"; IPv6: the prefix length as a mask ("ffff:ffff:ffff:ffff::")
  std::string gateway;
  std::uint32_t flags = 0;   // RTF_* bits
  std::int64_t metric = 0;
  std::int64_t mtu = 0;      // 0 when the route does not set one
};

// "Static" (permanent), "Dynamic" (learned) or "Invalid" (incomplete), the Windows cache types.
std::string_view ArpCacheType(std::uint32_t flags);
// "Ethernet", "Loopback", ... from the ARPHRD_* hardware type; "" when unusual.
std::string_view ArpHardwareName(std::uint32_t hw_type);
// route(8)'s flag letters: U (up), G (gateway), H (host), R, D, M, A (addrconf), C (cache), ! (reject).
std::string RouteFlagLetters(std::uint32_t flags);
// A prefix length as a netmask: 24 -> "255.255.255.0"; 64 (IPv6) -> "ffff:ffff:ffff:ffff::".
std::string PrefixMask(bool ipv6, unsigned prefix);

// The fields and card of one row.
void FillArpRecord(RecordItem& item, const ArpEntry& e);
void FillRouteRecord(RecordItem& item, const RouteEntry& r);

}  // namespace iocscan::collect
