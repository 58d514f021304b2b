#include "collect/eventlog/event_xml.h"

#include <tinyxml2.h>

#include <charconv>
#include <cstdint>

#include "collect/xml_reading.h"
#include "core/time.h"

namespace iocscan::collect {
namespace {

using tinyxml2::XMLElement;

std::string Attr(const XMLElement* e, const char* name) {
  const char* v = e == nullptr ? nullptr : e->Attribute(name);
  return v == nullptr ? std::string() : std::string(v);
}

// A decimal (or "0x" hex) integer; nullopt when the text is not one.
std::optional<std::uint64_t> Number(std::string_view text) {
  text = TrimXmlSpace(text);
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    text.remove_prefix(2);
    base = 16;
  }
  std::uint64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v, base);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

std::optional<std::int64_t> Int(std::string_view text) {
  std::optional<std::uint64_t> v = Number(text);
  if (!v || *v > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
  return static_cast<std::int64_t>(*v);
}

void ReadSystem(const XMLElement* system, EventRecord* out) {
  const XMLElement* provider = ChildNamed(system, "Provider");
  out->provider = Attr(provider, "Name");
  out->event_source_name = Attr(provider, "EventSourceName");
  const XMLElement* id = ChildNamed(system, "EventID");
  out->event_id = Int(TextOf(id)).value_or(0);
  if (std::string q = Attr(id, "Qualifiers"); !q.empty()) out->qualifiers = Int(q);
  if (std::optional<std::int64_t> level = Int(ChildText(system, "Level"))) out->level = static_cast<int>(*level);
  out->task = std::string(TrimXmlSpace(ChildText(system, "Task")));
  out->keywords = Number(ChildText(system, "Keywords")).value_or(0);
  Result<std::int64_t> t = ParseIsoTime(Attr(ChildNamed(system, "TimeCreated"), "SystemTime"));
  if (t.ok()) out->time_created = t.value();
  out->record_id = Int(ChildText(system, "EventRecordID"));
  const XMLElement* correlation = ChildNamed(system, "Correlation");
  out->activity_id = Attr(correlation, "ActivityID");
  out->related_activity_id = Attr(correlation, "RelatedActivityID");
  const XMLElement* execution = ChildNamed(system, "Execution");
  out->process_id = Int(Attr(execution, "ProcessID"));
  out->thread_id = Int(Attr(execution, "ThreadID"));
  out->channel = ChildText(system, "Channel");
  out->computer = ChildText(system, "Computer");
  out->user_sid = Attr(ChildNamed(system, "Security"), "UserID");
}

// <UserData> holds one provider-defined element; its leaf elements are the event's values.
// Walked with an explicit stack (tinyxml2 already caps the depth).
void ReadUserData(const XMLElement* user_data, EventRecord* out) {
  std::vector<const XMLElement*> stack;
  for (const XMLElement* c = user_data->LastChildElement(); c; c = c->PreviousSiblingElement()) stack.push_back(c);
  while (!stack.empty()) {
    const XMLElement* e = stack.back();
    stack.pop_back();
    if (e->FirstChildElement() == nullptr) {
      out->strings.push_back(TextOf(e));
      out->string_names.emplace_back(LocalName(e->Name()));
      continue;
    }
    for (const XMLElement* c = e->LastChildElement(); c; c = c->PreviousSiblingElement()) stack.push_back(c);
  }
}

void ReadEventData(const XMLElement* event, EventRecord* out) {
  const XMLElement* data = ChildNamed(event, "EventData");
  for (const XMLElement* d = ChildNamed(data, "Data"); d; d = NextNamed(d)) {
    out->strings.push_back(TextOf(d));
    out->string_names.push_back(Attr(d, "Name"));
  }
  out->binary = std::string(TrimXmlSpace(ChildText(data, "Binary")));
  if (const XMLElement* user_data = ChildNamed(event, "UserData")) ReadUserData(user_data, out);
}

}  // namespace

Result<EventRecord> ParseEventXml(std::string_view utf8) {
  if (utf8.size() > kMaxEventXmlBytes) {
    return Error{"", "refused: a rendered event of " + std::to_string(utf8.size()) + " bytes"};
  }
  tinyxml2::XMLDocument doc;
  if (doc.Parse(utf8.data(), utf8.size()) != tinyxml2::XML_SUCCESS) return Error{"", XmlErrorText(doc)};
  const XMLElement* event = doc.RootElement();
  if (event == nullptr || LocalName(event->Name()) != "Event") {
    return Error{"", "not an event record (the root element is not <Event>)"};
  }
  const XMLElement* system = ChildNamed(event, "System");
  if (system == nullptr) return Error{"", "an event record without <System>"};
  EventRecord out;
  ReadSystem(system, &out);
  ReadEventData(event, &out);
  const XMLElement* rendering = ChildNamed(event, "RenderingInfo");
  out.message = ChildText(rendering, "Message");
  out.task_name = ChildText(rendering, "Task");
  return out;
}

std::string EventTypeOf(const EventRecord& e) {
  constexpr std::uint64_t kAuditFailure = 0x0010000000000000ull;
  constexpr std::uint64_t kAuditSuccess = 0x0020000000000000ull;
  if (e.keywords & kAuditSuccess) return "Success Audit";
  if (e.keywords & kAuditFailure) return "Failure Audit";
  if (!e.level) return "";
  switch (*e.level) {
    case 0: return "Information";
    case 1: return "Critical";
    case 2: return "Error";
    case 3: return "Warning";
    case 4: return "Information";
    case 5: return "Verbose";
    default: return "";
  }
}

std::optional<std::int64_t> ClassicEventId(const EventRecord& e) {
  if (!e.qualifiers) return std::nullopt;
  return ((*e.qualifiers & 0xFFFF) << 16) | (e.event_id & 0xFFFF);
}

}  // namespace iocscan::collect
