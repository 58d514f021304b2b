#include "collect/windows/volume_fields.h"

#include <cstdio>

namespace iocscan::collect {

std::string VolumeSerialText(std::uint32_t serial) {
  char text[10];
  std::snprintf(text, sizeof text, "%04X-%04X", static_cast<unsigned>(serial >> 16),
                static_cast<unsigned>(serial & 0xFFFF));
  return text;
}

std::string FileSystemFlagNames(std::uint32_t flags) {
  static constexpr std::pair<std::uint32_t, const char*> kNames[] = {
      {0x00000001, "CASE_SENSITIVE_SEARCH"},  {0x00000002, "CASE_PRESERVED_NAMES"},
      {0x00000004, "UNICODE_ON_DISK"},        {0x00000008, "PERSISTENT_ACLS"},
      {0x00000010, "FILE_COMPRESSION"},       {0x00000020, "VOLUME_QUOTAS"},
      {0x00000040, "SUPPORTS_SPARSE_FILES"},  {0x00000080, "SUPPORTS_REPARSE_POINTS"},
      {0x00000100, "SUPPORTS_REMOTE_STORAGE"}, {0x00000200, "RETURNS_CLEANUP_RESULT_INFO"},
      {0x00000400, "SUPPORTS_POSIX_UNLINK_RENAME"}, {0x00004000, "SUPPORTS_BYPASS_IO"},
      {0x00008000, "VOLUME_IS_COMPRESSED"},   {0x00010000, "SUPPORTS_OBJECT_IDS"},
      {0x00020000, "SUPPORTS_ENCRYPTION"},    {0x00040000, "NAMED_STREAMS"},
      {0x00080000, "READ_ONLY_VOLUME"},       {0x00100000, "SEQUENTIAL_WRITE_ONCE"},
      {0x00200000, "SUPPORTS_TRANSACTIONS"},  {0x00400000, "SUPPORTS_HARD_LINKS"},
      {0x00800000, "SUPPORTS_EXTENDED_ATTRIBUTES"}, {0x01000000, "SUPPORTS_OPEN_BY_FILE_ID"},
      {0x02000000, "SUPPORTS_USN_JOURNAL"},   {0x04000000, "SUPPORTS_INTEGRITY_STREAMS"},
      {0x08000000, "SUPPORTS_BLOCK_REFCOUNTING"}, {0x10000000, "SUPPORTS_SPARSE_VDL"},
      {0x20000000, "DAX_VOLUME"},             {0x40000000, "SUPPORTS_GHOSTING"},
  };
  std::string out;
  std::uint32_t known = 0;
  for (const auto& [bit, name] : kNames) {
    known |= bit;
    if (flags & bit) out += (out.empty() ? "" : ", ") + std::string(name);
  }
  if (std::uint32_t rest = flags & ~known) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%X", static_cast<unsigned>(rest));
    out += (out.empty() ? "" : ", ") + std::string(hex);
  }
  return out;
}

std::string RemoteServerOfDosDevice(std::string_view target) {
  std::string_view rest;
  if (std::size_t at = target.find("\\;"); at != std::string_view::npos) {
    rest = target.substr(at + 2);
    std::size_t slash = rest.find('\\');  // past "X:<logon id>"
    if (slash == std::string_view::npos) return "";
    rest = rest.substr(slash + 1);
  } else if (target.starts_with("\\??\\UNC\\")) {
    rest = target.substr(8);
  } else {
    return "";
  }
  return std::string(rest.substr(0, rest.find('\\')));
}

}  // namespace iocscan::collect
