// The EventLogItem fields of one event record (event_xml.h), set on a RecordItem. Portable, so the
// mapping is tested on Linux; the Windows collector (platform/windows/collect/event_log_collector.cc)
// adds what needs the live system: the formatted message and the account name of the SID.
//
// Fields (under EventLogItem/):
//   log          the channel ("Security", "Microsoft-Windows-Sysmon/Operational")
//   EID          the event id (4688); for a classic source also the id with its qualifiers in the
//                high 16 bits, as pre-Vista readers reported it (DCOM 10009 is also 3221235481)
//   source       the classic source name when there is one ("DCOM"), and the provider's name
//                ("Microsoft-Windows-DistributedCOM")
//   type         "Error", "Warning", "Information", "Critical", "Verbose", "Success Audit",
//                "Failure Audit" (event_xml.h EventTypeOf)
//   genTime, writeTime   TimeCreated (the record has one time; both are set to it)
//   index        EventRecordID;  machine: Computer;  user: the SID of <Security UserID>
//   categoryNum  <Task>;  category: its name when the record carries <RenderingInfo>
//   message      <RenderingInfo>/<Message> when the record carries it
//   unformattedMessage/string   the insertion strings (<Data> values, <UserData> leaves)
//   blob         <Binary>, hex
//   CorrelationActivityId, CorrelationRelatedActivityId, ExecutionProcessId, ExecutionThreadId
#pragma once

#include <string>

#include "collect/eventlog/event_xml.h"
#include "collect/record_item.h"

namespace iocscan::collect {

// `channel` is the channel queried (used when the record does not name its own).
void AddEventFields(const EventRecord& e, const std::string& channel, RecordItem& item);

}  // namespace iocscan::collect
