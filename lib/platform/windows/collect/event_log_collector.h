// EventLogItem on Windows: one item per event record of the channels in
// collect/eventlog/event_query.h (Security, System, Application, PowerShell and Sysmon
// Operational), read through the event log service (wevtapi): EvtQuery with the --since/--until
// window as an XPath filter, newest first, at most kMaxEventsPerChannel records per channel;
// each record rendered as XML (EvtRender) and parsed by collect/eventlog/event_xml.h. The fields
// are those of collect/eventlog/event_fields.h, plus, only when an IOC asks:
//   message  EvtFormatMessage with the provider's metadata (its message DLL); absent when the
//            provider is not installed
//   user     also the account name of the SID ("NT AUTHORITY\SYSTEM", LookupAccountSidW)
// A channel the host does not have, or that this account may not read (Security needs an
// administrator), is a warning; so is an event log API that is not implemented, once: Wine 8
// stubs EvtQuery (it returns NULL for every channel without setting an error) and ReportEventW, so
// under Wine this collector reads nothing and says so.
// Live system only: an offline root's .evtx files are not read.
#pragma once

#include <memory>

#include "collect/collector.h"

namespace iocscan::collect {

std::unique_ptr<Collector> MakeEventLogCollector();

}  // namespace iocscan::collect
