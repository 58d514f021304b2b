#include "collect/network/net_parse.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <charconv>
#include <cstring>

namespace iocscan::collect {
namespace {

template <class T>
bool ParseNumber(std::string_view s, T* out, int base = 10) {
  if (base == 16 && s.starts_with("0x")) s.remove_prefix(2);
  const char* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, *out, base);
  return ec == std::errc() && p == end && !s.empty();
}

std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

// Calls fn(line) for every line after the header line.
template <class Fn>
void ForEachRow(std::string_view text, Fn fn) {
  std::size_t nl = text.find('\n');
  if (nl == std::string_view::npos) return;
  text.remove_prefix(nl + 1);
  while (!text.empty()) {
    nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!line.empty()) fn(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
}

std::string Ntop(int family, const void* bytes) {
  char buf[INET6_ADDRSTRLEN] = {};
  return inet_ntop(family, bytes, buf, sizeof buf) ? std::string(buf) : std::string();
}

// "0100007F:0CEA" -> ("127.0.0.1", 3306).
bool ParseEndpoint(std::string_view s, std::string* ip, std::int64_t* port) {
  std::size_t colon = s.find(':');
  if (colon == std::string_view::npos) return false;
  std::optional<std::string> addr = HostOrderHexToIp(s.substr(0, colon));
  if (!addr || !ParseNumber(s.substr(colon + 1), port, 16)) return false;
  *ip = std::move(*addr);
  return true;
}


}  // namespace

std::optional<std::string> HostOrderHexToIp(std::string_view hex) {
  if (hex.size() != 8 && hex.size() != 32) return std::nullopt;
  unsigned char bytes[16];
  for (std::size_t w = 0; w < hex.size() / 8; ++w) {
    std::uint32_t word = 0;
    if (!ParseNumber(hex.substr(w * 8, 8), &word, 16)) return std::nullopt;
    std::memcpy(bytes + w * 4, &word, 4);  // the word as the host (and the kernel) holds it
  }
  return Ntop(hex.size() == 8 ? AF_INET : AF_INET6, bytes);
}

std::optional<std::string> NetworkOrderHexToIpv6(std::string_view hex) {
  if (hex.size() != 32) return std::nullopt;
  unsigned char bytes[16];
  for (std::size_t i = 0; i < 16; ++i) {
    if (!ParseNumber(hex.substr(i * 2, 2), &bytes[i], 16)) return std::nullopt;
  }
  return Ntop(AF_INET6, bytes);
}

std::string_view ProtoName(SocketProto proto) { return proto == SocketProto::kTcp ? "TCP" : "UDP"; }

std::string_view TcpStateName(unsigned state) {
  static constexpr std::string_view kNames[] = {"",          "ESTABLISHED", "SYN_SENT",   "SYN_RECV",
                                                "FIN_WAIT1", "FIN_WAIT2",   "TIME_WAIT",  "CLOSE",
                                                "CLOSE_WAIT", "LAST_ACK",   "LISTEN",     "CLOSING",
                                                "NEW_SYN_RECV"};
  return state < std::size(kNames) ? kNames[state] : "";
}

std::vector<InetSocket> ParseInetTable(std::string_view text, SocketProto proto, bool ipv6) {
  std::vector<InetSocket> out;
  ForEachRow(text, [&](std::string_view line) {
    // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...
    std::vector<std::string_view> f = Fields(line);
    if (f.size() < 10) return;
    InetSocket s;
    s.proto = proto;
    s.ipv6 = ipv6;
    unsigned state = 0;
    if (!ParseEndpoint(f[1], &s.local_ip, &s.local_port) || !ParseEndpoint(f[2], &s.remote_ip, &s.remote_port) ||
        !ParseNumber(f[3], &state, 16) || !ParseNumber(f[7], &s.uid) || !ParseNumber(f[9], &s.inode)) {
      return;
    }
    // An unconnected UDP socket is "CLOSE" to the kernel; netstat leaves its state blank.
    if (proto == SocketProto::kTcp || state == 1) s.state = std::string(TcpStateName(state));
    out.push_back(std::move(s));
  });
  return out;
}

std::vector<UnixSocket> ParseUnixTable(std::string_view text) {
  std::vector<UnixSocket> out;
  ForEachRow(text, [&](std::string_view line) {
    // Num RefCount Protocol Flags Type St Inode [Path] (the path is the rest of the line)
    std::vector<std::string_view> f = Fields(line);
    if (f.size() < 7) return;
    UnixSocket u;
    unsigned type = 0, st = 0, flags = 0;
    if (!ParseNumber(f[3], &flags, 16) || !ParseNumber(f[4], &type, 16) || !ParseNumber(f[5], &st, 16) ||
        !ParseNumber(f[6], &u.inode)) {
      return;
    }
    u.type = type == 1 ? "STREAM" : type == 2 ? "DGRAM" : type == 5 ? "SEQPACKET" : "";
    static constexpr std::string_view kStates[] = {"", "UNCONNECTED", "CONNECTING", "CONNECTED", "DISCONNECTING"};
    u.state = (flags & 0x10000) ? "LISTEN" : st < std::size(kStates) ? std::string(kStates[st]) : "";
    if (f.size() > 7) u.path = std::string(line.substr(static_cast<std::size_t>(f[7].data() - line.data())));
    out.push_back(std::move(u));
  });
  return out;
}

std::vector<ArpEntry> ParseArpTable(std::string_view text) {
  std::vector<ArpEntry> out;
  ForEachRow(text, [&](std::string_view line) {
    // IP-address HW-type Flags HW-address Mask Device
    std::vector<std::string_view> f = Fields(line);
    if (f.size() < 6) return;
    ArpEntry e;
    if (!ParseNumber(f[1], &e.hw_type, 16) || !ParseNumber(f[2], &e.flags, 16)) return;
    e.ip = std::string(f[0]);
    e.mac = std::string(f[3]);
    e.device = std::string(f[5]);
    out.push_back(std::move(e));
  });
  return out;
}



std::vector<RouteEntry> ParseRouteTable(std::string_view text) {
  std::vector<RouteEntry> out;
  ForEachRow(text, [&](std::string_view line) {
    // Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window IRTT
    std::vector<std::string_view> f = Fields(line);
    if (f.size() < 9) return;
    RouteEntry r;
    std::optional<std::string> dest = HostOrderHexToIp(f[1]), gw = HostOrderHexToIp(f[2]), mask = HostOrderHexToIp(f[7]);
    if (!dest || !gw || !mask || !ParseNumber(f[3], &r.flags, 16) || !ParseNumber(f[6], &r.metric) ||
        !ParseNumber(f[8], &r.mtu)) {
      return;
    }
    r.device = std::string(f[0]);
    r.loopback = r.device == "lo";
    r.destination = std::move(*dest);
    r.gateway = std::move(*gw);
    r.netmask = std::move(*mask);
    out.push_back(std::move(r));
  });
  return out;
}

std::vector<RouteEntry> ParseIpv6RouteTable(std::string_view text) {
  std::vector<RouteEntry> out;
  // No header line: prepend one so ForEachRow can skip it.
  std::string body = "\n" + std::string(text);
  ForEachRow(body, [&](std::string_view line) {
    // dest plen src plen next-hop metric refcnt use flags device
    std::vector<std::string_view> f = Fields(line);
    if (f.size() < 10) return;
    RouteEntry r;
    r.ipv6 = true;
    unsigned prefix = 0;
    std::optional<std::string> dest = NetworkOrderHexToIpv6(f[0]), gw = NetworkOrderHexToIpv6(f[4]);
    if (!dest || !gw || !ParseNumber(f[1], &prefix, 16) || prefix > 128 || !ParseNumber(f[5], &r.metric, 16) ||
        !ParseNumber(f[8], &r.flags, 16)) {
      return;
    }
    r.destination = std::move(*dest);
    r.netmask = PrefixMask(true, prefix);
    r.gateway = std::move(*gw);
    r.device = std::string(f[9]);
    r.loopback = r.device == "lo";
    out.push_back(std::move(r));
  });
  return out;
}

}  // namespace iocscan::collect
