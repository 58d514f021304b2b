// ProcessItem on Linux: one item per process of /proc (platform/linux/proc_fs.h), with the
// fields of issue 4: pid, parentpid, name (the executable's file name in full; comm for kernel
// threads), path (the executable's folder), arguments, Username, startTime, mapped files
// (SectionList/MemorySection/Name), open descriptors (HandleList/Handle/*, lsof-like: the
// executable is the handle "txt"), the process's TCP/UDP sockets (PortList/PortItem/*) and the
// digests of its open files (HandleList/Handle/Md5sum, ...: the executable's among them).
//
//   ProcessCollector c;                                   // or MakeCollector("ProcessItem")
//   CollectorStats s = c.Collect(env, visit);
//
// Only stat and the exe link are read for every process; the command line, status, maps, fd
// list, socket tables and digests are read when an IOC term reaches them (lazy fields), so an IOC
// on ProcessItem/name alone costs two reads per process. A process that exits while being read is
// skipped quietly; descriptors of other users' processes (non-root) are counted, with one warning.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "collect/collector.h"
#include "platform/linux/proc_fs.h"

namespace iocscan::collect {

// Who a process is: what its card shows and what PortItem/pid, process and path report.
struct ProcessIdentity {
  int pid = 0;
  std::int64_t ppid = 0;
  std::uint64_t start_ticks = 0;  // clock ticks after boot
  std::string name;  // the executable's file name in full (see ProcessName in the .cc)
  std::string exe;   // full path of the executable ("" when unknown: kernel thread, not readable)
};
// nullopt when the process is gone (or its stat cannot be parsed).
std::optional<ProcessIdentity> ReadProcessIdentity(const platform::ProcFs& proc, int pid);

class ProcessCollector final : public Collector {
 public:
  explicit ProcessCollector(std::string proc_dir = "/proc") : proc_dir_(std::move(proc_dir)) {}
  bool live_only() const override { return true; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override;

 private:
  std::string proc_dir_;
};

std::unique_ptr<Collector> MakeProcessCollector();

}  // namespace iocscan::collect
