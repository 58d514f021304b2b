// The sockets of this host by inode, from /proc/net/{tcp,tcp6,udp,udp6,unix}: what a process's
// "socket:[inode]" descriptors are (ProcessItem handles and ports) and the rows of PortItem.
//
//   SocketTable t = SocketTable::Load(proc, /*with_unix=*/true, &stats);
//   if (const InetSocket* s = t.FindInet(inode)) ...      // TCP/UDP, v4 or v6
//   for (const InetSocket& s : t.inet()) ...               // every TCP/UDP socket
//
// A table the kernel does not have (no IPv6) is skipped quietly; one that cannot be read is one
// warning and one error in `stats`.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "collect/collector.h"
#include "collect/network/net_parse.h"
#include "platform/linux/proc_fs.h"

namespace iocscan::collect {

class SocketTable {
 public:
  static SocketTable Load(const platform::ProcFs& proc, bool with_unix, CollectorStats* stats);

  const std::vector<InetSocket>& inet() const { return inet_; }
  const InetSocket* FindInet(std::uint64_t inode) const;
  const UnixSocket* FindUnix(std::uint64_t inode) const;

 private:
  std::vector<InetSocket> inet_;
  std::vector<UnixSocket> unix_;
  std::unordered_map<std::uint64_t, std::size_t> inet_by_inode_;
  std::unordered_map<std::uint64_t, std::size_t> unix_by_inode_;
};

// Reads /proc/<relative> for a collector: a missing file is false quietly, another failure is one
// warning ("<proc>/<relative>: <why>") and one error.
bool ReadProcTable(const platform::ProcFs& proc, const char* relative, std::string* text, CollectorStats* stats);

}  // namespace iocscan::collect
