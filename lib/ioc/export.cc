// ExportZip: the archive is built in a libzip memory source, then written in one atomic step, so a
// failure never leaves half an archive at the destination.
#include "ioc/export.h"

#include <zip.h>

#include <filesystem>
#include <set>

#include "core/atomic_file.h"
#include "ioc/text_util.h"

namespace iocscan::ioc {
namespace {

constexpr std::size_t kMaxStemChars = 100;

// A file-name stem from the IOC's id, else its name: [A-Za-z0-9._-] kept, the rest '_'.
std::string EntryStem(const Ioc& ioc) {
  const std::string& raw = ioc.meta.id.empty() ? ioc.Name() : ioc.meta.id;
  std::string stem;
  for (char c : raw) {
    if (stem.size() == kMaxStemChars) break;
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                c == '.';
    stem += keep ? c : '_';
  }
  if (stem.empty() || stem.find_first_not_of('.') == std::string::npos) stem = "ioc";
  return stem;
}

// Unique entry names, compared without case (case-insensitive file systems extract them too).
std::string UniqueName(const std::string& stem, std::set<std::string>& taken) {
  for (int n = 1;; ++n) {
    std::string name = n == 1 ? stem + ".ioc" : stem + "-" + std::to_string(n) + ".ioc";
    std::string key = name;
    for (char& c : key) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (taken.insert(key).second) return name;
  }
}

std::string ZipErrorText(zip_error_t* error) { return OneLine(zip_error_strerror(error)); }

// Builds the archive in memory. The entry sources point into Ioc::bytes, alive until zip_close.
Result<std::string> BuildZip(const std::vector<const Ioc*>& iocs, const std::string& zip_path) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) return Error{zip_path, "cannot create ZIP in memory: " + ZipErrorText(&error)};
  zip_t* zip = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (zip == nullptr) {
    zip_source_free(buffer);
    return Error{zip_path, "cannot create ZIP in memory: " + ZipErrorText(&error)};
  }
  zip_source_keep(buffer);  // we read the result from it after zip_close
  std::set<std::string> taken;
  for (const Ioc* ioc : iocs) {
    zip_source_t* s = zip_source_buffer(zip, ioc->bytes.data(), ioc->bytes.size(), 0);
    std::string name = UniqueName(EntryStem(*ioc), taken);
    if (s == nullptr || zip_file_add(zip, name.c_str(), s, ZIP_FL_ENC_UTF_8) < 0) {
      if (s != nullptr) zip_source_free(s);
      Error e{zip_path, OneLine("cannot add " + name + ": " + zip_strerror(zip))};
      zip_discard(zip);
      zip_source_free(buffer);
      return e;
    }
  }
  if (zip_close(zip) != 0) {
    Error e{zip_path, OneLine(std::string("cannot finish ZIP: ") + zip_strerror(zip))};
    zip_discard(zip);
    zip_source_free(buffer);
    return e;
  }
  std::string data;
  zip_stat_t st;
  if (zip_source_stat(buffer, &st) == 0 && zip_source_open(buffer) == 0) {
    data.resize(static_cast<std::size_t>(st.size));
    zip_int64_t n = zip_source_read(buffer, data.data(), data.size());
    zip_source_close(buffer);
    if (n < 0 || static_cast<std::uint64_t>(n) != st.size) data.clear();
  }
  zip_source_free(buffer);
  if (data.empty()) return Error{zip_path, "cannot read back the ZIP built in memory"};
  return data;
}

}  // namespace

Status ExportZip(const std::vector<const Ioc*>& iocs, const std::string& zip_path, bool force) {
  if (iocs.empty()) return Error{zip_path, "nothing to export: no IOC given"};
  std::error_code ec;
  if (!force && std::filesystem::exists(zip_path, ec)) {
    return Error{zip_path, "already exists; use --force to overwrite"};
  }
  Result<std::string> data = BuildZip(iocs, zip_path);
  if (!data.ok()) return data.error();
  return WriteFileAtomically(zip_path, data.value(), force ? Overwrite::kReplace : Overwrite::kRefuse);
}

}  // namespace iocscan::ioc
