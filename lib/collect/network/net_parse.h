// Pure parsers of the Linux network tables under /proc/net: text in, records out, no I/O (the
// reading is platform/linux/proc_fs.h). Addresses come out in their usual text form
// ("127.0.0.1", "::1"), the form the IP conditions of the compiler parse.
//
//   std::vector<InetSocket> s = ParseInetTable(tcp6_text, SocketProto::kTcp, /*ipv6=*/true);
//   std::vector<UnixSocket> u = ParseUnixTable(unix_text);
//   std::vector<ArpEntry> a = ParseArpTable(arp_text);
//   std::vector<RouteEntry> r = ParseRouteTable(route_text);       // IPv4
//   std::vector<RouteEntry> r6 = ParseIpv6RouteTable(ipv6_route_text);
//
// Byte order: /proc/net/{tcp,udp}[6] and /proc/net/route print each 32-bit word of an address as
// the host sees it in memory (so 127.0.0.1 is "0100007F" on little-endian machines), while
// /proc/net/ipv6_route prints the 16 bytes in network order. The parsers follow the host's order,
// exactly as the kernel that wrote the text did.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collect/network/net_entries.h"

namespace iocscan::collect {

enum class SocketProto : std::uint8_t { kTcp, kUdp };

// One line of /proc/net/tcp, tcp6, udp or udp6.
struct InetSocket {
  SocketProto proto = SocketProto::kTcp;
  bool ipv6 = false;
  std::string local_ip;
  std::int64_t local_port = 0;
  std::string remote_ip;
  std::int64_t remote_port = 0;
  std::string state;  // "LISTEN", "ESTABLISHED", ...; for UDP only "ESTABLISHED" (connected) or ""
  std::uint32_t uid = 0;
  std::uint64_t inode = 0;  // 0: no owning socket file (TIME_WAIT and the like)
};
std::vector<InetSocket> ParseInetTable(std::string_view text, SocketProto proto, bool ipv6);

// "TCP" / "UDP": the protocol words of PortItem/protocol.
std::string_view ProtoName(SocketProto proto);
// The kernel's TCP state number (include/net/tcp_states.h) as netstat names it; "" when unknown.
std::string_view TcpStateName(unsigned state);

// One line of /proc/net/unix.
struct UnixSocket {
  std::uint64_t inode = 0;
  std::string type;   // "STREAM", "DGRAM", "SEQPACKET"
  std::string state;  // "UNCONNECTED", "CONNECTING", "CONNECTED", "DISCONNECTING", "LISTEN"
  std::string path;   // "" when unnamed; abstract names start with '@'
};
std::vector<UnixSocket> ParseUnixTable(std::string_view text);

// One line of /proc/net/arp (ArpEntry, net_entries.h).
std::vector<ArpEntry> ParseArpTable(std::string_view text);

// The routes of /proc/net/route and /proc/net/ipv6_route (RouteEntry, net_entries.h); a route
// through "lo" is a loopback route.
std::vector<RouteEntry> ParseRouteTable(std::string_view text);
std::vector<RouteEntry> ParseIpv6RouteTable(std::string_view text);

// Hex address words as /proc/net prints them (8 hex digits for IPv4, 32 for IPv6) in host order;
// nullopt when malformed.
std::optional<std::string> HostOrderHexToIp(std::string_view hex);
// 32 hex digits in network order (ipv6_route).
std::optional<std::string> NetworkOrderHexToIpv6(std::string_view hex);

}  // namespace iocscan::collect
