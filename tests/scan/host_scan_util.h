// Helpers of the host-document scan tests: IOCs written to a scratch folder, a fake offline root,
// one library-level scan, and lookups in its cards.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "scan/prepare.h"
#include "scan/scan.h"
#include "support/scratch_dir.h"

namespace iocscan::scan::testing {

using iocscan::testing::ScratchDir;

inline std::string IocXml(const std::string& id, const std::string& criteria) {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<OpenIOC xmlns=\"http://openioc.org/schemas/OpenIOC_1.1\" "
         "id=\"" + id + "\"><metadata><short_description>" + id +
         "</short_description></metadata><criteria>" + criteria + "</criteria></OpenIOC>";
}

inline void Put(const ScratchDir& root, const std::string& path, std::string_view content, mode_t mode = 0644) {
  std::filesystem::create_directories(std::filesystem::path(root.Join(path)).parent_path());
  root.Write(path, content, mode);
}

inline std::string Text(const report::CardItem& item, std::string_view name) {
  for (const report::CardField& f : item.fields) {
    if (f.name == name) return f.values.empty() ? "<empty>" : f.values[0].text;
  }
  return "<absent>";
}

inline std::int64_t Int(const report::CardItem& item, std::string_view name) {
  for (const report::CardField& f : item.fields) {
    if (f.name == name && !f.values.empty()) return f.values[0].integer;
  }
  return -1;
}

inline const report::Card* CardOf(const ScanOutcome& out, std::string_view id) {
  for (const report::Card& c : out.cards) {
    if (c.ioc.id == id) return &c;
  }
  return nullptr;
}

// The names on a card's items, by the card field `name`, sorted.
inline std::vector<std::string> Names(const report::Card* card, std::string_view name) {
  std::vector<std::string> out;
  if (card) {
    for (const report::CardItem& item : card->items) out.push_back(Text(item, name));
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline bool HasWarning(const ScanOutcome& out, std::string_view text) {
  for (const Warning& w : out.warnings) {
    if (w.Text().find(text) != std::string::npos) return true;
  }
  return false;
}

inline ScanOutcome Scan(const ScratchDir& iocs, const std::string& root) {
  Result<PreparedIocs> prepared = PrepareIocs({iocs.path()}, {});
  REQUIRE(prepared.ok());
  ScanOptions options;
  options.root = root;
  options.threads = 1;
  return RunScan(prepared.value().set, options, {});
}

inline std::string ReadHostFile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace iocscan::scan::testing
