// A small, bounds-checked parser of PE (Windows executable) images, for FileItem/PEInfo/... on any
// OS. It works on a byte span (the file, or its first N MiB) and trusts no offset, size or count
// in the file: every read is checked against the span, every list is capped, and every walk
// advances, so a truncated, garbage or hostile image gives partial information or "not a PE",
// never a crash or a loop. Only what IOC terms ask for is parsed: headers, sections (with
// entropy), imports, exports, version-info strings and the presence of a signature.
//
//   std::optional<pe::PeInfo> info = pe::ParsePe(bytes, file_size);
//   if (info) { info->is_dll; info->sections[0].name; info->imports[0].functions; ... }
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iocscan::collect::pe {

// Caps: far above what real binaries have (a big DLL imports from ~100 modules, a few thousand
// functions; ntdll exports ~2,500), low enough that a hostile count costs little.
struct PeLimits {
  std::size_t max_sections = 256;
  std::size_t max_modules = 1024;
  std::size_t max_functions_per_module = 16384;
  std::size_t max_total_imports = 65536;
  std::size_t max_exports = 65536;
  std::size_t max_name_bytes = 1024;     // one imported/exported name
  std::size_t max_version_tables = 16;   // StringTables (languages) read
  std::size_t max_version_strings = 256; // strings per table
};

struct Section {
  std::string name;                   // up to 8 bytes, NULs dropped (raw bytes)
  std::uint32_t virtual_address = 0;
  std::uint32_t virtual_size = 0;
  std::uint32_t raw_offset = 0;
  std::uint32_t raw_size = 0;
  std::uint32_t characteristics = 0;
  std::optional<double> entropy;      // bits per byte of the raw data; absent when not in the span
};

struct ImportedModule {
  std::string name;                     // "KERNEL32.dll"
  std::vector<std::string> functions;   // names; an import by ordinal is "#<ordinal>"
};

struct VersionTable {
  std::string language;  // the StringTable key: language id + code page in hex, "040904b0"
  std::vector<std::pair<std::string, std::string>> strings;  // UTF-8 key -> value
};

struct PeInfo {
  std::uint16_t machine = 0;
  std::uint16_t characteristics = 0;
  std::uint32_t timestamp = 0;        // COFF TimeDateStamp, seconds since the epoch
  bool is_dll = false;
  bool has_optional_header = false;
  bool pe32_plus = false;
  std::uint16_t subsystem = 0;
  std::uint64_t image_base = 0;
  std::uint32_t checksum = 0;         // the header's CheckSum field
  std::uint16_t number_of_sections = 0;  // as the header says
  std::vector<Section> sections;         // as parsed (capped, within the span)
  std::vector<ImportedModule> imports;
  bool has_exports = false;
  std::string export_dll_name;
  std::uint32_t export_timestamp = 0;
  std::uint32_t export_function_count = 0;  // NumberOfFunctions as the header says
  std::uint32_t export_name_count = 0;      // NumberOfNames as the header says
  std::vector<std::string> exports;         // exported names (capped)
  std::vector<VersionTable> version_info;
  bool signature_exists = false;  // the security directory points at a certificate table
  bool truncated = false;         // something pointed outside the span or past a cap
};

// nullopt when `bytes` does not start with a PE image (no MZ, no "PE\0\0" where e_lfanew says).
// `file_size` is the size of the whole file when `bytes` is only its beginning (0 = bytes.size()).
std::optional<PeInfo> ParsePe(std::span<const unsigned char> bytes, std::uint64_t file_size = 0,
                              const PeLimits& limits = {});

// "Executable" or "DLL".
std::string_view TypeName(const PeInfo& info);

// "Windows GUI", "Windows CUI", "Native", ... ; "Unknown" for unlisted values.
std::string_view SubsystemName(std::uint16_t subsystem);

// Shannon entropy in bits per byte (0 for an empty span).
double Entropy(std::span<const unsigned char> bytes);

}  // namespace iocscan::collect::pe
