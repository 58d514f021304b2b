#include "collect/system/system_files.h"

#include <vector>

#include "collect/text_lines.h"
#include "core/trim.h"

namespace iocscan::collect {
namespace {

std::string_view Trim(std::string_view s) { return TrimAny(s, " \t\r"); }

std::vector<std::string_view> Words(std::string_view line) {
  std::vector<std::string_view> out;
  while (true) {
    line = Trim(line);
    if (line.empty()) return out;
    std::size_t end = line.find_first_of(" \t");
    out.push_back(line.substr(0, end));
    if (end == std::string_view::npos) return out;
    line.remove_prefix(end);
  }
}

// A shell-like value: quotes removed, backslash escapes undone.
std::string Unquote(std::string_view value) {
  char quote = 0;
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
    quote = value.front();
    value = value.substr(1, value.size() - 2);
  }
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && quote != '\'' && i + 1 < value.size()) ++i;
    out += value[i];
  }
  return out;
}

}  // namespace

std::string OsRelease::Get(const std::string& key) const {
  auto it = values.find(key);
  return it == values.end() ? std::string() : it->second;
}

OsRelease ParseOsRelease(std::string_view text) {
  OsRelease out;
  ForEachLine(text, [&](std::string_view line) {
    line = Trim(line);
    std::size_t eq = line.find('=');
    if (line.empty() || line[0] == '#' || eq == 0 || eq == std::string_view::npos) return;
    std::string_view key = line.substr(0, eq);
    if (key.find_first_of(" \t") != std::string_view::npos) return;
    out.values[std::string(key)] = Unquote(line.substr(eq + 1));
  });
  return out;
}

std::string HostnameFromFile(std::string_view text) {
  std::string out;
  ForEachLine(text, [&](std::string_view line) {
    std::vector<std::string_view> words = Words(line);
    if (out.empty() && !words.empty() && words[0][0] != '#') out = std::string(words[0]);
  });
  return out;
}

std::string ResolvConfDomain(std::string_view text) {
  std::string out;
  ForEachLine(text, [&](std::string_view line) {
    std::vector<std::string_view> words = Words(line);
    if (words.size() >= 2 && (words[0] == "domain" || words[0] == "search")) out = std::string(words[1]);
  });
  while (!out.empty() && out.back() == '.') out.pop_back();  // "corp.example." and the root "."
  return out;
}

std::string DomainOfHostname(std::string_view hostname) {
  std::size_t dot = hostname.find('.');
  if (dot == std::string_view::npos) return {};
  return std::string(hostname.substr(dot + 1));
}

std::string ZoneFromLocaltimeLink(std::string_view target) {
  constexpr std::string_view kMarker = "zoneinfo/";
  std::size_t at = target.rfind(kMarker);
  if (at == std::string_view::npos) return {};
  return std::string(target.substr(at + kMarker.size()));
}

std::string ZoneFromTimezoneFile(std::string_view text) {
  return std::string(Trim(text.substr(0, text.find('\n'))));
}

std::string FormatUptime(std::int64_t seconds) {
  if (seconds < 0) seconds = 0;
  return std::to_string(seconds / 86400) + "d " + std::to_string(seconds / 3600 % 24) + "h " +
         std::to_string(seconds / 60 % 60) + "m " + std::to_string(seconds % 60) + "s";
}

}  // namespace iocscan::collect
