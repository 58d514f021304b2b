// How a Windows service's registry strings become the ServiceItem fields, without the OS: the
// ImagePath split into program and arguments, the path forms the Service Control Manager accepts
// turned into one full path, and the numeric codes of the SCM as the names Mandiant's ServiceItem
// uses ("SERVICE_AUTO_START", "SERVICE_RUNNING", "SERVICE_WIN32_SHARE_PROCESS").
//
//   SplitImagePath("\"C:\\x y\\svc.exe\" -k netsvcs")   -> {"C:\\x y\\svc.exe", "-k netsvcs"}
//   FullServicePath("\\SystemRoot\\System32\\drivers\\a.sys", env)  -> "C:\\Windows\\System32\\drivers\\a.sys"
//   StartTypeName(2) -> "SERVICE_AUTO_START"
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace iocscan::collect {

struct ServiceCommand {
  std::string program;    // as written (not yet a full path: see FullServicePath)
  std::string arguments;  // the rest of the line, trimmed; "" when none
};

// A quoted program ends at its closing quote. An unquoted one may hold spaces ("C:\Program
// Files\a\b.exe -x"): it ends after the first ".exe" (or ".sys", ".com", ".bat", ".cmd") that is
// followed by a space or the end, as CreateProcess would eventually find it; else at the first
// space.
ServiceCommand SplitImagePath(std::string_view image_path);

// The value of an environment variable; nullopt when it is not set.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

// One full Win32 path from the forms a service's ImagePath or ServiceDll takes: "%VAR%" expanded
// with `env` (an unknown variable stays as written, as ExpandEnvironmentStrings leaves it);
// "\SystemRoot\x" and a relative "System32\x" (drivers) under %SystemRoot%; "\??\C:\x" as
// "C:\x". Anything else as written.
std::string FullServicePath(std::string_view path, const EnvLookup& env);

// "%SystemRoot%\System32\qmgr.dll" -> "C:\Windows\System32\qmgr.dll"; unknown names kept.
std::string ExpandEnvVars(std::string_view text, const EnvLookup& env);

// The SCM's codes as their constant names; "" for a code this build does not know.
std::string_view StartTypeName(std::uint32_t start_type);  // SERVICE_BOOT_START .. SERVICE_DISABLED
std::string_view StateName(std::uint32_t state);           // SERVICE_STOPPED .. SERVICE_PAUSED
// The type bits joined by '|' ("SERVICE_WIN32_OWN_PROCESS|SERVICE_INTERACTIVE_PROCESS").
std::string ServiceTypeName(std::uint32_t type);

}  // namespace iocscan::collect
