#include "job/stored_cards.h"

#include <fstream>
#include <sstream>

#include "core/time.h"

namespace iocscan::job {
namespace {

using Json = nlohmann::ordered_json;

std::string Str(const Json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

std::uint64_t Count(const Json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_number_unsigned() ? j[key].get<std::uint64_t>() : 0;
}

std::int64_t Time(const Json& j, const char* key) {
  Result<std::int64_t> t = ParseIsoTime(Str(j, key));
  return t.ok() ? t.value() : 0;
}

report::CardValue ValueFromJson(const Json& v) {
  if (v.is_number_integer()) return report::CardValue::Int(v.get<std::int64_t>());
  if (v.is_number()) return report::CardValue::Real(v.get<double>());
  if (v.is_string()) return report::CardValue::Text(v.get<std::string>());
  return report::CardValue::Text(v.dump());
}

std::map<std::string, std::uint64_t> Counts(const Json& j, const char* key) {
  std::map<std::string, std::uint64_t> out;
  if (!j.contains(key) || !j[key].is_object()) return out;
  for (auto it = j[key].begin(); it != j[key].end(); ++it) {
    if (it.value().is_number_unsigned()) out[it.key()] = it.value().get<std::uint64_t>();
  }
  return out;
}

}  // namespace

Result<StoredCards> ReadStoredCards(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path, "cannot read"};
  StoredCards out;
  std::stringstream text;
  text << in.rdbuf();
  out.raw = text.str();
  std::istringstream lines(out.raw);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (line.empty()) continue;
    Json j = Json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return Error{path + ":" + std::to_string(number), "not a JSON object"};
    const std::string type = Str(j, "type");
    if (type == "card") {
      out.cards.push_back(std::move(j));
    } else if (type == "warning") {
      out.warnings.push_back(std::move(j));
    } else if (type == "summary") {
      out.summary = std::move(j);
    }
  }
  return out;
}

Json StoredJsonDocument(const StoredCards& stored) {
  Json doc = Json::object();
  Json cards = Json::array();
  for (Json c : stored.cards) {
    c.erase("type");
    cards.push_back(std::move(c));
  }
  Json summary = stored.summary;
  if (summary.is_object()) summary.erase("type");
  Json warnings = Json::array();
  for (Json w : stored.warnings) {
    w.erase("type");
    warnings.push_back(std::move(w));
  }
  doc["cards"] = std::move(cards);
  doc["summary"] = std::move(summary);
  doc["warnings"] = std::move(warnings);
  return doc;
}

report::Card CardFromJson(const Json& j) {
  report::Card c;
  const Json ioc = j.contains("ioc") ? j["ioc"] : Json::object();
  c.ioc.id = Str(ioc, "id");
  c.ioc.name = Str(ioc, "name");
  c.ioc.description = Str(ioc, "description");
  c.ioc.author = Str(ioc, "author");
  c.ioc.source = Str(ioc, "source");
  c.ioc.version = Str(ioc, "version");
  const Json host = j.contains("host") ? j["host"] : Json::object();
  c.host.hostname = Str(host, "hostname");
  c.host.os = Str(host, "os");
  c.time = Time(j, "time");
  c.branch = Str(j, "branch");
  if (j.contains("items") && j["items"].is_array()) {
    for (const Json& item : j["items"]) {
      report::CardItem ci;
      ci.document = Str(item, "document");
      if (item.contains("fields") && item["fields"].is_object()) {
        for (auto it = item["fields"].begin(); it != item["fields"].end(); ++it) {
          report::CardField f;
          f.name = it.key();
          if (it.value().is_array()) {
            for (const Json& v : it.value()) f.values.push_back(ValueFromJson(v));
          } else if (!it.value().is_null()) {
            f.values.push_back(ValueFromJson(it.value()));
          }
          ci.fields.push_back(std::move(f));
        }
      }
      if (item.contains("terms") && item["terms"].is_array()) {
        for (const Json& t : item["terms"]) {
          if (t.is_string()) ci.terms.push_back(t.get<std::string>());
        }
      }
      c.items.push_back(std::move(ci));
    }
  }
  return c;
}

report::Summary SummaryFromJson(const Json& j) {
  report::Summary s;
  if (!j.is_object()) return s;
  s.start = Time(j, "start");
  s.end = Time(j, "end");
  s.duration_seconds = j.contains("duration_seconds") && j["duration_seconds"].is_number() ? j["duration_seconds"].get<double>() : 0;
  const std::string status = Str(j, "status");
  s.status = status == "timeout" ? report::ScanStatus::kTimeout
             : status == "interrupted" ? report::ScanStatus::kInterrupted
                                       : report::ScanStatus::kComplete;
  const Json counts = j.contains("counts") ? j["counts"] : Json::object();
  s.iocs_loaded = Count(counts, "iocs_loaded");
  s.iocs_usable = Count(counts, "iocs_usable");
  s.cards = Count(counts, "cards");
  s.warnings = Count(counts, "warnings");
  s.files_visited = Count(counts, "files_visited");
  s.files_read = Count(counts, "files_read");
  s.bytes_read = Count(counts, "bytes_read");
  s.files_skipped_by_size = Count(counts, "files_skipped_by_size");
  s.unreadable_by_errno = Counts(j, "unreadable_by_errno");
  s.items_per_document = Counts(j, "items_per_document");
  s.errors_by_kind = Counts(j, "errors_by_kind");
  if (j.contains("skipped_mounts") && j["skipped_mounts"].is_array()) {
    for (const Json& m : j["skipped_mounts"]) {
      if (m.is_string()) s.skipped_mounts.push_back(m.get<std::string>());
    }
  }
  return s;
}

Warning WarningFromJson(const Json& j) { return Warning{Str(j, "source"), Str(j, "message")}; }

}  // namespace iocscan::job
