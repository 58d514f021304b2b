// PortItem on Linux: one item per TCP/UDP socket of /proc/net/{tcp,tcp6,udp,udp6} (protocol,
// localIP, localPort, remoteIP, remotePort, state, isIPv6), with the process that holds it (pid,
// process, path) found by the socket's inode among the /proc/<pid>/fd links.
//
//   PortCollector c;                                      // or MakeCollector("PortItem")
//   CollectorStats s = c.Collect(env, visit);
//
// The owners are looked up once per scan, and only when a term asks for pid/process/path or a
// socket matched (its card names the process). A socket no readable process holds (TIME_WAIT,
// another user's process as non-root) has no pid; unreadable descriptor lists are counted with one
// warning.
#pragma once

#include <memory>
#include <string>

#include "collect/collector.h"

namespace iocscan::collect {

class PortCollector final : public Collector {
 public:
  explicit PortCollector(std::string proc_dir = "/proc") : proc_dir_(std::move(proc_dir)) {}
  bool live_only() const override { return true; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override;

 private:
  std::string proc_dir_;
};

std::unique_ptr<Collector> MakePortCollector();

}  // namespace iocscan::collect
