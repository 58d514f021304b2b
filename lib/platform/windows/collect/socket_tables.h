// The rows of the four owner-pid socket tables of iphlpapi (GetExtendedTcpTable and
// GetExtendedUdpTable, IPv4 and IPv6) as portable SocketRows (collect/windows/socket_row.h): the
// PortItem collector's items, and ProcessItem's PortList by pid.
#pragma once

#include <functional>
#include <vector>

#include "collect/collector.h"
#include "collect/windows/socket_row.h"

namespace iocscan::platform::win {

// A table iphlpapi refuses is one warning and one error in `stats` (a host without IPv6 has no
// IPv6 tables: not an error). `stopped` is checked between tables.
std::vector<collect::SocketRow> ReadSocketRows(collect::CollectorStats* stats,
                                               const std::function<bool()>& stopped = [] { return false; });

}  // namespace iocscan::platform::win
