// Everything a sweep can be told, with its default. The CLI (app/cmd_scan.cc) and job files
// (lib/job) both fill this struct; the sweep never reads global state.
//
//   paths            ({"/"})   FileItem scope roots
//   excludes         ({})      path globs; `**` crosses folders; excluded folders are not descended
//   documents        ({})      documents to evaluate; empty = every document the IOCs use
//   max_read_bytes   (512 MiB) files larger than this are not read for content terms
//   threads          (0)       worker threads; 0 = number of cores
//   timeout_seconds  (0)       stop after this many seconds; 0 = no limit
//   one_file_system  (false)   do not cross device boundaries under a scope root
//   follow_symlinks  (false)   follow symlinks to files inside the scope (never to folders)
//   network_mounts   (false)   also enter network and FUSE filesystems
//   low_priority     (false)   nice 19 and idle I/O priority
//   root             ("")      offline root (--root DIR): host documents read from under it
//   since, until     (none)    retrospective window for time-stamped records (seconds since the
//                              epoch); FileItem has none, the host collectors use it
//   registry_keys    ({})      RegistryItem reads these keys instead of the scope it derives from
//                              the IOCs (collect/registry/registry_scope.h)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/limits.h"

namespace iocscan::scan {

struct ScanOptions {
  std::vector<std::string> paths;
  std::vector<std::string> excludes;
  std::vector<std::string> documents;
  std::uint64_t max_read_bytes = limits::kDefaultMaxReadBytes;
  int threads = 0;
  std::int64_t timeout_seconds = 0;
  bool one_file_system = false;
  bool follow_symlinks = false;
  bool network_mounts = false;
  bool low_priority = false;
  std::string root;
  std::optional<std::int64_t> since;
  std::optional<std::int64_t> until;
  std::vector<std::string> registry_keys;
};

}  // namespace iocscan::scan
