// Helpers of the host-document scan tests (users, hosts file, system, volumes, modules), on top of
// scan_test_util.h: files of a fake offline root, one scan of it (or of the live system), and the
// card values those tests compare.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "scan/scan_test_util.h"

namespace iocscan::scan::testing {

// Writes `content` at `path` under `root`, creating the folders on the way.
inline void Put(const ScratchDir& root, const std::string& path, std::string_view content, mode_t mode = 0644) {
  std::filesystem::create_directories(std::filesystem::path(root.Join(path)).parent_path());
  root.Write(path, content, mode);
}

// The integer of a single-valued int field, -1 when absent.
inline std::int64_t IntOf(const report::CardItem& item, std::string_view name) {
  const report::CardField* f = FieldOf(item, name);
  return f && f->values.size() == 1 ? f->values[0].integer : -1;
}

// The text field `name` of every item of a card, sorted; empty when there is no card.
inline std::vector<std::string> Names(const report::Card* card, std::string_view name) {
  std::vector<std::string> out;
  if (card) {
    for (const report::CardItem& item : card->items) out.push_back(TextOf(item, name));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Scans with every IOC of `iocs`: under the offline `root`, or the live system when it is "".
inline ScanOutcome ScanRoot(const ScratchDir& iocs, const std::string& root) {
  ScanOptions options;
  options.root = root;
  options.threads = 1;
  return PrepareAndScan({iocs.path()}, options);
}

// A file of this machine, "" when it cannot be read.
inline std::string ReadHostFile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace iocscan::scan::testing
