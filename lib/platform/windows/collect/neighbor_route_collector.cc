#include "platform/windows/collect/neighbor_route_collector.h"

#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>

#include <array>
#include <cstring>
#include <map>

#include "collect/network/net_entries.h"
#include "collect/windows/system_fields.h"
#include "core/ip_address.h"
#include "platform/windows/win_text.h"

namespace iocscan::collect {
namespace {

constexpr ULONG kIfTypeEthernet = 6;
constexpr ULONG kIfTypeLoopback = 24;
constexpr ULONG kIfTypeWifi = 71;

std::string AddressText(const SOCKADDR_INET& a) {
  if (a.si_family == AF_INET6) {
    std::array<std::uint8_t, 16> bytes{};
    std::memcpy(bytes.data(), &a.Ipv6.sin6_addr, 16);
    return FormatIpv6(bytes);
  }
  std::array<std::uint8_t, 4> bytes{};
  std::memcpy(bytes.data(), &a.Ipv4.sin_addr, 4);
  return FormatIpv4(bytes);
}

bool IsZero(const SOCKADDR_INET& a) {
  static const unsigned char kZero[16] = {};
  return a.si_family == AF_INET6 ? std::memcmp(&a.Ipv6.sin6_addr, kZero, 16) == 0 : a.Ipv4.sin_addr.s_addr == 0;
}

// The interface's alias ("Ethernet 2"), looked up once per interface.
class InterfaceNames {
 public:
  const std::string& Of(const NET_LUID& luid) {
    auto [it, added] = names_.try_emplace(luid.Value);
    if (added) {
      wchar_t alias[IF_MAX_STRING_SIZE + 1] = {};
      if (::ConvertInterfaceLuidToAlias(&luid, alias, IF_MAX_STRING_SIZE + 1) == NO_ERROR) {
        it->second = platform::win::Utf8(alias);
      }
    }
    return it->second;
  }

 private:
  std::map<ULONG64, std::string> names_;
};

std::uint32_t HardwareType(const NET_LUID& luid) {
  switch (luid.Info.IfType) {
    case kIfTypeEthernet: return kArphrdEther;
    case kIfTypeLoopback: return kArphrdLoopback;
    case kIfTypeWifi: return kArphrdIeee80211;
    default: return 0;
  }
}

std::uint32_t ArpFlags(NL_NEIGHBOR_STATE state) {
  switch (state) {
    case NlnsPermanent: return kAtfComplete | kAtfPermanent;
    case NlnsReachable:
    case NlnsStale:
    case NlnsDelay:
    case NlnsProbe: return kAtfComplete;
    default: return 0;  // incomplete, unreachable
  }
}

void Refused(const char* call, DWORD error, CollectorStats& stats) {
  ++stats.errors;
  stats.warnings.push_back({call, "cannot be read (Win32 error " + std::to_string(error) + ")"});
}

class WinArpCollector final : public Collector {
 public:
  bool live_only() const override { return true; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override {
    CollectorStats stats;
    MIB_IPNET_TABLE2* table = nullptr;
    if (DWORD rc = ::GetIpNetTable2(AF_INET, &table); rc != NO_ERROR) {
      Refused("GetIpNetTable2", rc, stats);
      return stats;
    }
    InterfaceNames names;
    for (ULONG i = 0; i < table->NumEntries && !env.Stopped(); ++i) {
      const MIB_IPNET_ROW2& row = table->Table[i];
      ArpEntry e;
      e.ip = AddressText(row.Address);
      e.mac = FormatMac({row.PhysicalAddress, std::min<ULONG>(row.PhysicalAddressLength, IF_MAX_PHYS_ADDRESS_LENGTH)});
      e.device = names.Of(row.InterfaceLuid);
      e.hw_type = HardwareType(row.InterfaceLuid);
      e.flags = ArpFlags(row.State);
      RecordItem item;
      FillArpRecord(item, e);
      ++stats.items;
      visit(item);
    }
    ::FreeMibTable(table);
    return stats;
  }
};

class WinRouteCollector final : public Collector {
 public:
  bool live_only() const override { return true; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override {
    CollectorStats stats;
    MIB_IPFORWARD_TABLE2* table = nullptr;
    if (DWORD rc = ::GetIpForwardTable2(AF_UNSPEC, &table); rc != NO_ERROR) {
      Refused("GetIpForwardTable2", rc, stats);
      return stats;
    }
    InterfaceNames names;
    for (ULONG i = 0; i < table->NumEntries && !env.Stopped(); ++i) {
      const MIB_IPFORWARD_ROW2& row = table->Table[i];
      RouteEntry r;
      r.ipv6 = row.DestinationPrefix.Prefix.si_family == AF_INET6;
      unsigned prefix = row.DestinationPrefix.PrefixLength;
      r.destination = AddressText(row.DestinationPrefix.Prefix);
      r.netmask = PrefixMask(r.ipv6, prefix);
      r.gateway = AddressText(row.NextHop);
      r.device = names.Of(row.InterfaceLuid);
      r.loopback = row.InterfaceLuid.Info.IfType == kIfTypeLoopback;
      r.metric = row.Metric;
      r.flags = kRtfUp;
      if (!IsZero(row.NextHop)) r.flags |= kRtfGateway;
      if (prefix == (r.ipv6 ? 128u : 32u)) r.flags |= kRtfHost;
      if (row.Origin == NlroRouterAdvertisement) r.flags |= kRtfAddrconf;
      RecordItem item;
      FillRouteRecord(item, r);
      ++stats.items;
      visit(item);
    }
    ::FreeMibTable(table);
    return stats;
  }
};

}  // namespace

std::unique_ptr<Collector> MakeWinArpCollector() { return std::make_unique<WinArpCollector>(); }
std::unique_ptr<Collector> MakeWinRouteCollector() { return std::make_unique<WinRouteCollector>(); }

}  // namespace iocscan::collect
