// The network interfaces of the running system and their addresses, for SystemInfoItem's
// networkArray: getifaddrs(3) (a netlink query, no NSS, so it works in a static binary) for the
// names and addresses, /sys/class/net/<name>/address for the hardware address. Live only.
//
//   Result<std::vector<NetInterface>> list = ListNetInterfaces();
//   for (const NetInterface& i : *list) { i.name; i.mac; i.ipv4; i.ipv6; }
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace iocscan::platform {

struct NetInterface {
  std::string name;                     // "eth0"
  std::string mac;                      // "02:fc:00:00:00:01"; "" when the link has none
  std::vector<std::string> ipv4;        // "10.0.0.5"
  std::vector<std::string> ipv4_masks;  // "255.255.255.0", one per ipv4 entry
  std::vector<std::string> ipv6;        // "fe80::1" (without a zone)
};

// Every interface, in the kernel's order. Error: getifaddrs failed.
Result<std::vector<NetInterface>> ListNetInterfaces();

}  // namespace iocscan::platform
