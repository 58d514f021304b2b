// Helpers for the scan tests: IOC files written as text (1.0 and 1.1), a scan of a scratch tree with
// the real loader, compiler, walker and FileItem collector, and lookups in the resulting cards.
#pragma once

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <string>
#include <string_view>
#include <vector>

#include "hash/digest.h"
#include "report/card.h"
#include "scan/prepare.h"
#include "scan/scan.h"
#include "support/scratch_dir.h"

namespace iocscan::scan::testing {

using iocscan::testing::ScratchDir;

inline std::string Xml(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\n': out += "&#10;"; break;
      default: out += c;
    }
  }
  return out;
}

inline std::string NextTermId() {
  static std::atomic<int> n{0};
  return "term-" + std::to_string(++n);
}

struct TermOpts {
  bool negate = false;
  bool preserve_case = false;
};

// One OpenIOC 1.1 IndicatorItem (Content type "string": the term's own type decides, semantics.md).
inline std::string T11(std::string_view condition, std::string_view search, std::string_view content,
                       TermOpts o = {}) {
  std::string doc(search.substr(0, search.find('/')));
  return "<IndicatorItem id=\"" + NextTermId() + "\" condition=\"" + std::string(condition) + "\" negate=\"" +
         (o.negate ? "true" : "false") + "\" preserve-case=\"" + (o.preserve_case ? "true" : "false") +
         "\"><Context document=\"" + doc + "\" search=\"" + Xml(search) +
         "\" type=\"mir\"/><Content type=\"string\">" + Xml(content) + "</Content></IndicatorItem>";
}

// One OpenIOC 1.0 IndicatorItem (no negate/preserve-case attributes; isnot/containsnot instead).
inline std::string T10(std::string_view condition, std::string_view search, std::string_view content) {
  std::string doc(search.substr(0, search.find('/')));
  return "<IndicatorItem id=\"" + NextTermId() + "\" condition=\"" + std::string(condition) +
         "\"><Context document=\"" + doc + "\" search=\"" + Xml(search) +
         "\" type=\"mir\"/><Content type=\"string\">" + Xml(content) + "</Content></IndicatorItem>";
}

inline std::string AND(const std::string& body) { return "<Indicator operator=\"AND\">" + body + "</Indicator>"; }
inline std::string OR(const std::string& body) { return "<Indicator operator=\"OR\">" + body + "</Indicator>"; }

// A whole 1.1 document; `criteria` is its top Indicator.
inline std::string Doc11(std::string_view id, const std::string& criteria) {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<OpenIOC xmlns=\"http://openioc.org/schemas/OpenIOC_1.1\" id=\"" +
         std::string(id) + "\" last-modified=\"2026-01-01T00:00:00Z\"><metadata><short_description>" +
         std::string(id) + " name</short_description><description>about " + std::string(id) +
         "</description><authored_by>scan tests</authored_by></metadata><criteria>" + criteria +
         "</criteria><parameters/></OpenIOC>\n";
}

// A whole 1.0 document.
inline std::string Doc10(std::string_view id, const std::string& definition) {
  return "<?xml version=\"1.0\" encoding=\"us-ascii\"?>\n<ioc xmlns=\"http://schemas.mandiant.com/2010/ioc\" id=\"" +
         std::string(id) + "\" last-modified=\"2026-01-01T00:00:00\"><short_description>" + std::string(id) +
         " name</short_description><description>about " + std::string(id) +
         "</description><authored_by>scan tests</authored_by><definition>" + definition + "</definition></ioc>\n";
}

inline std::string Md5(std::string_view bytes) { return hash::DigestBytes(hash::kMd5, bytes).md5; }
inline std::string Sha1(std::string_view bytes) { return hash::DigestBytes(hash::kSha1, bytes).sha1; }
inline std::string Sha256(std::string_view bytes) { return hash::DigestBytes(hash::kSha256, bytes).sha256; }

inline std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  return s;
}

inline void MkDir(const ScratchDir& dir, std::string_view rel, mode_t mode = 0755) {
  REQUIRE(::mkdir(dir.Join(rel).c_str(), mode) == 0);
}

// Loads and compiles the IOCs at `ioc_paths` (must give a usable set) and scans with `options`.
inline ScanOutcome PrepareAndScan(const std::vector<std::string>& ioc_paths, const ScanOptions& options,
                                  const ScanControl& control = {}) {
  Result<PreparedIocs> prepared = PrepareIocs(ioc_paths, {});
  if (!prepared.ok()) FAIL(prepared.error().Text());
  for (const Warning& w : prepared.value().refused) INFO("refused: " << w.Text());
  return RunScan(prepared.value().set, options, control);
}

inline ScanOptions Scope(const std::string& path, int threads = 2) {
  ScanOptions o;
  o.paths = {path};
  o.threads = threads;
  return o;
}

inline const report::Card* CardOf(const ScanOutcome& out, std::string_view id) {
  for (const report::Card& c : out.cards) {
    if (c.ioc.id == id) return &c;
  }
  return nullptr;
}

inline const report::CardField* FieldOf(const report::CardItem& item, std::string_view name) {
  for (const report::CardField& f : item.fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

// The text of a single-valued text field, "" when absent.
inline std::string TextOf(const report::CardItem& item, std::string_view name) {
  const report::CardField* f = FieldOf(item, name);
  return f && f->values.size() == 1 ? f->values[0].text : std::string();
}

// The FileName of every item of the IOC's card, sorted; empty when the IOC has no card.
inline std::vector<std::string> MatchedNames(const ScanOutcome& out, std::string_view id) {
  std::vector<std::string> names;
  if (const report::Card* c = CardOf(out, id)) {
    for (const report::CardItem& item : c->items) names.push_back(TextOf(item, "FileName"));
  }
  std::sort(names.begin(), names.end());
  return names;
}

inline std::vector<std::string> MatchedPaths(const report::Card& card) {
  std::vector<std::string> paths;
  for (const report::CardItem& item : card.items) paths.push_back(TextOf(item, "FullPath"));
  return paths;
}

inline bool HasWarningContaining(const Warnings& warnings, std::string_view text) {
  return std::any_of(warnings.begin(), warnings.end(),
                     [&](const Warning& w) { return w.Text().find(text) != std::string::npos; });
}

}  // namespace iocscan::scan::testing
