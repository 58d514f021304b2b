// ServiceItem on Windows (win_collectors.h): every Win32 service and driver the Service Control
// Manager lists, with its configuration, description and ServiceDll; fields by
// collect/windows/service_record.h.
#include <windows.h>

#include <memory>
#include <vector>

#include "collect/record_item.h"
#include "collect/windows/service_record.h"
#include "platform/windows/collect/file_digests.h"
#include "platform/windows/collect/win_collectors.h"
#include "platform/windows/win_text.h"

namespace iocscan::collect {
namespace {

struct ScCloser {
  void operator()(SC_HANDLE h) const {
    if (h) ::CloseServiceHandle(h);
  }
};
using ScHandle = std::unique_ptr<SC_HANDLE__, ScCloser>;

std::string Text(const wchar_t* s) { return s ? platform::win::Utf8(s) : std::string(); }

// Calls query(buffer, size, &needed) until the buffer is big enough; false on another error.
template <class Query>
bool QueryGrowing(std::vector<unsigned char>* buffer, Query query) {
  for (int attempt = 0; attempt < 4; ++attempt) {
    DWORD needed = 0;
    if (query(buffer->empty() ? nullptr : buffer->data(), static_cast<DWORD>(buffer->size()), &needed)) return true;
    if (::GetLastError() != ERROR_INSUFFICIENT_BUFFER) return false;
    buffer->resize(needed);
  }
  return false;
}

// Parameters\ServiceDll (or, on old systems, ServiceDll on the service's own key).
std::optional<std::string> ServiceDll(const std::wstring& name) {
  for (const wchar_t* sub : {L"\\Parameters", L""}) {
    std::wstring key = L"SYSTEM\\CurrentControlSet\\Services\\" + name + sub;
    wchar_t value[2048];
    DWORD size = sizeof value - sizeof(wchar_t);
    DWORD type = 0;
    HKEY h = nullptr;
    if (::RegOpenKeyExW(HKEY_LOCAL_MACHINE, key.c_str(), 0, KEY_QUERY_VALUE, &h) != ERROR_SUCCESS) continue;
    LSTATUS status = ::RegQueryValueExW(h, L"ServiceDll", nullptr, &type, reinterpret_cast<BYTE*>(value), &size);
    ::RegCloseKey(h);
    if (status != ERROR_SUCCESS || (type != REG_SZ && type != REG_EXPAND_SZ)) continue;
    value[size / sizeof(wchar_t)] = L'\0';
    return platform::win::Utf8(value);
  }
  return std::nullopt;
}

// The configuration of one service into `s`; false (counted by the caller) when it cannot be read.
bool ReadConfig(SC_HANDLE scm, const std::wstring& name, WinService* s) {
  ScHandle service(::OpenServiceW(scm, name.c_str(), SERVICE_QUERY_CONFIG));
  if (!service) return false;
  std::vector<unsigned char> buffer;
  bool ok = QueryGrowing(&buffer, [&](unsigned char* b, DWORD size, DWORD* needed) {
    return ::QueryServiceConfigW(service.get(), reinterpret_cast<QUERY_SERVICE_CONFIGW*>(b), size, needed);
  });
  if (!ok) return false;
  const auto* config = reinterpret_cast<const QUERY_SERVICE_CONFIGW*>(buffer.data());
  s->start_type = config->dwStartType;
  s->image_path = Text(config->lpBinaryPathName);
  s->start_name = Text(config->lpServiceStartName);
  std::vector<unsigned char> description;
  if (QueryGrowing(&description, [&](unsigned char* b, DWORD size, DWORD* needed) {
        return ::QueryServiceConfig2W(service.get(), SERVICE_CONFIG_DESCRIPTION, b, size, needed);
      })) {
    const auto* d = reinterpret_cast<const SERVICE_DESCRIPTIONW*>(description.data());
    if (d->lpDescription && *d->lpDescription) s->description = Text(d->lpDescription);
  }
  return true;
}

std::optional<std::string> EnvVar(std::string_view name) {
  std::wstring wide = platform::win::Wide(name);
  DWORD size = ::GetEnvironmentVariableW(wide.c_str(), nullptr, 0);
  if (size == 0) return std::nullopt;
  std::wstring value(size, L'\0');
  size = ::GetEnvironmentVariableW(wide.c_str(), value.data(), size);
  value.resize(size);
  return platform::win::Utf8(value);
}

class WinServiceCollector final : public Collector {
 public:
  bool live_only() const override { return true; }

  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override {
    CollectorStats stats;
    ScHandle scm(::OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CONNECT | SC_MANAGER_ENUMERATE_SERVICE));
    std::vector<unsigned char> list;
    DWORD count = 0;
    if (!scm || !Enumerate(scm.get(), &list, &count)) {
      ++stats.errors;
      stats.warnings.push_back({"ServiceItem", "the Service Control Manager cannot list services (Win32 error " +
                                                   std::to_string(::GetLastError()) + ")"});
      return stats;
    }
    hash::DigestMask mask = 0;
    for (const char* m : {"ServiceItem/pathmd5sum", "ServiceItem/md5sum", "ServiceItem/serviceDLLmd5sum"}) {
      mask |= env.Needs(m) ? hash::kMd5 : 0;
    }
    for (const char* m : {"ServiceItem/pathsha1sum", "ServiceItem/sha1sum", "ServiceItem/serviceDLLsha1sum"}) {
      mask |= env.Needs(m) ? hash::kSha1 : 0;
    }
    for (const char* m : {"ServiceItem/pathsha256sum", "ServiceItem/sha256sum", "ServiceItem/serviceDLLsha256sum"}) {
      mask |= env.Needs(m) ? hash::kSha256 : 0;
    }
    FileDigester digest = [mask](const std::string& path) { return platform::win::DigestFile(path, mask); };
    std::uint64_t unreadable = 0;
    const auto* services = reinterpret_cast<const ENUM_SERVICE_STATUS_PROCESSW*>(list.data());
    for (DWORD i = 0; i < count && !env.Stopped(); ++i) {
      const ENUM_SERVICE_STATUS_PROCESSW& e = services[i];
      WinService s;
      s.name = Text(e.lpServiceName);
      s.display_name = Text(e.lpDisplayName);
      s.type = e.ServiceStatusProcess.dwServiceType;
      s.state = e.ServiceStatusProcess.dwCurrentState;
      s.pid = e.ServiceStatusProcess.dwProcessId;
      std::wstring name = e.lpServiceName ? e.lpServiceName : L"";
      // A service deleted since the listing cannot be opened either; both are counted alike.
      if (!ReadConfig(scm.get(), name, &s)) ++unreadable;
      s.service_dll = ServiceDll(name);
      RecordItem item;
      FillServiceRecord(item, s, EnvVar, digest);
      ++stats.items;
      visit(item);
    }
    if (unreadable > 0) {
      stats.errors += unreadable;
      stats.warnings.push_back({"ServiceItem", std::to_string(unreadable) +
                                                   " service(s) whose configuration could not be read (listed "
                                                   "without path, mode and account)"});
    }
    return stats;
  }

 private:
  static bool Enumerate(SC_HANDLE scm, std::vector<unsigned char>* list, DWORD* count) {
    for (int attempt = 0; attempt < 4; ++attempt) {
      DWORD needed = 0, resume = 0;
      if (::EnumServicesStatusExW(scm, SC_ENUM_PROCESS_INFO, SERVICE_WIN32 | SERVICE_DRIVER, SERVICE_STATE_ALL,
                                  list->empty() ? nullptr : list->data(), static_cast<DWORD>(list->size()), &needed,
                                  count, &resume, nullptr)) {
        return true;
      }
      if (::GetLastError() != ERROR_MORE_DATA) return false;
      list->resize(list->size() + needed);
    }
    return false;
  }
};

}  // namespace

std::unique_ptr<Collector> MakeWinServiceCollector() { return std::make_unique<WinServiceCollector>(); }

}  // namespace iocscan::collect
