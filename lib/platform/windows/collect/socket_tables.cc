#include "platform/windows/collect/socket_tables.h"

#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>

#include <cstring>

namespace iocscan::platform::win {
namespace {

using collect::CollectorStats;
using collect::SocketRow;

struct Table {
  const char* name;  // for warnings
  bool tcp;
  ULONG family;
};

// The table's bytes; false (and one warning) when iphlpapi refuses it.
bool ReadTable(const Table& t, std::vector<unsigned char>* buffer, CollectorStats* stats) {
  DWORD error = ERROR_INSUFFICIENT_BUFFER;
  // The table may grow between the size query and the read: a few tries.
  for (int attempt = 0; attempt < 5 && error == ERROR_INSUFFICIENT_BUFFER; ++attempt) {
    DWORD size = static_cast<DWORD>(buffer->size());
    error = t.tcp ? ::GetExtendedTcpTable(buffer->empty() ? nullptr : buffer->data(), &size, FALSE, t.family,
                                          TCP_TABLE_OWNER_PID_ALL, 0)
                  : ::GetExtendedUdpTable(buffer->empty() ? nullptr : buffer->data(), &size, FALSE, t.family,
                                          UDP_TABLE_OWNER_PID, 0);
    if (error == ERROR_INSUFFICIENT_BUFFER) buffer->resize(size + 4096);
  }
  if (error == NO_ERROR) return true;
  // A host without IPv6 has no such table: not a failure.
  if (t.family == AF_INET6 && (error == ERROR_NOT_SUPPORTED || error == ERROR_INVALID_PARAMETER)) return false;
  ++stats->errors;
  stats->warnings.push_back({t.name, "cannot be read (Win32 error " + std::to_string(error) + ")"});
  return false;
}

void CopyV4(DWORD address, std::array<std::uint8_t, 16>* out) { std::memcpy(out->data(), &address, 4); }
void CopyV6(const UCHAR (&address)[16], std::array<std::uint8_t, 16>* out) { std::memcpy(out->data(), address, 16); }

// The rows of one table, as portable SocketRows.
std::vector<SocketRow> Rows(const Table& t, const std::vector<unsigned char>& buffer) {
  std::vector<SocketRow> out;
  auto add = [&out, &t](auto fill) {
    SocketRow r;
    r.tcp = t.tcp;
    r.ipv6 = t.family == AF_INET6;
    fill(r);
    out.push_back(r);
  };
  if (t.tcp && t.family == AF_INET) {
    const auto* table = reinterpret_cast<const MIB_TCPTABLE_OWNER_PID*>(buffer.data());
    for (DWORD i = 0; i < table->dwNumEntries; ++i) {
      const MIB_TCPROW_OWNER_PID& row = table->table[i];
      add([&row](SocketRow& r) {
        CopyV4(row.dwLocalAddr, &r.local), CopyV4(row.dwRemoteAddr, &r.remote);
        r.local_port = row.dwLocalPort, r.remote_port = row.dwRemotePort, r.state = row.dwState;
        r.pid = row.dwOwningPid;
      });
    }
  } else if (t.tcp) {
    const auto* table = reinterpret_cast<const MIB_TCP6TABLE_OWNER_PID*>(buffer.data());
    for (DWORD i = 0; i < table->dwNumEntries; ++i) {
      const MIB_TCP6ROW_OWNER_PID& row = table->table[i];
      add([&row](SocketRow& r) {
        CopyV6(row.ucLocalAddr, &r.local), CopyV6(row.ucRemoteAddr, &r.remote);
        r.local_port = row.dwLocalPort, r.remote_port = row.dwRemotePort, r.state = row.dwState;
        r.pid = row.dwOwningPid;
      });
    }
  } else if (t.family == AF_INET) {
    const auto* table = reinterpret_cast<const MIB_UDPTABLE_OWNER_PID*>(buffer.data());
    for (DWORD i = 0; i < table->dwNumEntries; ++i) {
      const MIB_UDPROW_OWNER_PID& row = table->table[i];
      add([&row](SocketRow& r) { CopyV4(row.dwLocalAddr, &r.local), r.local_port = row.dwLocalPort, r.pid = row.dwOwningPid; });
    }
  } else {
    const auto* table = reinterpret_cast<const MIB_UDP6TABLE_OWNER_PID*>(buffer.data());
    for (DWORD i = 0; i < table->dwNumEntries; ++i) {
      const MIB_UDP6ROW_OWNER_PID& row = table->table[i];
      add([&row](SocketRow& r) { CopyV6(row.ucLocalAddr, &r.local), r.local_port = row.dwLocalPort, r.pid = row.dwOwningPid; });
    }
  }
  return out;
}

}  // namespace

std::vector<SocketRow> ReadSocketRows(CollectorStats* stats, const std::function<bool()>& stopped) {
  static constexpr Table kTables[] = {{"GetExtendedTcpTable(AF_INET)", true, AF_INET},
                                      {"GetExtendedTcpTable(AF_INET6)", true, AF_INET6},
                                      {"GetExtendedUdpTable(AF_INET)", false, AF_INET},
                                      {"GetExtendedUdpTable(AF_INET6)", false, AF_INET6}};
  std::vector<SocketRow> out;
  std::vector<unsigned char> buffer;
  for (const Table& t : kTables) {
    if (stopped() || !ReadTable(t, &buffer, stats)) continue;
    std::vector<SocketRow> rows = Rows(t, buffer);
    out.insert(out.end(), rows.begin(), rows.end());
  }
  return out;
}

}  // namespace iocscan::platform::win
