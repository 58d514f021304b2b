#include "ioc/zip_reader.h"

#include <zip.h>

#include <memory>

#include "core/limits.h"
#include "ioc/text_util.h"

namespace iocscan::ioc {
namespace {

struct ZipDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileClose {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipDiscard>;
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileClose>;

std::string OpenErrorText(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

bool IsIocName(std::string_view name) { return HasExtension(name, ".ioc") || HasExtension(name, ".xml"); }

// Central-directory checks, before anything is expanded.
Status CheckDirectory(zip_t* zip, const std::string& path, zip_int64_t count) {
  if (count < 0) return Error{path, "refused: corrupt ZIP archive (cannot count entries)"};
  if (static_cast<std::uint64_t>(count) > limits::kMaxZipEntries) {
    return Error{path, "refused: ZIP archive has " + std::to_string(count) + " entries (at most 10000)"};
  }
  std::uint64_t total = 0;
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    if (zip_stat_index(zip, static_cast<zip_uint64_t>(i), 0, &st) != 0 || (st.valid & ZIP_STAT_SIZE) == 0) {
      return Error{path, "refused: corrupt ZIP archive (entry " + std::to_string(i) + " unreadable)"};
    }
    std::string name = (st.valid & ZIP_STAT_NAME) != 0 && st.name != nullptr ? OneLine(st.name) : "?";
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && st.encryption_method != ZIP_EM_NONE) {
      return Error{path, "refused: encrypted ZIP entry " + name};
    }
    if (st.size > limits::kMaxZipTotalBytes - total) {
      return Error{path, "refused: ZIP archive would expand past 256 MiB (zip bomb?)"};
    }
    total += st.size;
  }
  return Ok{};
}

// Reads exactly `declared` bytes; one byte more or less means the archive lies or is damaged.
Result<std::string> ReadEntry(zip_t* zip, zip_uint64_t index, std::uint64_t declared, const std::string& source) {
  ZipFilePtr file(zip_fopen_index(zip, index, 0));
  if (!file) return Error{source, OneLine(std::string("cannot open ZIP entry: ") + zip_strerror(zip))};
  std::string data(static_cast<std::size_t>(declared) + 1, '\0');
  std::size_t got = 0;
  while (got < data.size()) {
    zip_int64_t n = zip_fread(file.get(), data.data() + got, data.size() - got);
    if (n < 0) return Error{source, OneLine(std::string("corrupt ZIP entry: ") + zip_file_strerror(file.get()))};
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  if (got != declared) {
    return Error{source, "ZIP entry size differs from its declared size (" + std::to_string(declared) +
                             " bytes): corrupt or forged archive"};
  }
  data.resize(got);
  return data;
}

}  // namespace

bool IsSafeEntryName(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find('\\') != std::string_view::npos) return false;
  if (name.size() >= 2 && name[1] == ':') return false;  // C:, also any "x:" first component
  std::size_t b = 0;
  while (b <= name.size()) {
    std::size_t e = name.find('/', b);
    if (e == std::string_view::npos) e = name.size();
    if (name.substr(b, e - b) == "..") return false;
    b = e + 1;
  }
  return true;
}

Status ReadZip(const std::string& path, const std::function<void(ZipEntry)>& on_entry,
               const std::function<void(Warning, bool refused)>& on_problem) {
  int code = 0;
  ZipPtr zip(zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code));
  if (!zip) return Error{path, OneLine("refused: not a readable ZIP archive (" + OpenErrorText(code) + ")")};
  const zip_int64_t count = zip_get_num_entries(zip.get(), 0);
  if (Status s = CheckDirectory(zip.get(), path, count); !s.ok()) return s;

  std::uint64_t total_read = 0;
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    if (zip_stat_index(zip.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0) {
      return Error{path, "refused: corrupt ZIP archive"};
    }
    std::string name = st.name == nullptr ? std::string() : std::string(st.name);
    std::string source = path + ":" + OneLine(name);
    if (!name.empty() && name.back() == '/') continue;  // a folder
    if (!IsSafeEntryName(name)) {
      on_problem({source, "refused: unsafe ZIP entry name (absolute, '..', backslash or drive letter)"}, true);
      continue;
    }
    if (st.size > limits::kMaxIocFileBytes) {
      bool ioc_name = IsIocName(name);
      on_problem({source, std::string(ioc_name ? "larger than " : "skipped, larger than ") + limits::kMaxIocFileSize +
                               (ioc_name ? ", refused" : "")}, ioc_name);
      continue;
    }
    Result<std::string> bytes = ReadEntry(zip.get(), static_cast<zip_uint64_t>(i), st.size, source);
    if (!bytes.ok()) return Error{path, "refused: " + bytes.error().message + " (" + OneLine(name) + ")"};
    total_read += bytes.value().size();
    if (total_read > limits::kMaxZipTotalBytes) return Error{path, "refused: ZIP archive expands past 256 MiB"};
    on_entry(ZipEntry{std::move(name), std::move(source), std::move(bytes).value()});
  }
  return Ok{};
}

}  // namespace iocscan::ioc
