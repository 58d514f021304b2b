// The DnsEntryItem record of one (name, address) pair, whether it comes from a hosts file (every
// OS) or a resolver cache (Windows). Pure; the collectors are collect/dns/dns_collector.cc (Linux)
// and platform/windows/collect/dns_collector.cc.
//   Host, RecordName        the name
//   RecordType              "A" or "AAAA" (a cache may also hold "CNAME": RecordData/Host)
//   RecordData/IPv4Address  for A; RecordData/IPv6Address for AAAA (without a zone)
//   DataLength              4 or 16, the size of the record data
//   TimeToLive              seconds left, cache records only
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "collect/dns/hosts_file.h"
#include "collect/record_item.h"

namespace iocscan::collect {

// A hosts file line's record; the card names `source` ("/etc/hosts:12").
RecordItem HostsEntryItem(const HostsRecord& r, std::string_view source);

struct CachedRecord {
  std::string name;
  std::string type;   // "A", "AAAA", "CNAME", or the type number as text
  std::string data;   // the address, or the CNAME target
  std::optional<std::uint32_t> ttl;
};

// A resolver cache record (its card says "source: DNS cache").
RecordItem CacheEntryItem(const CachedRecord& r);

}  // namespace iocscan::collect
