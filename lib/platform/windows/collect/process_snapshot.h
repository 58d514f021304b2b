// The processes of this Windows host for ProcessItem and PortItem: one Toolhelp32 snapshot (pid,
// parent, name), each process opened with PROCESS_QUERY_LIMITED_INFORMATION for its image path
// (QueryFullProcessImageNameW) and start time (GetProcessTimes); and what is read only when an IOC
// asks: the command line (NtQueryInformationProcess ProcessCommandLineInformation, else the PEB's
// process parameters), the token owner (TokenUser, LookupAccountSidW), the image's digests, the
// open handles (system_handles.h), the loaded modules (a Toolhelp32 module snapshot of the process) and its sockets (the iphlpapi
// tables, read once per scan: socket_tables.h).
//
//   ProcessSnapshot snap = ProcessSnapshot::Take(&stats);
//   for (const WinProcess& p : snap.processes()) ...
//   WinProcessReader reader(mask);     // the lazy answers (collect/windows/process_record.h)
//
// A process that exits between the snapshot and its open is left out quietly; one that refuses to
// be opened (protected, another session as non-admin) keeps its snapshot name without a path, and
// is counted (denied()).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "collect/collector.h"
#include "collect/windows/port_record.h"
#include "collect/windows/process_record.h"
#include "hash/digest.h"
#include "platform/windows/collect/system_handles.h"

namespace iocscan::platform::win {

class ProcessSnapshot {
 public:
  // An empty snapshot, with one warning and one error in `stats`, when Toolhelp32 fails.
  static ProcessSnapshot Take(collect::CollectorStats* stats);

  const std::vector<collect::WinProcess>& processes() const { return processes_; }
  std::uint64_t denied() const { return denied_; }

 private:
  std::vector<collect::WinProcess> processes_;
  std::uint64_t denied_ = 0;
};

// The lazy fields of ProcessItem, read by pid (a process that is gone gives nullopt).
class WinProcessReader final : public collect::WinProcessSource {
 public:
  explicit WinProcessReader(hash::DigestMask mask) : mask_(mask) {}
  std::optional<std::string> CommandLine(const collect::WinProcess& p) override;
  std::optional<collect::WinAccount> Owner(const collect::WinProcess& p) override;
  std::optional<hash::Digests> ImageDigests(const collect::WinProcess& p) override;
  std::vector<std::string> MappedFiles(const collect::WinProcess& p) override;
  std::vector<collect::PortFields> Ports(const collect::WinProcess& p) override;
  std::vector<collect::WinHandle> Handles(const collect::WinProcess& p) override { return handles_.Of(p.pid); }

 private:
  SystemHandles handles_;
  hash::DigestMask mask_;
  std::optional<std::multimap<std::int64_t, collect::PortFields>> ports_by_pid_;
  std::map<std::string, std::string> account_names_;  // SID text -> "DOMAIN\name", looked up once
};

// The owners of PortItem rows: a snapshot taken on first Find.
class SnapshotIndex final : public collect::WinProcessIndex {
 public:
  const collect::WinProcess* Find(std::int64_t pid) override;

 private:
  std::optional<std::map<std::int64_t, collect::WinProcess>> by_pid_;
};

}  // namespace iocscan::platform::win
