#include "collect/eventlog/event_query.h"

#include "core/time.h"

namespace iocscan::collect {
namespace {

// "2024-01-01T00:00:00Z" -> "2024-01-01T00:00:00.000Z": the form the service writes SystemTime
// in, so the comparison is between like strings.
std::string SystemTimeOf(std::int64_t t) {
  std::string iso = FormatIsoTime(t);
  if (!iso.empty() && iso.back() == 'Z') iso.insert(iso.size() - 1, ".000");
  return iso;
}

}  // namespace

std::string EventQueryXPath(std::optional<std::int64_t> since, std::optional<std::int64_t> until) {
  if (!since && !until) return "*";
  std::string test;
  if (since) test = "@SystemTime>='" + SystemTimeOf(*since) + "'";
  if (until) test += std::string(test.empty() ? "" : " and ") + "@SystemTime<'" + SystemTimeOf(*until + 1) + "'";
  return "*[System[TimeCreated[" + test + "]]]";
}

}  // namespace iocscan::collect
