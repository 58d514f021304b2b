// The log documents on Linux, each from the live system or an offline root:
//   Syslog            every record of /var/log/{syslog,messages,auth.log,secure} and their
//                     rotations, and (live only) of the systemd journal
//   SudoLogItem       the sudo and su records of auth.log / secure and of the journal
//   LoginHistoryItem  /var/log/wtmp (logins paired with their logouts, boots) and /var/log/btmp
//                     (failed logins), with their rotations
// Every record carries its time and honours the env's window (inclusive at both ends).
#pragma once

#include <memory>

#include "collect/collector.h"

namespace iocscan::collect {

std::unique_ptr<Collector> MakeSyslogCollector();
std::unique_ptr<Collector> MakeSudoLogCollector();
std::unique_ptr<Collector> MakeLoginHistoryCollector();

}  // namespace iocscan::collect
