// OwnerOf and AlternateStreams on Windows (platform/file_owner.h): the owner SID from the file's
// security descriptor (READ_CONTROL only), named with LookupAccountSidW; streams from
// FindFirstStreamW, without the unnamed main stream.
#include "platform/file_owner.h"

#include <windows.h>
#include <aclapi.h>
#include <sddl.h>

#include "platform/file_stat.h"
#include "platform/windows/win_text.h"

namespace iocscan::platform {
namespace {

constexpr std::size_t kMaxStreams = 1000;

std::string AccountName(PSID sid) {
  wchar_t name[256], domain[256];
  DWORD name_size = 256, domain_size = 256;
  SID_NAME_USE use{};
  if (!::LookupAccountSidW(nullptr, sid, name, &name_size, domain, &domain_size, &use)) return {};
  std::string out = domain_size > 0 ? win::Utf8(domain) + "\\" : std::string();
  return out + win::Utf8(name);
}

}  // namespace

std::optional<FileOwner> OwnerOf(int dir_fd, const char* name) {
  if (dir_fd != kCurrentDir) return std::nullopt;
  HANDLE h = ::CreateFileW(win::ExtendedPath(name).c_str(), READ_CONTROL,
                           FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr, OPEN_EXISTING,
                           FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
  if (h == INVALID_HANDLE_VALUE) return std::nullopt;
  PSID owner = nullptr;
  PSECURITY_DESCRIPTOR descriptor = nullptr;
  DWORD error = ::GetSecurityInfo(h, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION, &owner, nullptr, nullptr, nullptr,
                                  &descriptor);
  ::CloseHandle(h);
  if (error != ERROR_SUCCESS || owner == nullptr) {
    if (descriptor != nullptr) ::LocalFree(descriptor);
    return std::nullopt;
  }
  FileOwner result;
  wchar_t* text = nullptr;
  if (::ConvertSidToStringSidW(owner, &text)) {
    result.sid = win::Utf8(text);
    ::LocalFree(text);
  }
  result.name = AccountName(owner);
  ::LocalFree(descriptor);
  if (result.sid.empty()) return std::nullopt;
  return result;
}

std::vector<DataStream> AlternateStreams(int dir_fd, const char* name) {
  std::vector<DataStream> out;
  if (dir_fd != kCurrentDir) return out;
  WIN32_FIND_STREAM_DATA data{};
  HANDLE find = ::FindFirstStreamW(win::ExtendedPath(name).c_str(), FindStreamInfoStandard, &data, 0);
  if (find == INVALID_HANDLE_VALUE) return out;
  do {
    // ":Zone.Identifier:$DATA" -> "Zone.Identifier"; "::$DATA" is the file's own content.
    std::wstring_view s(data.cStreamName);
    if (s.size() > 1 && s.front() == L':') s.remove_prefix(1);
    if (std::size_t type = s.rfind(L':'); type != std::wstring_view::npos) s = s.substr(0, type);
    if (s.empty()) continue;
    out.push_back({win::Utf8(s), static_cast<std::uint64_t>(data.StreamSize.QuadPart)});
  } while (out.size() < kMaxStreams && ::FindNextStreamW(find, &data));
  ::FindClose(find);
  return out;
}

OpenResult OpenDataStream(int dir_fd, const char* name, std::string_view stream) {
  std::string path = std::string(name) + ":" + std::string(stream) + ":$DATA";
  return SafeOpen(dir_fd, path.c_str(), {});
}

}  // namespace iocscan::platform
