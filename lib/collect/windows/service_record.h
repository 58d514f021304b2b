// ServiceItem on Windows, the portable half: the fields of one service from what the platform
// source (platform/windows/collect/service_collector.cc: the Service Control Manager and the
// service's Parameters key) read, with the binary and the DLL hashed only when a term asks.
//
//   WinService s{.name = "BITS", .image_path = "C:\\windows\\system32\\svchost.exe -k netsvcs", ...};
//   FillServiceRecord(item, s, env, digest_file);
//
// Fields: name, descriptiveName (display name), description, mode (start type), status (state),
// type, startedAs (the account: "LocalSystem"), pid (running services), path and arguments (the
// ImagePath split and made a full path, service_image.h), serviceDLL (Parameters\ServiceDll, full
// path), pathmd5sum/pathsha1sum/pathsha256sum (md5sum, sha1sum, sha256sum too, as on Linux) and
// serviceDLLmd5sum/sha1sum/sha256sum.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "collect/record_item.h"
#include "collect/windows/service_image.h"
#include "hash/digest.h"

namespace iocscan::collect {

struct WinService {
  std::string name;
  std::string display_name;
  std::optional<std::string> description;
  std::uint32_t type = 0;        // SERVICE_WIN32_OWN_PROCESS, ...
  std::uint32_t start_type = 0;  // SERVICE_AUTO_START, ...
  std::uint32_t state = 0;       // SERVICE_RUNNING, ...
  std::int64_t pid = 0;          // 0 when not running
  std::string start_name;        // the account it runs as; "" for drivers without one
  std::optional<std::string> image_path;   // as configured; nullopt when the config was unreadable
  std::optional<std::string> service_dll;  // Parameters\ServiceDll as written
};

// The digests of the file at a full path; nullopt when it cannot be read.
using FileDigester = std::function<std::optional<hash::Digests>(const std::string& path)>;

void FillServiceRecord(RecordItem& item, const WinService& s, const EnvLookup& env, const FileDigester& digest);

}  // namespace iocscan::collect
