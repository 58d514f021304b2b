#include "terms/listing.h"

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include "terms/conditions.h"

namespace iocscan::terms {
namespace {

std::string JoinConditions(ValueType type) {
  std::string out;
  for (std::string_view c : ApplicableConditions(type)) {
    if (!out.empty()) out += ',';
    out += c;
  }
  return out;
}

std::string OrDash(std::string s) { return s.empty() ? "-" : s; }

// One text row: every column but the last is padded to its width.
using Row = std::array<std::string, 7>;

Row MakeRow(const TermInfo& t) {
  return {std::string(t.document),         std::string(t.search),
          std::string(ValueTypeName(t.type)), JoinConditions(t.type),
          OrDash(PlatformList(t.collected)), OrDash(PlatformList(t.vendor_platforms)),
          std::string(t.description)};
}

// `choice` is one of kCollectedOnChoices.
bool CollectedAs(const TermInfo& t, std::string_view choice) {
  const bool on_linux = CollectedOn(t, kLinux), on_windows = CollectedOn(t, kWindows);
  if (choice == "linux") return on_linux;
  if (choice == "windows") return on_windows;
  if (choice == "both") return on_linux && on_windows;
  if (choice == "linux-only") return on_linux && !on_windows;
  return on_windows && !on_linux;  // windows-only
}

void AppendRow(const Row& row, const std::array<std::size_t, 7>& width, std::string& out) {
  for (std::size_t i = 0; i < row.size(); ++i) {
    out += row[i];
    if (i + 1 == row.size()) break;
    out.append(width[i] - row[i].size() + 2, ' ');
  }
  // Descriptions are never empty today, but keep lines free of trailing blanks regardless.
  while (!out.empty() && out.back() == ' ') out.pop_back();
  out += '\n';
}

}  // namespace

Result<std::vector<FieldId>> SelectTerms(const ListOptions& options) {
  std::span<const TermInfo> rows = AllTerms();
  if (!options.document.empty()) {
    rows = TermsOfDocument(options.document);
    if (rows.empty()) {
      return Error{"--document", "unknown document '" + options.document +
                                     "' (iocscan terms --all lists every document)"};
    }
  }
  const std::string& on = options.collected_on;
  if (!on.empty() && std::find(std::begin(kCollectedOnChoices), std::end(kCollectedOnChoices), on) ==
                         std::end(kCollectedOnChoices)) {
    return Error{"--collected-on", "must be linux, windows, both, linux-only or windows-only, not '" + on + "'"};
  }
  std::vector<FieldId> ids;
  for (const TermInfo& t : rows) {
    if ((options.all || t.collected != 0) && (on.empty() || CollectedAs(t, on))) ids.push_back(IdOf(t));
  }
  return ids;
}

std::string FormatTermsText(std::span<const FieldId> ids) {
  const Row header = {"DOCUMENT", "SEARCH", "TYPE", "CONDITIONS", "COLLECTED", "VENDOR",
                      "DESCRIPTION"};
  std::vector<Row> rows;
  rows.reserve(ids.size());
  for (FieldId id : ids) rows.push_back(MakeRow(Term(id)));

  std::array<std::size_t, 7> width{};
  for (std::size_t i = 0; i < width.size(); ++i) width[i] = header[i].size();
  for (const Row& row : rows) {
    for (std::size_t i = 0; i < width.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }

  std::string out;
  AppendRow(header, width, out);
  for (const Row& row : rows) AppendRow(row, width, out);

  std::size_t here = 0, both = 0, linux_only = 0, windows_only = 0;
  for (FieldId id : ids) {
    const TermInfo& t = Term(id);
    here += CollectedOn(t, CurrentPlatform()) ? 1 : 0;
    both += CollectedAs(t, "both") ? 1 : 0;
    linux_only += CollectedAs(t, "linux-only") ? 1 : 0;
    windows_only += CollectedAs(t, "windows-only") ? 1 : 0;
  }
  out += "\n" + std::to_string(ids.size()) + " terms, " + std::to_string(here) + " collected on " +
         PlatformList(CurrentPlatform()) + " (" + std::to_string(both) + " on linux and windows, " +
         std::to_string(linux_only) + " on linux only, " + std::to_string(windows_only) + " on windows only).\n";
  out += "int, double and date terms also take a range with is: \"A TO B\" or \"[A TO B]\" "
         "(inclusive), \"{A TO B}\" (exclusive).\n";
  return out;
}

std::string FormatTermsJson(std::span<const FieldId> ids) {
  nlohmann::ordered_json terms = nlohmann::ordered_json::array();
  for (FieldId id : ids) {
    const TermInfo& t = Term(id);
    nlohmann::ordered_json row;
    row["document"] = t.document;
    row["search"] = t.search;
    row["type"] = ValueTypeName(t.type);
    row["conditions"] = ApplicableConditions(t.type);
    row["collected"] = PlatformNames(t.collected);
    row["vendor_platforms"] = PlatformNames(t.vendor_platforms);
    row["description"] = t.description;
    terms.push_back(std::move(row));
  }
  nlohmann::ordered_json doc;
  doc["terms"] = std::move(terms);
  return doc.dump(2) + "\n";
}

}  // namespace iocscan::terms
