#include "collect/eventlog/event_fields.h"

namespace iocscan::collect {
namespace {

using report::CardValue;

void AddText(RecordItem& item, std::string_view search, const std::string& value) {
  if (!value.empty()) item.Add(search, RecordItem::Text(value));
}

void AddInt(RecordItem& item, std::string_view search, const std::optional<std::int64_t>& value) {
  if (value) item.Add(search, RecordItem::Int(*value));
}

// What a card shows of a record: where, what, when, who; the strings last (they can be long).
void ShowEvent(const EventRecord& e, const std::string& log, const std::string& type, RecordItem& item) {
  item.Show("log", CardValue::Text(log)).Show("EID", CardValue::Int(e.event_id));
  item.Show("source", CardValue::Text(e.event_source_name.empty() ? e.provider : e.event_source_name));
  if (!type.empty()) item.Show("type", CardValue::Text(type));
  if (e.time_created) item.Show("genTime", CardValue::Date(*e.time_created));
  if (e.record_id) item.Show("index", CardValue::Int(*e.record_id));
  if (!e.computer.empty()) item.Show("machine", CardValue::Text(e.computer));
  if (!e.user_sid.empty()) item.Show("user", CardValue::Text(e.user_sid));
  if (!e.message.empty()) item.Show("message", CardValue::Text(e.message));
  std::vector<CardValue> strings;
  for (const std::string& s : e.strings) strings.push_back(CardValue::Text(s));
  if (!strings.empty()) item.Show("unformattedMessage", std::move(strings));
}

}  // namespace

void AddEventFields(const EventRecord& e, const std::string& channel, RecordItem& item) {
  const std::string& log = e.channel.empty() ? channel : e.channel;
  std::string type = EventTypeOf(e);
  AddText(item, "EventLogItem/log", log);
  item.Add("EventLogItem/EID", RecordItem::Int(e.event_id));
  AddInt(item, "EventLogItem/EID", ClassicEventId(e));
  AddText(item, "EventLogItem/source", e.event_source_name);
  if (e.provider != e.event_source_name) AddText(item, "EventLogItem/source", e.provider);
  AddText(item, "EventLogItem/type", type);
  if (e.time_created) {
    item.Add("EventLogItem/genTime", RecordItem::Date(*e.time_created))
        .Add("EventLogItem/writeTime", RecordItem::Date(*e.time_created));
  }
  AddInt(item, "EventLogItem/index", e.record_id);
  AddText(item, "EventLogItem/machine", e.computer);
  AddText(item, "EventLogItem/user", e.user_sid);
  AddText(item, "EventLogItem/categoryNum", e.task);
  AddText(item, "EventLogItem/category", e.task_name);
  AddText(item, "EventLogItem/message", e.message);
  for (const std::string& s : e.strings) item.Add("EventLogItem/unformattedMessage/string", RecordItem::Text(s));
  AddText(item, "EventLogItem/blob", e.binary);
  AddText(item, "EventLogItem/CorrelationActivityId", e.activity_id);
  AddText(item, "EventLogItem/CorrelationRelatedActivityId", e.related_activity_id);
  AddInt(item, "EventLogItem/ExecutionProcessId", e.process_id);
  AddInt(item, "EventLogItem/ExecutionThreadId", e.thread_id);
  ShowEvent(e, log, type, item);
}

}  // namespace iocscan::collect
