// Helpers for the ioc tests: a temporary folder, files in it, and real ZIP archives built with libzip.
#pragma once

#include <zip.h>

#ifdef _WIN32
#include <process.h>
#endif

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "ioc/model.h"

namespace iocscan::ioc::testing {

class TempDir {
 public:
  TempDir() {
#ifdef _WIN32
    // No mkdtemp: a name from the process id and a counter, created exclusively.
    static int counter = 0;
    for (;;) {
      auto dir = std::filesystem::temp_directory_path() /
                 ("iocscan-ioc-" + std::to_string(::_getpid()) + "-" + std::to_string(counter++));
      if (std::filesystem::create_directory(dir)) {
        path_ = dir.string();
        break;
      }
    }
#else
    std::string pattern = (std::filesystem::temp_directory_path() / "iocscan-ioc-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
#endif
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // The OS's separators (what the loader reports on Windows too).
  std::string operator/(const std::string& rel) const {
    return (std::filesystem::path(path_) / rel).make_preferred().string();
  }

  // Writes `contents` at `rel`, creating folders on the way; returns the full path.
  std::string Write(const std::string& rel, const std::string& contents) const {
    std::string full = *this / rel;
    std::filesystem::create_directories(std::filesystem::path(full).parent_path());
    std::ofstream(full, std::ios::binary) << contents;
    return full;
  }

 private:
  std::string path_;
};

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A ZIP at `path` with the given (name, contents) entries, in order. Returns false on any libzip error.
inline bool MakeZip(const std::string& path, const std::vector<std::pair<std::string, std::string>>& entries) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (z == nullptr) return false;
  for (const auto& [name, contents] : entries) {
    if (!name.empty() && name.back() == '/') {
      if (zip_dir_add(z, name.c_str(), ZIP_FL_ENC_UTF_8) < 0) return zip_discard(z), false;
      continue;
    }
    zip_source_t* s = zip_source_buffer(z, contents.data(), contents.size(), 0);
    if (s == nullptr || zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8) < 0) return zip_discard(z), false;
  }
  if (zip_close(z) == 0) return true;
  zip_discard(z);  // zip_close leaves the archive open on failure
  return false;
}

// A minimal valid IOC of each version, with a given id and one FileName term.
inline std::string Ioc10(const std::string& id, const std::string& file_name = "evil.exe") {
  return "<?xml version=\"1.0\" encoding=\"us-ascii\"?>\n"
         "<ioc xmlns=\"http://schemas.mandiant.com/2010/ioc\" id=\"" + id + "\" last-modified=\"2020-01-01T00:00:00\">\n"
         "  <short_description>test " + id + "</short_description>\n"
         "  <definition>\n"
         "    <Indicator operator=\"OR\" id=\"top\">\n"
         "      <IndicatorItem id=\"i1\" condition=\"is\">\n"
         "        <Context document=\"FileItem\" search=\"FileItem/FileName\" type=\"mir\"/>\n"
         "        <Content type=\"string\">" + file_name + "</Content>\n"
         "      </IndicatorItem>\n"
         "    </Indicator>\n"
         "  </definition>\n"
         "</ioc>\n";
}

inline std::string Ioc11(const std::string& id, const std::string& file_name = "evil.exe") {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
         "<OpenIOC xmlns=\"http://openioc.org/schemas/OpenIOC_1.1\" id=\"" + id +
         "\" last-modified=\"2020-01-01T00:00:00Z\" published-date=\"0001-01-01T00:00:00\">\n"
         "  <metadata><short_description>test " + id + "</short_description></metadata>\n"
         "  <criteria>\n"
         "    <Indicator operator=\"OR\" id=\"top\">\n"
         "      <IndicatorItem id=\"i1\" condition=\"is\" negate=\"false\" preserve-case=\"false\">\n"
         "        <Context document=\"FileItem\" search=\"FileItem/FileName\" type=\"mir\"/>\n"
         "        <Content type=\"string\">" + file_name + "</Content>\n"
         "      </IndicatorItem>\n"
         "    </Indicator>\n"
         "  </criteria>\n"
         "  <parameters/>\n"
         "</OpenIOC>\n";
}

}  // namespace iocscan::ioc::testing
