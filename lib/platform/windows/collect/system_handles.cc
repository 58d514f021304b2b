#include "platform/windows/collect/system_handles.h"

#include <windows.h>
#include <winternl.h>

#include <memory>

#include "platform/windows/win_text.h"

namespace iocscan::platform::win {
namespace {

constexpr ULONG kSystemExtendedHandleInformation = 64;
constexpr ULONG kObjectNameInformation = 1;
constexpr ULONG kObjectTypeInformation = 2;
constexpr NTSTATUS kInfoLengthMismatch = static_cast<NTSTATUS>(0xC0000004);
constexpr std::size_t kMaxSnapshotBytes = 256u << 20;  // millions of handles: a broken answer

// SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX and SYSTEM_HANDLE_INFORMATION_EX (not in the SDK headers).
struct HandleEntry {
  PVOID object;
  ULONG_PTR pid;
  ULONG_PTR value;
  ULONG access;
  USHORT creator_back_trace;
  USHORT type_index;
  ULONG attributes;
  ULONG reserved;
};
struct HandleTable {
  ULONG_PTR count;
  ULONG_PTR reserved;
  HandleEntry handles[1];
};

using QuerySystemFn = NTSTATUS(NTAPI*)(ULONG, PVOID, ULONG, PULONG);
using QueryObjectFn = NTSTATUS(NTAPI*)(HANDLE, ULONG, PVOID, ULONG, PULONG);

template <typename Fn>
Fn NtFunction(const char* name) {
  HMODULE ntdll = ::GetModuleHandleW(L"ntdll.dll");
  return ntdll ? reinterpret_cast<Fn>(reinterpret_cast<void*>(::GetProcAddress(ntdll, name))) : nullptr;
}

struct HandleCloser {
  void operator()(HANDLE h) const {
    if (h) ::CloseHandle(h);
  }
};
using Handle = std::unique_ptr<void, HandleCloser>;

// The UNICODE_STRING NtQueryObject writes at the start of its buffer (name and type information
// both begin with one), as UTF-8.
std::optional<std::string> QueryString(HANDLE h, ULONG info_class) {
  static const QueryObjectFn query = NtFunction<QueryObjectFn>("NtQueryObject");
  if (!query) return std::nullopt;
  alignas(8) unsigned char buffer[4096];
  ULONG size = 0;
  if (query(h, info_class, buffer, sizeof buffer, &size) < 0) return std::nullopt;
  const auto* text = reinterpret_cast<const UNICODE_STRING*>(buffer);
  if (!text->Buffer || text->Length == 0) return std::string();
  return Utf8(std::wstring_view(text->Buffer, text->Length / sizeof(wchar_t)));
}

// Access masks of synchronous named pipes on which a name query can hang (as process explorers
// have long observed).
bool MayBlock(std::uint32_t access) {
  return access == 0x0012019F || access == 0x001A019F || access == 0x00120189 || access == 0x00100000;
}

std::string Win32Path(HANDLE h) {
  std::wstring buffer(32768, L'\0');
  DWORD n = ::GetFinalPathNameByHandleW(h, buffer.data(), static_cast<DWORD>(buffer.size()), VOLUME_NAME_DOS);
  if (n == 0 || n >= buffer.size()) return "";
  return Utf8(std::wstring_view(buffer.data(), n));
}

}  // namespace

void SystemHandles::Take() {
  taken_ = true;
  static const QuerySystemFn query = NtFunction<QuerySystemFn>("NtQuerySystemInformation");
  if (!query) return;
  std::vector<unsigned char> buffer(1u << 20);
  NTSTATUS status;
  ULONG needed = 0;
  // The table grows while it is read: retry with room to spare.
  while ((status = query(kSystemExtendedHandleInformation, buffer.data(), static_cast<ULONG>(buffer.size()),
                         &needed)) == kInfoLengthMismatch &&
         buffer.size() < kMaxSnapshotBytes) {
    buffer.resize(std::max<std::size_t>(buffer.size() * 2, needed + (1u << 16)));
  }
  if (status < 0) return;
  const auto* table = reinterpret_cast<const HandleTable*>(buffer.data());
  std::size_t fits = (buffer.size() - offsetof(HandleTable, handles)) / sizeof(HandleEntry);
  for (std::size_t i = 0; i < table->count && i < fits; ++i) {
    const HandleEntry& e = table->handles[i];
    by_pid_.emplace(static_cast<std::int64_t>(e.pid), Entry{e.value, e.access, e.type_index});
  }
}

std::vector<collect::WinHandle> SystemHandles::Of(std::int64_t pid) {
  if (!taken_) Take();
  std::vector<collect::WinHandle> out;
  auto [first, last] = by_pid_.equal_range(pid);
  if (first == last) return out;
  Handle process(::OpenProcess(PROCESS_DUP_HANDLE, FALSE, static_cast<DWORD>(pid)));
  if (!process) return out;
  for (auto it = first; it != last; ++it) {
    const Entry& e = it->second;
    HANDLE raw = nullptr;
    if (!::DuplicateHandle(process.get(), reinterpret_cast<HANDLE>(static_cast<ULONG_PTR>(e.value)),
                           ::GetCurrentProcess(), &raw, 0, FALSE, DUPLICATE_SAME_ACCESS)) {
      continue;  // closed since the snapshot, or not duplicable (an ETW registration, ...)
    }
    Handle h(raw);
    auto type = type_names_.find(e.type);
    if (type == type_names_.end()) {
      std::optional<std::string> name = QueryString(h.get(), kObjectTypeInformation);
      if (!name) continue;
      type = type_names_.emplace(e.type, *name).first;
    }
    collect::WinHandle handle;
    handle.type = type->second;
    bool file = handle.type == "File";
    if (!file || (!MayBlock(e.access) && ::GetFileType(h.get()) == FILE_TYPE_DISK)) {
      std::string object_name = QueryString(h.get(), kObjectNameInformation).value_or("");
      handle.names = collect::HandleNames(handle.type, object_name, file ? Win32Path(h.get()) : "");
    }
    out.push_back(std::move(handle));
  }
  return out;
}

}  // namespace iocscan::platform::win
