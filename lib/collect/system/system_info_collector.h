// SystemInfoItem on Linux: exactly one item, the scanned system. Fields (under SystemInfoItem/):
//   hostname        live: the kernel's node name (uname); offline: <root>/etc/hostname
//   domain          resolv.conf's `domain` or first `search` domain, else the part of the host
//                   name after its first dot (resolv.conf(5)'s own rule)
//   OS              os-release PRETTY_NAME ("Debian GNU/Linux 12 (bookworm)"), else NAME VERSION
//   productName     os-release NAME ("Debian GNU/Linux")
//   buildNumber     os-release VERSION_ID ("12")
//   kernelVersion   live: uname release ("6.1.0-18-amd64")
//   machine         live: uname machine, the hardware name ("x86_64"), as `uname -m`
//   uptime          live: time since boot, "1d 2h 3m 4s"
//   timezone        /etc/timezone, else the zone the /etc/localtime symlink points to
//                   ("Europe/Paris"); absent when /etc/localtime is a plain copy
//   user            live: the account running the scan (its name from /etc/passwd)
//   networkArray/networkInfo/adapter, .../MAC, .../ipArray/ipInfo/ipAddress (IPv4),
//   .../ipArray/ipInfo/ipv6Address, .../ipArray/ipInfo/subnetMask, and MAC (the first adapter
//   that has an IPv4 address other than loopback): live only, from getifaddrs and sysfs.
// The os-release, hostname, resolv.conf and timezone files are read under env.root, so an
// offline scan still describes the image; the live-only fields are then absent.
#pragma once

#include <memory>

#include "collect/collector.h"

namespace iocscan::collect {

std::unique_ptr<Collector> MakeSystemInfoCollector();

}  // namespace iocscan::collect
