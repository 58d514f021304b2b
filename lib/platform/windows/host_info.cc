// CurrentHost and LowerPriority on Windows (platform/host_info.h).
#include "platform/host_info.h"

#include <windows.h>

#include "platform/windows/win_text.h"

namespace iocscan::platform {
namespace {

std::string RegistryText(const wchar_t* key, const wchar_t* value) {
  wchar_t buffer[256];
  DWORD bytes = sizeof buffer;
  if (::RegGetValueW(HKEY_LOCAL_MACHINE, key, value, RRF_RT_REG_SZ, nullptr, buffer, &bytes) != ERROR_SUCCESS) {
    return {};
  }
  return win::Utf8(buffer);
}

// The kernel's version (GetVersionEx lies to programs without a manifest; RtlGetVersion does not).
std::string KernelVersion() {
  using RtlGetVersionFn = LONG(WINAPI*)(OSVERSIONINFOW*);
  HMODULE ntdll = ::GetModuleHandleW(L"ntdll.dll");
  auto get = ntdll ? reinterpret_cast<RtlGetVersionFn>(
                         reinterpret_cast<void*>(::GetProcAddress(ntdll, "RtlGetVersion")))
                   : nullptr;
  OSVERSIONINFOW v{};
  v.dwOSVersionInfoSize = sizeof v;
  if (get == nullptr || get(&v) != 0) return "Windows";
  return "Windows " + std::to_string(v.dwMajorVersion) + "." + std::to_string(v.dwMinorVersion) + "." +
         std::to_string(v.dwBuildNumber);
}

}  // namespace

HostInfo CurrentHost() {
  HostInfo host;
  wchar_t name[256];
  DWORD size = 256;
  if (::GetComputerNameExW(ComputerNameDnsHostname, name, &size)) host.hostname = win::Utf8(name);
  std::string product = RegistryText(L"SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", L"ProductName");
  std::string kernel = KernelVersion() + " x86_64";
  host.os = product.empty() ? kernel : product + "; " + kernel;
  return host;
}

Status LowerPriority() {
  // Background mode: the lowest CPU priority and very low I/O and memory priority, for this
  // process and every thread it starts.
  if (!::SetPriorityClass(::GetCurrentProcess(), PROCESS_MODE_BACKGROUND_BEGIN) &&
      !::SetPriorityClass(::GetCurrentProcess(), IDLE_PRIORITY_CLASS)) {
    return Error{"--low-priority", "cannot lower the process priority (error " + std::to_string(::GetLastError()) + ")"};
  }
  return Ok{};
}

}  // namespace iocscan::platform
