#include "platform/windows/collect/process_snapshot.h"

#include <windows.h>
#include <sddl.h>
#include <tlhelp32.h>
#include <winternl.h>

#include <memory>

#include "collect/path_parts.h"
#include "platform/windows/collect/file_digests.h"
#include "platform/windows/collect/socket_tables.h"
#include "platform/windows/win_text.h"

namespace iocscan::platform::win {
namespace {

using collect::WinAccount;
using collect::WinProcess;

struct HandleCloser {
  void operator()(HANDLE h) const {
    if (h && h != INVALID_HANDLE_VALUE) ::CloseHandle(h);
  }
};
using Handle = std::unique_ptr<void, HandleCloser>;

Handle OpenQuery(std::int64_t pid, DWORD extra = 0) {
  return Handle(::OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION | extra, FALSE, static_cast<DWORD>(pid)));
}

std::optional<std::string> ImagePath(HANDLE h) {
  std::wstring buffer(32768, L'\0');
  DWORD size = static_cast<DWORD>(buffer.size());
  if (!::QueryFullProcessImageNameW(h, 0, buffer.data(), &size)) return std::nullopt;
  buffer.resize(size);
  return Utf8(buffer);
}

std::optional<std::int64_t> StartTime(HANDLE h) {
  FILETIME created{}, exited{}, kernel{}, user{};
  if (!::GetProcessTimes(h, &created, &exited, &kernel, &user)) return std::nullopt;
  if (created.dwLowDateTime == 0 && created.dwHighDateTime == 0) return std::nullopt;  // System, Idle
  return EpochOf(created);
}

// Completes a snapshot entry by opening the process; false when it is gone.
bool Complete(WinProcess& p, std::uint64_t* denied) {
  Handle h = OpenQuery(p.pid);
  if (!h) {
    DWORD error = ::GetLastError();
    if (error == ERROR_INVALID_PARAMETER) return false;  // exited since the snapshot
    ++*denied;
    return true;
  }
  if (std::optional<std::string> image = ImagePath(h.get())) {
    p.image = std::move(*image);
    std::string_view name = collect::SplitWindowsPath(p.image).name;
    if (!name.empty()) p.name = std::string(name);
  }
  p.start_time = StartTime(h.get());
  return true;
}

using NtQueryInformationProcessFn = NTSTATUS(NTAPI*)(HANDLE, PROCESSINFOCLASS, PVOID, ULONG, PULONG);

NtQueryInformationProcessFn NtQuery() {
  static NtQueryInformationProcessFn fn = [] {
    HMODULE ntdll = ::GetModuleHandleW(L"ntdll.dll");
    return ntdll ? reinterpret_cast<NtQueryInformationProcessFn>(
                       reinterpret_cast<void*>(::GetProcAddress(ntdll, "NtQueryInformationProcess")))
                 : nullptr;
  }();
  return fn;
}

// Windows 8.1 and later: the command line with limited query rights.
std::optional<std::string> CommandLineByInfoClass(HANDLE h) {
  constexpr auto kProcessCommandLineInformation = static_cast<PROCESSINFOCLASS>(60);
  ULONG size = 0;
  NTSTATUS status = NtQuery()(h, kProcessCommandLineInformation, nullptr, 0, &size);
  if (size < sizeof(UNICODE_STRING) || size > (1u << 20)) return std::nullopt;
  (void)status;  // STATUS_INFO_LENGTH_MISMATCH with the size, or an error without one
  std::vector<unsigned char> buffer(size);
  if (NtQuery()(h, kProcessCommandLineInformation, buffer.data(), size, &size) < 0) return std::nullopt;
  const auto* text = reinterpret_cast<const UNICODE_STRING*>(buffer.data());
  if (!text->Buffer) return std::string();
  return Utf8(std::wstring_view(text->Buffer, text->Length / sizeof(wchar_t)));
}

template <class T>
bool ReadRemote(HANDLE h, std::uintptr_t address, T* out) {
  SIZE_T got = 0;
  return ::ReadProcessMemory(h, reinterpret_cast<LPCVOID>(address), out, sizeof(T), &got) && got == sizeof(T);
}

// Older systems (and Wine when it lacks the class above): PEB -> ProcessParameters -> CommandLine,
// read from the process's memory (needs PROCESS_VM_READ).
std::optional<std::string> CommandLineFromPeb(std::int64_t pid) {
  Handle h(::OpenProcess(PROCESS_QUERY_INFORMATION | PROCESS_VM_READ, FALSE, static_cast<DWORD>(pid)));
  if (!h) return std::nullopt;
  PROCESS_BASIC_INFORMATION basic{};
  ULONG size = 0;
  if (NtQuery()(h.get(), ProcessBasicInformation, &basic, sizeof basic, &size) < 0 || !basic.PebBaseAddress) {
    return std::nullopt;
  }
  // x64 layouts (winternl.h keeps them opaque): PEB.ProcessParameters at 0x20,
  // RTL_USER_PROCESS_PARAMETERS.CommandLine at 0x70.
  std::uintptr_t params = 0;
  UNICODE_STRING line{};
  if (!ReadRemote(h.get(), reinterpret_cast<std::uintptr_t>(basic.PebBaseAddress) + 0x20, &params) || !params ||
      !ReadRemote(h.get(), params + 0x70, &line)) {
    return std::nullopt;
  }
  std::wstring text(line.Length / sizeof(wchar_t), L'\0');
  SIZE_T got = 0;
  if (!text.empty() && (!::ReadProcessMemory(h.get(), line.Buffer, text.data(), line.Length, &got) || got != line.Length)) {
    return std::nullopt;
  }
  return Utf8(text);
}

}  // namespace

