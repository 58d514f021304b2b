// /etc/hosts (hosts(5)) as address records: "address canonical_name [aliases...]", '#' starts a
// comment anywhere on a line, fields are separated by spaces or tabs. Pure: text in, records out.
//
//   for (const HostsRecord& r : ParseHostsFile(text)) { r.name; r.address; r.ipv6; }
//   // "::1 localhost ip6-localhost" -> {localhost, ::1, AAAA}, {ip6-localhost, ::1, AAAA}
//
// One record per (name, address) pair, in file order: a resolver answers each name, canonical or
// alias, with that address, which is what a DNS cache entry holds. Lines whose address is not an
// IPv4 or IPv6 address, or that name no host, are skipped. An IPv6 zone ("fe80::1%eth0") is kept
// in `zone` and left out of `address`, so the address compares as an IP.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace iocscan::collect {

struct HostsRecord {
  std::string name;     // as written (resolvers compare it case-insensitively)
  std::string address;  // as written, without a zone
  std::string zone;     // "eth0" for "fe80::1%eth0", else ""
  bool ipv6 = false;    // AAAA, else A
  bool alias = false;   // not the line's first (canonical) name
  int line = 0;         // 1-based line number
};

std::vector<HostsRecord> ParseHostsFile(std::string_view text);

}  // namespace iocscan::collect
