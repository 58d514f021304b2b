// DnsEntryItem on the live Windows host: the entries of System32\drivers\etc\hosts (parsed by
// collect/dns/hosts_file.h), then the records of the DNS client's cache, read from the cache only.
// A system whose cache cannot be listed gives one warning and the hosts entries.
#pragma once

#include <memory>

#include "collect/collector.h"

namespace iocscan::collect {

std::unique_ptr<Collector> MakeWinDnsEntryCollector();

}  // namespace iocscan::collect
