// One Windows event log record as the event log service renders it (EvtRender with
// EvtRenderEventXml, the XML `wevtutil qe` prints): the <System> header, the event's strings
// (<EventData>/<Data>, or the leaves of <UserData>), its binary data, and the <RenderingInfo>
// texts when the record carries them (forwarded events). Pure code, tested on every OS with
// literal event XML.
//
//   Result<EventRecord> e = ParseEventXml(Utf8(rendered));
//   e->event_id == 4688, e->channel == "Security", e->time_created == 1709288130, ...
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace iocscan::collect {

// A rendered record is a few KiB; the service caps an event's payload at 64 KiB of data. Larger
// text is not a record the service produced.
inline constexpr std::size_t kMaxEventXmlBytes = 4u << 20;

struct EventRecord {
  std::string provider;           // <Provider Name>
  std::string event_source_name;  // <Provider EventSourceName>: the classic source ("DCOM")
  std::int64_t event_id = 0;      // <EventID>
  std::optional<std::int64_t> qualifiers;  // <EventID Qualifiers>: classic sources only
  std::optional<int> level;       // 0 LogAlways, 1 Critical, 2 Error, 3 Warning, 4 Info, 5 Verbose
  std::string task;               // <Task>, the category number
  std::uint64_t keywords = 0;     // <Keywords>, hex
  std::optional<std::int64_t> time_created;  // <TimeCreated SystemTime>, seconds since 1970 UTC
  std::optional<std::int64_t> record_id;     // <EventRecordID>
  std::string activity_id;        // <Correlation ActivityID>
  std::string related_activity_id;
  std::optional<std::int64_t> process_id;  // <Execution ProcessID>
  std::optional<std::int64_t> thread_id;
  std::string channel;            // <Channel>
  std::string computer;           // <Computer>
  std::string user_sid;           // <Security UserID>
  std::vector<std::string> strings;       // <Data> texts in order, or the leaves of <UserData>
  std::vector<std::string> string_names;  // their Name attributes (or element names); "" when none
  std::string binary;             // <EventData>/<Binary>, hex as written
  std::string message;            // <RenderingInfo>/<Message>
  std::string task_name;          // <RenderingInfo>/<Task>
};

Result<EventRecord> ParseEventXml(std::string_view utf8);

// The classic event type of a record: "Success Audit" / "Failure Audit" when its keywords carry
// the audit bits (the Security log), else by level: "Critical", "Error", "Warning",
// "Information" (levels 0 and 4), "Verbose"; "" for an unknown level.
std::string EventTypeOf(const EventRecord& e);

// The EventID a classic (pre-Vista) reader sees: the qualifiers in the high 16 bits
// (DCOM 10016 with qualifiers 49152 is 3221235488); nullopt without qualifiers.
std::optional<std::int64_t> ClassicEventId(const EventRecord& e);

}  // namespace iocscan::collect
