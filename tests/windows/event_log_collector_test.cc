// The Windows EventLogItem collector on the real OS. The test writes one Application record with
// a unique marker (ReportEventW, source "iocscan-test") and reads the channels back through
// MakeCollector. On Windows the record must come back with its fields; under Wine, whose event log
// API is mostly stubbed, the collector must instead end with its one clear warning and no crash.
#include <windows.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "collect/collector.h"
#include "collect/eventlog/event_query.h"
#include "terms/registry.h"
#include "windows/collector_support.h"

namespace iocscan::collect {
namespace {


// Writes an Application record whose only string is `marker`; false when the API refuses.
bool ReportMarker(const std::wstring& marker) {
  HANDLE source = ::RegisterEventSourceW(nullptr, L"iocscan-test");
  if (!source) return false;
  const wchar_t* strings[] = {marker.c_str()};
  BOOL ok = ::ReportEventW(source, EVENTLOG_WARNING_TYPE, 0, 4242, nullptr, 1, 0, strings, nullptr);
  ::DeregisterEventSource(source);
  return ok != FALSE;
}

std::string Texts(Fields& f, const std::string& search) {
  std::string out;
  for (const compile::Scalar& s : f[search]) out += (out.empty() ? "" : "|") + s.text;
  return out;
}

TEST_CASE("EventLogItem reads the channels, or says clearly that it cannot", "[windows][collect][eventlog]") {
  std::string marker = "iocscan-marker-" + std::to_string(::GetCurrentProcessId());
  bool reported = ReportMarker(std::wstring(marker.begin(), marker.end()));
  WindowsTerms terms = WindowsTermsOf("EventLogItem");
  CollectorEnv env;
  env.needed = terms.ids;
  env.since = static_cast<std::int64_t>(::time(nullptr)) - 3600;  // the XPath window is exercised too
  std::unique_ptr<Collector> c = MakeCollector("EventLogItem");
  REQUIRE(c);
  CHECK(c->live_only());
  std::vector<Fields> mine;
  std::uint64_t seen = 0;
  CollectorStats stats = c->Collect(env, [&](CollectedItem& item) {
    ++seen;
    Fields f = FieldsOf(item, terms.searches);
    CHECK_FALSE(f["EventLogItem/log"].empty());
    CHECK_FALSE(item.CardFields().empty());
    if (Texts(f, "EventLogItem/unformattedMessage/string").find(marker) != std::string::npos) mine.push_back(f);
  });
  bool not_implemented = false;
  for (const Warning& w : stats.warnings) {
    WARN("EventLogItem warning: " << w.source << ": " << w.message);
    not_implemented |= w.message.find("not implemented") != std::string::npos;
  }
  WARN("ReportEventW " << (reported ? "accepted" : "refused") << "; " << seen << " records read; "
                       << mine.size() << " with the marker");
  CHECK(stats.items == seen);
  if (not_implemented) {
    CHECK(seen == 0);
    CHECK(stats.warnings.size() == 1);  // said once, not once per channel
    return;
  }
  // A real event log service: the record just written is among the newest of Application.
  REQUIRE(reported);
  REQUIRE(mine.size() == 1);
  Fields& f = mine[0];
  CHECK(Texts(f, "EventLogItem/log") == "Application");
  CHECK(Texts(f, "EventLogItem/source") == "iocscan-test");
  CHECK(f["EventLogItem/EID"].at(0).integer == 4242);
  CHECK(Texts(f, "EventLogItem/type") == "Warning");
  CHECK(f["EventLogItem/genTime"].at(0).integer >= *env.since);
}

}  // namespace
}  // namespace iocscan::collect
