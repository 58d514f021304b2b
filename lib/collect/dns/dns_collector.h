// DnsEntryItem on Linux: the static entries of /etc/hosts (collect/dns/hosts_file.h), read from the
// live system or an offline root. One item per (name, address) pair:
//   Host, RecordName        the name (canonical or alias)
//   RecordType              "A" or "AAAA"
//   RecordData/IPv4Address  for A records; RecordData/IPv6Address for AAAA (without a zone)
//   DataLength              4 or 16, the size of the record data
//
// Linux has no system-wide resolver cache file. systemd-resolved keeps one in memory, but the only
// ways to read it go through D-Bus or signals (`resolvectl show-cache`, SIGUSR1 to dump it to the
// journal) and change the daemon's state or the logs; nscd's cache is a private database of its
// own. iocscan reads only without side effects, so it skips both: DnsEntryItem is /etc/hosts.
#pragma once

#include <memory>

#include "collect/collector.h"

namespace iocscan::collect {

std::unique_ptr<Collector> MakeDnsEntryCollector();

}  // namespace iocscan::collect
