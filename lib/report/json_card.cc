#include "report/json_card.h"

#include <cmath>

#include "core/time.h"
#include "report/escape.h"

namespace iocscan::report {
namespace {

Json ValueJson(const CardValue& value) {
  switch (value.kind) {
    case CardValue::Kind::kText: return JsonSafe(value.text);
    case CardValue::Kind::kInt: return value.integer;
    case CardValue::Kind::kReal: return value.real;
    case CardValue::Kind::kDate: return FormatIsoTime(value.integer);
  }
  return nullptr;
}

Json FieldJson(const CardField& field) {
  if (field.values.empty()) return nullptr;
  if (field.values.size() == 1) return ValueJson(field.values.front());
  Json list = Json::array();
  for (const CardValue& v : field.values) list.push_back(ValueJson(v));
  return list;
}

Json ItemJson(const CardItem& item) {
  Json fields = Json::object();
  for (const CardField& f : item.fields) fields[JsonSafe(f.name)] = FieldJson(f);
  Json terms = Json::array();
  for (const std::string& t : item.terms) terms.push_back(JsonSafe(t));
  Json out = Json::object();
  out["document"] = JsonSafe(item.document);
  out["fields"] = std::move(fields);
  out["terms"] = std::move(terms);
  return out;
}

template <class Map>
Json CountsJson(const Map& counts) {
  Json out = Json::object();
  for (const auto& [key, count] : counts) out[JsonSafe(key)] = count;
  return out;
}

}  // namespace

std::string_view ScanStatusName(ScanStatus status) {
  switch (status) {
    case ScanStatus::kComplete: return "complete";
    case ScanStatus::kTimeout: return "timeout";
    case ScanStatus::kInterrupted: return "interrupted";
  }
  return "complete";
}

Json CardJson(const Card& card) {
  Json ioc = Json::object();
  ioc["id"] = JsonSafe(card.ioc.id);
  ioc["name"] = JsonSafe(card.ioc.name);
  ioc["description"] = JsonSafe(card.ioc.description);
  ioc["author"] = JsonSafe(card.ioc.author);
  ioc["source"] = JsonSafe(card.ioc.source);
  ioc["version"] = JsonSafe(card.ioc.version);
  Json host = Json::object();
  host["hostname"] = JsonSafe(card.host.hostname);
  host["os"] = JsonSafe(card.host.os);
  Json items = Json::array();
  for (const CardItem& item : card.items) items.push_back(ItemJson(item));

  Json out = Json::object();
  out["type"] = "card";
  out["ioc"] = std::move(ioc);
  out["host"] = std::move(host);
  out["time"] = FormatIsoTime(card.time);
  out["items"] = std::move(items);
  out["branch"] = JsonSafe(card.branch);
  return out;
}

Json WarningJson(const Warning& warning) {
  Json out = Json::object();
  out["type"] = "warning";
  out["source"] = JsonSafe(warning.source);
  out["message"] = JsonSafe(warning.message);
  return out;
}

Json SummaryJson(const Summary& s) {
  Json counts = Json::object();
  counts["iocs_loaded"] = s.iocs_loaded;
  counts["iocs_usable"] = s.iocs_usable;
  counts["cards"] = s.cards;
  counts["warnings"] = s.warnings;
  counts["files_visited"] = s.files_visited;
  counts["files_read"] = s.files_read;
  counts["bytes_read"] = s.bytes_read;
  counts["files_skipped_by_size"] = s.files_skipped_by_size;
  Json mounts = Json::array();
  for (const std::string& m : s.skipped_mounts) mounts.push_back(JsonSafe(m));

  Json out = Json::object();
  out["type"] = "summary";
  out["start"] = FormatIsoTime(s.start);
  out["end"] = FormatIsoTime(s.end);
  out["duration_seconds"] = std::isfinite(s.duration_seconds) && s.duration_seconds >= 0 ? s.duration_seconds : 0.0;
  out["status"] = std::string(ScanStatusName(s.status));
  out["counts"] = std::move(counts);
  out["unreadable_by_errno"] = CountsJson(s.unreadable_by_errno);
  out["items_per_document"] = CountsJson(s.items_per_document);
  out["errors_by_kind"] = CountsJson(s.errors_by_kind);
  out["skipped_mounts"] = std::move(mounts);
  return out;
}

std::string JsonLine(const Json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace iocscan::report
