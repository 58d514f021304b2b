// ProcessItem on Windows, the portable half: the fields of one process from what the platform
// source (platform/windows/collect/process_collector.cc: Toolhelp32, OpenProcess) read, with the
// costly parts asked of the source only when a term reaches them.
//
//   WinProcess p{4242, 1000, "notepad.exe", "C:\\Windows\\notepad.exe", start};
//   RecordItem item;
//   FillProcessRecord(item, p, source);   // pid, parentpid, name, path "Windows", startTime;
//                                         // arguments, Username, SecurityID, digests: lazy
//
// Fields as on Linux where they mean the same: `name` is the image's file name, `path` its folder
// without the drive (semantics.md, like FileItem/FilePath), `arguments` the whole command line as
// the process was started (Windows has no argv: the program is part of it), `Username` the token
// owner as "DOMAIN\name", HandleList/Handle/Md5sum (Sha1sum, Sha256sum) the digests of the image
// (the only file a Windows process is known to hold here), plus `SecurityID`, the owner's SID.
// HandleList/Handle/Type and Name: the process's open handles, named as collect/windows/
// handle_names.h says (a mutex by its object name and its bare name).
// SectionList/MemorySection/Name: the full paths of the image and the modules loaded into the
// process (Linux: the files of /proc/<pid>/maps). PortList/PortItem/*: the process's rows of the
// TCP/UDP tables, with the fields the Linux collector gives them (protocol, localIP, localPort,
// remoteIP, remotePort, state, pid, process, path).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "collect/record_item.h"
#include "collect/windows/handle_names.h"
#include "collect/windows/socket_row.h"
#include "hash/digest.h"

namespace iocscan::collect {

struct WinProcess {
  std::int64_t pid = 0;
  std::int64_t ppid = 0;
  std::string name;   // "notepad.exe"
  std::string image;  // full Win32 path of the image; "" when the process cannot be opened
  std::optional<std::int64_t> start_time;  // epoch seconds
};

struct WinAccount {
  std::string name;  // "NT AUTHORITY\SYSTEM"; the SID's text when the account has no name
  std::string sid;   // "S-1-5-18"
};

// What is read only on demand; nullopt when it cannot be (gone, denied, not offered by the OS).
class WinProcessSource {
 public:
  virtual ~WinProcessSource() = default;
  virtual std::optional<std::string> CommandLine(const WinProcess& p) = 0;
  virtual std::optional<WinAccount> Owner(const WinProcess& p) = 0;
  virtual std::optional<hash::Digests> ImageDigests(const WinProcess& p) = 0;
  // The image and loaded modules, full paths; empty when the process cannot be read.
  virtual std::vector<std::string> MappedFiles(const WinProcess& p) = 0;
  // The process's sockets (the tables are read once for all processes).
  virtual std::vector<PortFields> Ports(const WinProcess& p) = 0;
  // The process's open handles; empty when they cannot be read (a protected process).
  virtual std::vector<WinHandle> Handles(const WinProcess& p) = 0;
};

// "DOMAIN\name", or "name" when the domain is empty.
std::string QualifiedAccount(std::string_view domain, std::string_view name);

// The fields and card (pid, name, path) of `p`; `source` must outlive the item.
void FillProcessRecord(RecordItem& item, const WinProcess& p, WinProcessSource& source);

}  // namespace iocscan::collect
