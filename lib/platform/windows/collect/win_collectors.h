// The collectors of the live Windows host (collect/collectors.cc lists them under _WIN32):
//   ProcessItem  Toolhelp32 + OpenProcess (process_snapshot.h); live only
//   PortItem     GetExtendedTcpTable/GetExtendedUdpTable, IPv4 and IPv6, owners by pid; live only
//   ServiceItem  the Service Control Manager + each service's Parameters\ServiceDll; live only
// The fields are those of collect/windows/{process,port,service}_record.h. Sources that cannot be
// read are warnings and counts; a process that exits while being read is skipped quietly.
#pragma once

#include <memory>

#include "collect/collector.h"

namespace iocscan::collect {

std::unique_ptr<Collector> MakeWinProcessCollector();
std::unique_ptr<Collector> MakeWinPortCollector();
std::unique_ptr<Collector> MakeWinServiceCollector();

}  // namespace iocscan::collect
