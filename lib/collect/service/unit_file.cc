#include "collect/service/unit_file.h"

#include <cctype>

namespace iocscan::collect {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

bool IsComment(std::string_view line) { return !line.empty() && (line[0] == '#' || line[0] == ';'); }

// Cuts the next line off `text` (without its '\n').
std::string_view NextLine(std::string_view* text) {
  std::size_t nl = text->find('\n');
  std::string_view line = text->substr(0, nl);
  *text = nl == std::string_view::npos ? std::string_view() : text->substr(nl + 1);
  return line;
}

// A logical line: physical lines joined while they end in a backslash.
std::string LogicalLine(std::string_view first, std::string_view* text) {
  std::string line(Trim(first));
  while (!line.empty() && line.back() == '\\') {
    line.back() = ' ';
    std::string_view next;
    do {
      next = text->empty() ? std::string_view() : Trim(NextLine(text));
    } while (IsComment(next));  // comments inside a continuation are dropped
    line += next;
  }
  return line;
}

// The next word of a command line, with the quotes systemd understands removed.
std::string_view NextWord(std::string_view* s, std::string* word) {
  *s = Trim(*s);
  word->clear();
  std::size_t i = 0;
  if (!s->empty() && (s->front() == '"' || s->front() == '\'')) {
    char quote = s->front();
    std::size_t end = s->find(quote, 1);
    if (end == std::string_view::npos) end = s->size();
    word->assign(s->substr(1, end - 1));
    i = end < s->size() ? end + 1 : end;
  } else {
    while (i < s->size() && !IsBlank((*s)[i])) ++i;
    word->assign(s->substr(0, i));
  }
  *s = Trim(s->substr(i));
  return *word;
}

}  // namespace

const std::vector<std::string>& UnitFile::Values(std::string_view section, std::string_view key) const {
  static const std::vector<std::string> kNone;
  auto s = sections_.find(std::string(section));
  if (s == sections_.end()) return kNone;
  auto k = s->second.find(std::string(key));
  return k == s->second.end() ? kNone : k->second;
}

std::optional<std::string> UnitFile::Last(std::string_view section, std::string_view key) const {
  const std::vector<std::string>& v = Values(section, key);
  if (v.empty()) return std::nullopt;
  return v.back();
}

void UnitFile::Set(const std::string& section, const std::string& key, std::string value) {
  std::vector<std::string>& values = sections_[section][key];
  if (value.empty()) {
    values.clear();  // "Key=" resets the list (and a single value to its default)
  } else {
    values.push_back(std::move(value));
  }
}

void ParseUnitText(std::string_view text, UnitFile* unit) {
  std::string section;
  while (!text.empty()) {
    std::string_view first = Trim(NextLine(&text));
    if (first.empty() || IsComment(first)) continue;
    std::string line = LogicalLine(first, &text);
    if (line.front() == '[') {
      std::size_t close = line.find(']');
      section = line.substr(1, close == std::string::npos ? std::string::npos : close - 1);
      unit->Touch(section);
      continue;
    }
    std::size_t eq = line.find('=');
    if (eq == std::string::npos || section.empty()) continue;  // systemd ignores such lines too
    std::string key(Trim(std::string_view(line).substr(0, eq)));
    if (key.empty()) continue;
    unit->Set(section, key, std::string(Trim(std::string_view(line).substr(eq + 1))));
  }
}

std::optional<ExecLine> ParseExecLine(std::string_view value) {
  value = Trim(value);
  bool argv0 = false;
  while (!value.empty() && std::string_view("-@:+!").find(value.front()) != std::string_view::npos) {
    argv0 = argv0 || value.front() == '@';
    value.remove_prefix(1);
  }
  ExecLine out;
  NextWord(&value, &out.path);
  if (out.path.empty()) return std::nullopt;
  if (argv0) {
    std::string ignored;
    NextWord(&value, &ignored);
  }
  out.arguments = std::string(value);
  return out;
}

std::optional<ExecLine> FirstExec(const UnitFile& unit) {
  for (const std::string& value : unit.Values("Service", "ExecStart")) {
    if (std::optional<ExecLine> line = ParseExecLine(value)) return line;
  }
  return std::nullopt;
}

std::string ServiceType(const UnitFile& unit) {
  if (std::optional<std::string> type = unit.Last("Service", "Type")) return *type;
  if (!unit.Values("Service", "ExecStart").empty()) return "simple";
  if (unit.Last("Service", "BusName")) return "dbus";
  return "oneshot";
}

std::string ServiceUser(const UnitFile& unit, std::string_view unit_name) {
  if (std::optional<std::string> user = unit.Last("Service", "User")) return *user;
  std::optional<std::string> dynamic = unit.Last("Service", "DynamicUser");
  if (dynamic && UnitBool(*dynamic)) return std::string(unit_name.substr(0, unit_name.rfind('.')));
  return "root";
}

std::string TimerTarget(const UnitFile& timer, std::string_view timer_name) {
  if (std::optional<std::string> target = timer.Last("Timer", "Unit")) return *target;
  return std::string(timer_name.substr(0, timer_name.rfind('.'))) + ".service";
}

std::vector<std::string> TimerTriggers(const UnitFile& timer) {
  std::vector<std::string> out;
  for (const char* key : {"OnCalendar", "OnActiveSec", "OnBootSec", "OnStartupSec", "OnUnitActiveSec",
                          "OnUnitInactiveSec", "OnClockChange", "OnTimezoneChange"}) {
    for (const std::string& value : timer.Values("Timer", key)) out.push_back(std::string(key) + "=" + value);
  }
  return out;
}

bool UnitBool(std::string_view value) {
  std::string v;
  for (char c : value) v += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return v == "1" || v == "yes" || v == "true" || v == "on" || v == "y" || v == "t";
}

}  // namespace iocscan::collect
