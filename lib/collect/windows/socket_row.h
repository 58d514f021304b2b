// One row of the Windows TCP/UDP tables (GetExtendedTcpTable, GetExtendedUdpTable with the
// OWNER_PID classes) as PortItem fields, without the OS: addresses in the text inet_ntop writes,
// ports out of the tables' network-order DWORDs, and the MIB_TCP_STATE codes under the names the
// Linux collector gives (netstat's: "LISTEN", "ESTABLISHED", "TIME_WAIT", ...), so one IOC reads
// the same on both.
//
//   SocketRow row{.tcp = true, .ipv6 = false, ...};        // bytes copied out of a MIB_TCPROW_OWNER_PID
//   PortFields f = PortFieldsOf(row);                      // f.local_ip "127.0.0.1", f.state "LISTEN"
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace iocscan::collect {

// The raw row, as the table holds it.
struct SocketRow {
  bool tcp = true;
  bool ipv6 = false;
  std::array<std::uint8_t, 16> local{};   // network order; IPv4 uses the first 4 bytes
  std::array<std::uint8_t, 16> remote{};  // TCP only
  std::uint32_t local_port = 0;   // the DWORD of the row: the port in network order in its low 16 bits
  std::uint32_t remote_port = 0;  // TCP only
  std::uint32_t state = 0;        // MIB_TCP_STATE; TCP only
  std::uint32_t pid = 0;
};

struct PortFields {
  std::string protocol;  // "TCP", "UDP"
  bool ipv6 = false;
  std::string local_ip;
  std::int64_t local_port = 0;
  bool has_remote = false;  // UDP tables have no remote end
  std::string remote_ip;
  std::int64_t remote_port = 0;
  std::string state;  // "" for UDP
  std::int64_t pid = 0;
};

PortFields PortFieldsOf(const SocketRow& row);

// A row's port DWORD (network order in the low 16 bits, as ntohs reads it) as a number.
std::int64_t PortOfRowDword(std::uint32_t dword);

// MIB_TCP_STATE (1 CLOSED .. 12 DELETE_TCB) as the Linux collector names states; "" when unknown.
std::string_view MibTcpStateName(std::uint32_t state);

}  // namespace iocscan::collect
