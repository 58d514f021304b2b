// Windows event records as EvtRender(EvtRenderEventXml) gives them, parsed from literal XML: a
// Security audit record, a classic source with qualifiers (the DCOM record of a real IOC), UserData,
// RenderingInfo, hostile text; the EventLogItem fields they give; the XPath time filter.
#include <catch2/catch.hpp>

#include "collect/eventlog/event_fields.h"
#include "collect/eventlog/event_query.h"
#include "collect/eventlog/event_xml.h"
#include "core/time.h"
#include "support/item_values.h"

namespace iocscan::collect {
namespace {

using iocscan::testing::IntsOf;
using iocscan::testing::TextsOf;
using iocscan::testing::ValuesOf;

std::int64_t T(const char* iso) { return ParseIsoTime(iso).value(); }

// 4688, a process creation, as the Security log renders it.
constexpr std::string_view kProcessCreation =
    "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
    "<Provider Name='Microsoft-Windows-Security-Auditing' Guid='{54849625-5478-4994-a5ba-3e3b0328c30d}'/>"
    "<EventID>4688</EventID><Version>2</Version><Level>0</Level><Task>13312</Task><Opcode>0</Opcode>"
    "<Keywords>0x8020000000000000</Keywords><TimeCreated SystemTime='2024-03-01T10:15:30.1234567Z'/>"
    "<EventRecordID>987654</EventRecordID>"
    "<Correlation ActivityID='{b5a0e3c1-0a2b-4c3d-9e8f-123456789abc}'/>"
    "<Execution ProcessID='4' ThreadID='8812'/><Channel>Security</Channel>"
    "<Computer>WS01.corp.example</Computer><Security/></System>"
    "<EventData><Data Name='SubjectUserSid'>S-1-5-18</Data>"
    "<Data Name='NewProcessName'>C:\\Users\\alice\\AppData\\Local\\Temp\\svch0st.exe</Data>"
    "<Data Name='CommandLine'>svch0st.exe -k netsvcs &amp; whoami</Data></EventData></Event>";

// A classic-source record (DCOM via EventSourceName), with qualifiers and binary data.
constexpr std::string_view kDcom =
    "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
    "<Provider Name='Microsoft-Windows-DistributedCOM' Guid='{1B562E86-B7AA-4131-BADC-B6F3A001407E}'"
    " EventSourceName='DCOM'/>"
    "<EventID Qualifiers='49152'>10009</EventID><Version>0</Version><Level>2</Level><Task>0</Task>"
    "<Opcode>0</Opcode><Keywords>0x8080000000000000</Keywords>"
    "<TimeCreated SystemTime='2024-03-02T00:00:01.000Z'/><EventRecordID>42</EventRecordID>"
    "<Correlation/><Execution ProcessID='900' ThreadID='1200'/><Channel>System</Channel>"
    "<Computer>WS01</Computer><Security UserID='S-1-5-21-1-2-3-1001'/></System>"
    "<EventData><Data>10.0.0.5</Data><Data></Data><Binary>0A0B0C</Binary></EventData>"
    "<RenderingInfo Culture='en-US'><Message>DCOM was unable to communicate with the computer 10.0.0.5</Message>"
    "<Level>Error</Level><Task>None</Task></RenderingInfo></Event>";

TEST_CASE("a Security audit record: header, strings, audit type", "[collect][eventlog]") {
  Result<EventRecord> r = ParseEventXml(kProcessCreation);
  REQUIRE(r.ok());
  const EventRecord& e = r.value();
  CHECK(e.provider == "Microsoft-Windows-Security-Auditing");
  CHECK(e.event_source_name.empty());
  CHECK(e.event_id == 4688);
  CHECK_FALSE(e.qualifiers);
  CHECK(e.level == 0);
  CHECK(e.task == "13312");
  CHECK(e.keywords == 0x8020000000000000ull);
  CHECK(e.time_created == T("2024-03-01T10:15:30Z"));
  CHECK(e.record_id == 987654);
  CHECK(e.activity_id == "{b5a0e3c1-0a2b-4c3d-9e8f-123456789abc}");
  CHECK(e.related_activity_id.empty());
  CHECK(e.process_id == 4);
  CHECK(e.thread_id == 8812);
  CHECK(e.channel == "Security");
  CHECK(e.computer == "WS01.corp.example");
  CHECK(e.user_sid.empty());
  CHECK(e.strings == std::vector<std::string>{"S-1-5-18", "C:\\Users\\alice\\AppData\\Local\\Temp\\svch0st.exe",
                                              "svch0st.exe -k netsvcs & whoami"});
  CHECK(e.string_names == std::vector<std::string>{"SubjectUserSid", "NewProcessName", "CommandLine"});
  CHECK(EventTypeOf(e) == "Success Audit");
  CHECK_FALSE(ClassicEventId(e));
}

TEST_CASE("a classic source: qualifiers, binary data, rendering info", "[collect][eventlog]") {
  Result<EventRecord> r = ParseEventXml(kDcom);
  REQUIRE(r.ok());
  const EventRecord& e = r.value();
  CHECK(e.event_source_name == "DCOM");
  CHECK(e.qualifiers == 49152);
  CHECK(ClassicEventId(e) == 3221235481);  // the EID a 2013 IOC of the corpus tests
  CHECK(e.level == 2);
  CHECK(EventTypeOf(e) == "Error");
  CHECK(e.user_sid == "S-1-5-21-1-2-3-1001");
  CHECK(e.strings == std::vector<std::string>{"10.0.0.5", ""});
  CHECK(e.binary == "0A0B0C");
  CHECK(e.message == "DCOM was unable to communicate with the computer 10.0.0.5");
  CHECK(e.task_name == "None");
}

TEST_CASE("UserData leaves are the record's strings, in document order", "[collect][eventlog]") {
  Result<EventRecord> r = ParseEventXml(
      "<Event><System><Provider Name='Microsoft-Windows-Eventlog'/><EventID>1102</EventID><Level>4</Level>"
      "<Keywords>0x4020000000000000</Keywords><TimeCreated SystemTime='2024-03-03T12:00:00Z'/>"
      "<Channel>Security</Channel></System><UserData>"
      "<LogFileCleared xmlns='http://manifests.microsoft.com/win/2004/08/windows/eventlog'>"
      "<SubjectUserSid>S-1-5-21-1-2-3-500</SubjectUserSid><SubjectUserName>Administrator</SubjectUserName>"
      "<Nested><Inner>deep</Inner></Nested></LogFileCleared></UserData></Event>");
  REQUIRE(r.ok());
  CHECK(r->strings == std::vector<std::string>{"S-1-5-21-1-2-3-500", "Administrator", "deep"});
  CHECK(r->string_names == std::vector<std::string>{"SubjectUserSid", "SubjectUserName", "Inner"});
  CHECK(EventTypeOf(r.value()) == "Success Audit");
}

TEST_CASE("types by level; missing and odd header values", "[collect][eventlog]") {
  auto type_of_level = [](const char* level) {
    std::string xml = std::string("<Event><System><EventID>1</EventID><Level>") + level + "</Level></System></Event>";
    Result<EventRecord> r = ParseEventXml(xml);
    REQUIRE(r.ok());
    return EventTypeOf(r.value());
  };
  CHECK(type_of_level("1") == "Critical");
  CHECK(type_of_level("3") == "Warning");
  CHECK(type_of_level("4") == "Information");
  CHECK(type_of_level("5") == "Verbose");
  CHECK(type_of_level("x").empty());
  Result<EventRecord> bare = ParseEventXml("<Event><System><EventID>abc</EventID>"
                                           "<TimeCreated SystemTime='yesterday'/></System></Event>");
  REQUIRE(bare.ok());
  CHECK(bare->event_id == 0);
  CHECK_FALSE(bare->time_created);
  CHECK_FALSE(bare->record_id);
  CHECK(bare->strings.empty());
}

TEST_CASE("hostile event text is refused with a message", "[collect][eventlog]") {
  CHECK_FALSE(ParseEventXml("").ok());
  CHECK_FALSE(ParseEventXml("<Event><System>").ok());
  CHECK_FALSE(ParseEventXml("<Event/>").ok());  // no <System>
  Result<EventRecord> other = ParseEventXml("<Task/>");
  REQUIRE_FALSE(other.ok());
  CHECK(other.error().message.find("not an event record") != std::string::npos);
  CHECK_FALSE(ParseEventXml(std::string(kMaxEventXmlBytes + 1, '<')).ok());
  std::string deep = "<Event><System/><UserData>";
  for (int i = 0; i < 5000; ++i) deep += "<a>";
  CHECK_FALSE(ParseEventXml(deep).ok());
}

TEST_CASE("the EventLogItem fields of a classic record", "[collect][eventlog]") {
  Result<EventRecord> r = ParseEventXml(kDcom);
  REQUIRE(r.ok());
  RecordItem item;
  AddEventFields(r.value(), "queried", item);
  CHECK(TextsOf(item, "EventLogItem/log") == std::vector<std::string>{"System"});
  CHECK(IntsOf(item, "EventLogItem/EID") == std::vector<std::int64_t>{10009, 3221235481});
  CHECK(TextsOf(item, "EventLogItem/source") == std::vector<std::string>{"DCOM", "Microsoft-Windows-DistributedCOM"});
  CHECK(TextsOf(item, "EventLogItem/type") == std::vector<std::string>{"Error"});
  CHECK(IntsOf(item, "EventLogItem/genTime") == std::vector<std::int64_t>{T("2024-03-02T00:00:01Z")});
  CHECK(IntsOf(item, "EventLogItem/writeTime") == std::vector<std::int64_t>{T("2024-03-02T00:00:01Z")});
  CHECK(IntsOf(item, "EventLogItem/index") == std::vector<std::int64_t>{42});
  CHECK(TextsOf(item, "EventLogItem/machine") == std::vector<std::string>{"WS01"});
  CHECK(TextsOf(item, "EventLogItem/user") == std::vector<std::string>{"S-1-5-21-1-2-3-1001"});
  CHECK(TextsOf(item, "EventLogItem/message") ==
        std::vector<std::string>{"DCOM was unable to communicate with the computer 10.0.0.5"});
  CHECK(TextsOf(item, "EventLogItem/unformattedMessage/string") == std::vector<std::string>{"10.0.0.5", ""});
  CHECK(TextsOf(item, "EventLogItem/blob") == std::vector<std::string>{"0A0B0C"});
  CHECK(TextsOf(item, "EventLogItem/categoryNum") == std::vector<std::string>{"0"});
  CHECK(TextsOf(item, "EventLogItem/category") == std::vector<std::string>{"None"});
  CHECK(IntsOf(item, "EventLogItem/ExecutionProcessId") == std::vector<std::int64_t>{900});
  CHECK(IntsOf(item, "EventLogItem/ExecutionThreadId") == std::vector<std::int64_t>{1200});
  CHECK(ValuesOf(item, "EventLogItem/CorrelationActivityId").empty());
  std::vector<report::CardField> card = item.CardFields();
  REQUIRE(card.size() >= 4);
  CHECK(card[0].name == "log");
  CHECK(card[1].name == "EID");
}

TEST_CASE("a record without a channel takes the channel queried", "[collect][eventlog]") {
  Result<EventRecord> r = ParseEventXml("<Event><System><Provider Name='p'/><EventID>7</EventID></System></Event>");
  REQUIRE(r.ok());
  RecordItem item;
  AddEventFields(r.value(), "Application", item);
  CHECK(TextsOf(item, "EventLogItem/log") == std::vector<std::string>{"Application"});
  CHECK(TextsOf(item, "EventLogItem/source") == std::vector<std::string>{"p"});
  CHECK(ValuesOf(item, "EventLogItem/genTime").empty());
  CHECK(ValuesOf(item, "EventLogItem/type").empty());
}

TEST_CASE("the XPath time filter of --since and --until", "[collect][eventlog]") {
  CHECK(EventQueryXPath(std::nullopt, std::nullopt) == "*");
  CHECK(EventQueryXPath(T("2024-01-01T00:00:00Z"), std::nullopt) ==
        "*[System[TimeCreated[@SystemTime>='2024-01-01T00:00:00.000Z']]]");
  CHECK(EventQueryXPath(std::nullopt, T("2024-01-31T23:59:59Z")) ==
        "*[System[TimeCreated[@SystemTime<'2024-02-01T00:00:00.000Z']]]");
  CHECK(EventQueryXPath(T("2024-01-01T00:00:00Z"), T("2024-01-02T00:00:00Z")) ==
        "*[System[TimeCreated[@SystemTime>='2024-01-01T00:00:00.000Z' and @SystemTime<'2024-01-02T00:00:01.000Z']]]");
  CHECK(kDefaultEventChannels.size() == 5);
}

}  // namespace
}  // namespace iocscan::collect
