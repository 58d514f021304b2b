#include "collect/windows/socket_row.h"

#include "core/ip_address.h"

namespace iocscan::collect {
namespace {

std::string AddressText(const std::array<std::uint8_t, 16>& bytes, bool ipv6) {
  if (ipv6) return FormatIpv6(bytes);
  return FormatIpv4({bytes[0], bytes[1], bytes[2], bytes[3]});
}

}  // namespace

std::int64_t PortOfRowDword(std::uint32_t dword) {
  // The two bytes of the port sit in memory in network order at the start of the DWORD: on the
  // little-endian machines Windows runs on, the low byte of the value is the high byte of the port.
  return static_cast<std::int64_t>(((dword & 0xffu) << 8) | ((dword >> 8) & 0xffu));
}

std::string_view MibTcpStateName(std::uint32_t state) {
  // MIB_TCP_STATE_CLOSED = 1 ... MIB_TCP_STATE_DELETE_TCB = 12 (tcpmib.h).
  static constexpr std::string_view kNames[] = {"",           "CLOSE",     "LISTEN",    "SYN_SENT", "SYN_RECV",
                                                "ESTABLISHED", "FIN_WAIT1", "FIN_WAIT2", "CLOSE_WAIT", "CLOSING",
                                                "LAST_ACK",   "TIME_WAIT", "DELETE_TCB"};
  return state < std::size(kNames) ? kNames[state] : "";
}

PortFields PortFieldsOf(const SocketRow& row) {
  PortFields f;
  f.protocol = row.tcp ? "TCP" : "UDP";
  f.ipv6 = row.ipv6;
  f.local_ip = AddressText(row.local, row.ipv6);
  f.local_port = PortOfRowDword(row.local_port);
  f.pid = row.pid;
  if (!row.tcp) return f;
  f.has_remote = true;
  f.state = std::string(MibTcpStateName(row.state));
  f.remote_ip = AddressText(row.remote, row.ipv6);
  // A listening socket has no peer; its remote port field is left undefined by the stack.
  f.remote_port = f.state == "LISTEN" ? 0 : PortOfRowDword(row.remote_port);
  return f;
}

}  // namespace iocscan::collect
