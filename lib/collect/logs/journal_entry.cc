#include "collect/logs/journal_entry.h"

#include <charconv>

#include <nlohmann/json.hpp>

namespace iocscan::collect {
namespace {

using nlohmann::json;

// A field's text: a string, the first of several strings, or bytes given as numbers.
std::optional<std::string> TextOf(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  const json& v = *it;
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array() && !v.empty()) {
    if (v.front().is_string()) return v.front().get<std::string>();
    std::string bytes;
    for (const json& b : v) {
      if (!b.is_number_unsigned() && !b.is_number_integer()) return std::nullopt;
      bytes.push_back(static_cast<char>(b.get<int>() & 0xFF));
    }
    return bytes;
  }
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  return std::nullopt;
}

std::optional<std::int64_t> IntOf(const json& obj, const char* key) {
  std::optional<std::string> text = TextOf(obj, key);
  if (!text || text->empty()) return std::nullopt;
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<JournalEntry> ParseJournalJson(std::string_view line) {
  json obj = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!obj.is_object()) return std::nullopt;
  std::optional<std::int64_t> usec = IntOf(obj, "__REALTIME_TIMESTAMP");
  if (!usec) return std::nullopt;
  JournalEntry e;
  e.time = *usec / 1000000;
  e.host = TextOf(obj, "_HOSTNAME").value_or("");
  e.sender = TextOf(obj, "SYSLOG_IDENTIFIER").value_or(TextOf(obj, "_COMM").value_or(""));
  e.pid = IntOf(obj, "SYSLOG_PID");
  if (!e.pid) e.pid = IntOf(obj, "_PID");
  e.uid = IntOf(obj, "_UID");
  e.gid = IntOf(obj, "_GID");
  if (std::optional<std::int64_t> f = IntOf(obj, "SYSLOG_FACILITY")) e.facility = static_cast<int>(*f);
  if (std::optional<std::int64_t> p = IntOf(obj, "PRIORITY")) e.severity = static_cast<int>(*p);
  e.message = TextOf(obj, "MESSAGE").value_or("");
  return e;
}

}  // namespace iocscan::collect