ProcessSnapshot ProcessSnapshot::Take(collect::CollectorStats* stats) {
  ProcessSnapshot snap;
  Handle snapshot(::CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0));
  PROCESSENTRY32W entry{};
  entry.dwSize = sizeof entry;
  if (snapshot.get() == INVALID_HANDLE_VALUE || !::Process32FirstW(snapshot.get(), &entry)) {
    ++stats->errors;
    stats->warnings.push_back({"CreateToolhelp32Snapshot", "processes cannot be listed (Win32 error " +
                                                               std::to_string(::GetLastError()) + ")"});
    return snap;
  }
  do {
    WinProcess p;
    p.pid = entry.th32ProcessID;
    p.ppid = entry.th32ParentProcessID;
    p.name = Utf8(entry.szExeFile);
    // Pid 0 (the idle process) cannot be opened by anyone: it has only its snapshot name.
    if (p.pid == 0 || Complete(p, &snap.denied_)) snap.processes_.push_back(std::move(p));
  } while (::Process32NextW(snapshot.get(), &entry));
  return snap;
}

std::optional<std::string> WinProcessReader::CommandLine(const WinProcess& p) {
  if (!NtQuery()) return std::nullopt;
  if (Handle h = OpenQuery(p.pid)) {
    if (std::optional<std::string> line = CommandLineByInfoClass(h.get())) return line;
  }
  return CommandLineFromPeb(p.pid);
}

std::optional<WinAccount> WinProcessReader::Owner(const WinProcess& p) {
  Handle process = OpenQuery(p.pid);
  HANDLE token_raw = nullptr;
  if (!process || !::OpenProcessToken(process.get(), TOKEN_QUERY, &token_raw)) return std::nullopt;
  Handle token(token_raw);
  DWORD size = 0;
  ::GetTokenInformation(token.get(), TokenUser, nullptr, 0, &size);
  if (size == 0) return std::nullopt;
  std::vector<unsigned char> buffer(size);
  if (!::GetTokenInformation(token.get(), TokenUser, buffer.data(), size, &size)) return std::nullopt;
  PSID sid = reinterpret_cast<TOKEN_USER*>(buffer.data())->User.Sid;
  WinAccount account;
  LPWSTR sid_text = nullptr;
  if (::ConvertSidToStringSidW(sid, &sid_text)) {
    account.sid = Utf8(sid_text);
    ::LocalFree(sid_text);
  }
  auto known = account_names_.find(account.sid);
  if (known != account_names_.end()) {
    account.name = known->second;
    return account;
  }
  wchar_t name[256], domain[256];
  DWORD name_size = 256, domain_size = 256;
  SID_NAME_USE use;
  if (::LookupAccountSidW(nullptr, sid, name, &name_size, domain, &domain_size, &use)) {
    account.name = collect::QualifiedAccount(Utf8(domain), Utf8(name));
  } else {
    account.name = account.sid;  // a deleted account, or a SID no authority names
  }
  account_names_[account.sid] = account.name;
  return account;
}

std::optional<hash::Digests> WinProcessReader::ImageDigests(const WinProcess& p) {
  if (p.image.empty()) return std::nullopt;
  return DigestFile(p.image, mask_);
}

std::vector<std::string> WinProcessReader::MappedFiles(const WinProcess& p) {
  std::vector<std::string> out;
  // ERROR_BAD_LENGTH: the process was loading or unloading a module; the call may be retried.
  Handle snapshot;
  for (int attempt = 0; attempt < 3; ++attempt) {
    snapshot.reset(::CreateToolhelp32Snapshot(TH32CS_SNAPMODULE | TH32CS_SNAPMODULE32, static_cast<DWORD>(p.pid)));
    if (snapshot.get() != INVALID_HANDLE_VALUE || ::GetLastError() != ERROR_BAD_LENGTH) break;
  }
  MODULEENTRY32W module{};
  module.dwSize = sizeof module;
  if (snapshot.get() == INVALID_HANDLE_VALUE || !::Module32FirstW(snapshot.get(), &module)) return out;
  do {
    out.push_back(Utf8(module.szExePath));
  } while (::Module32NextW(snapshot.get(), &module));
  return out;
}

std::vector<collect::PortFields> WinProcessReader::Ports(const WinProcess& p) {
  if (!ports_by_pid_) {
    ports_by_pid_.emplace();
    collect::CollectorStats ignored;  // the PortItem collector reports unreadable tables
    for (const collect::SocketRow& row : ReadSocketRows(&ignored)) {
      if (row.pid != 0) ports_by_pid_->emplace(row.pid, collect::PortFieldsOf(row));
    }
  }
  std::vector<collect::PortFields> out;
  auto [first, last] = ports_by_pid_->equal_range(p.pid);
  for (auto it = first; it != last; ++it) out.push_back(it->second);
  return out;
}

const WinProcess* SnapshotIndex::Find(std::int64_t pid) {
  if (!by_pid_) {
    by_pid_.emplace();
    collect::CollectorStats ignored;  // the PortItem rows stand without their owners' names
    ProcessSnapshot snap = ProcessSnapshot::Take(&ignored);
    for (const WinProcess& p : snap.processes()) by_pid_->emplace(p.pid, p);
  }
  auto it = by_pid_->find(pid);
  return it == by_pid_->end() ? nullptr : &it->second;
}

}  // namespace iocscan::platform::win
