#include "report/text_card.h"

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string_view>

#include <fmt/format.h>

#include "core/time.h"
#include "report/escape.h"

namespace iocscan::report {
namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kRed = "\x1b[1;31m";
constexpr std::string_view kReset = "\x1b[0m";

// Appends "<indent><label padded>  <value>\n". Empty values are left out. A name is escaped whole
// (a newline in a file name is shown as \n); a `multiline` text (a description) keeps its line
// breaks, continuation lines aligned under the first.
void AddLabeled(std::string& out, int indent, std::string_view label, std::string_view value,
                bool multiline = false) {
  if (value.empty()) return;
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  if (!multiline) {
    out += fmt::format("{}{:<11}  {}\n", pad, label, TerminalSafe(value));
    return;
  }
  const std::string continuation(static_cast<std::size_t>(indent) + 13, ' ');
  bool first = true;
  while (true) {
    const std::size_t eol = value.find('\n');
    std::string_view line = value.substr(0, eol);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out += fmt::format("{}{}\n", first ? fmt::format("{}{:<11}  ", pad, label) : continuation, TerminalSafe(line));
    first = false;
    if (eol == std::string_view::npos) break;
    value.remove_prefix(eol + 1);
  }
}

std::string ValueText(const CardValue& value) {
  switch (value.kind) {
    case CardValue::Kind::kText: return TerminalSafe(value.text);
    case CardValue::Kind::kInt: return std::to_string(value.integer);
    case CardValue::Kind::kReal: return fmt::format("{}", value.real);
    case CardValue::Kind::kDate: return FormatIsoTime(value.integer);
  }
  return {};
}

std::string FieldText(const CardField& field) {
  if (field.values.empty()) return "(none)";
  std::string out;
  for (const CardValue& v : field.values) {
    if (!out.empty()) out += ", ";
    out += ValueText(v);
  }
  return out;
}

void AddItem(std::string& out, const CardItem& item) {
  out += fmt::format("    {}\n", TerminalSafe(item.document));
  std::size_t width = 7;  // "matched"
  for (const CardField& f : item.fields) width = std::max(width, f.name.size());
  for (const CardField& f : item.fields) {
    out += fmt::format("      {:<{}}  {}\n", TerminalSafe(f.name), width, FieldText(f));
  }
  for (const std::string& term : item.terms) {
    out += fmt::format("      {:<{}}  {}\n", "matched", width, TerminalSafe(term));
  }
}

void AddBranch(std::string& out, std::string_view branch) {
  if (branch.empty()) return;
  out += "  branch\n";
  while (!branch.empty()) {
    const std::size_t eol = branch.find('\n');
    std::string_view line = branch.substr(0, eol);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out += fmt::format("    {}\n", TerminalSafe(line));
    if (eol == std::string_view::npos) break;
    branch.remove_prefix(eol + 1);
  }
}

// "EACCES 10, ENOENT 2"
template <class Map>
std::string CountList(const Map& counts) {
  std::string out;
  for (const auto& [key, count] : counts) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{} {}", key, count);
  }
  return out;
}

}  // namespace

std::string HumanBytes(std::uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  double value = static_cast<double>(bytes) / 1024;
  std::size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(kUnits)) {
    value /= 1024;
    ++unit;
  }
  return fmt::format("{:.1f} {}", value, kUnits[unit]);
}

std::string CardText(const Card& card, bool color) {
  std::string out;
  const std::string name = card.ioc.name.empty() ? std::string("(no name)") : TerminalSafe(card.ioc.name);
  if (color) {
    out += fmt::format("{}MATCH{}  {}{}{}  [{}]\n", kRed, kReset, kBold, name, kReset, TerminalSafe(card.ioc.id));
  } else {
    out += fmt::format("MATCH  {}  [{}]\n", name, TerminalSafe(card.ioc.id));
  }
  std::string source = card.ioc.source;
  if (!card.ioc.version.empty()) source += " (OpenIOC " + card.ioc.version + ")";
  AddLabeled(out, 2, "source", source);
  AddLabeled(out, 2, "author", card.ioc.author);
  AddLabeled(out, 2, "description", card.ioc.description, /*multiline=*/true);
  std::string host = card.host.hostname;
  if (!card.host.os.empty()) host += " (" + card.host.os + ")";
  AddLabeled(out, 2, "host", host);
  AddLabeled(out, 2, "time", FormatIsoTime(card.time));
  AddLabeled(out, 2, "items", std::to_string(card.items.size()));
  for (const CardItem& item : card.items) AddItem(out, item);
  AddBranch(out, card.branch);
  out += "\n";
  return out;
}

std::string SummaryText(const Summary& s) {
  const std::string_view how = s.status == ScanStatus::kComplete  ? "complete in"
                              : s.status == ScanStatus::kTimeout ? "timed out after"
                                                                  : "interrupted after";
  std::string out = fmt::format("Scan {} {:.1f} s: {} card{} from {} IOC{} ({} usable)\n", how, s.duration_seconds,
                                s.cards, s.cards == 1 ? "" : "s", s.iocs_loaded, s.iocs_loaded == 1 ? "" : "s",
                                s.iocs_usable);
  AddLabeled(out, 2, "time", FormatIsoTime(s.start) + " to " + FormatIsoTime(s.end));
  if (s.files_visited != 0 || s.files_read != 0) {
    AddLabeled(out, 2, "files", fmt::format("{} visited, {} read ({}), {} skipped by size", s.files_visited,
                                            s.files_read, HumanBytes(s.bytes_read), s.files_skipped_by_size));
  }
  AddLabeled(out, 2, "unreadable", CountList(s.unreadable_by_errno));
  AddLabeled(out, 2, "items", CountList(s.items_per_document));
  AddLabeled(out, 2, "errors", CountList(s.errors_by_kind));
  std::string mounts;
  for (const std::string& m : s.skipped_mounts) mounts += (mounts.empty() ? "" : ", ") + m;
  AddLabeled(out, 2, "not entered", mounts);
  if (s.warnings != 0) AddLabeled(out, 2, "warnings", std::to_string(s.warnings));
  return out;
}

std::string WarningText(const Warning& warning) {
  return "warning: " + TerminalSafe(warning.Text()) + "\n";
}

}  // namespace iocscan::report
