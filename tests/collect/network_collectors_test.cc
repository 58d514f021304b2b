// PortCollector, ArpCollector and RouteCollector for real: a listener the test opens is found with
// its owner (the test itself), and the ARP and route tables of this machine parse without errors.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <optional>

#include "collect/network/neighbor_route_collectors.h"
#include "collect/network/port_collector.h"
#include "support/live_objects.h"

namespace iocscan::collect {
namespace {

using iocscan::testing::LoopbackListener;

const compile::FieldValue* Field(CollectedItem& item, std::string_view search) {
  return item.Get(*terms::FindTerm(search));
}

std::string TextOf(CollectedItem& item, std::string_view search) {
  const compile::FieldValue* v = Field(item, search);
  return v && !v->empty() ? v->at(0).text : std::string();
}

std::optional<std::int64_t> IntOf(CollectedItem& item, std::string_view search) {
  const compile::FieldValue* v = Field(item, search);
  return v && !v->empty() ? std::optional(v->at(0).integer) : std::nullopt;
}

bool Exists(const char* path) {
  struct stat st {};
  return ::stat(path, &st) == 0;
}

struct FoundPort {
  std::string protocol, local_ip, state, process;
  std::optional<std::int64_t> pid, is_ipv6;
  std::vector<report::CardField> card;
};

std::optional<FoundPort> FindListener(int port) {
  std::optional<FoundPort> found;
  PortCollector collector;
  CollectorStats stats = collector.Collect({}, [&](CollectedItem& item) {
    if (IntOf(item, "PortItem/localPort") != port || TextOf(item, "PortItem/protocol") != "TCP") return;
    found = FoundPort{TextOf(item, "PortItem/protocol"), TextOf(item, "PortItem/localIP"),
                      TextOf(item, "PortItem/state"),    TextOf(item, "PortItem/process"),
                      IntOf(item, "PortItem/pid"),       IntOf(item, "PortItem/isIPv6"),
                      item.CardFields()};
  });
  CHECK(stats.items > 0);
  return found;
}

TEST_CASE("PortCollector finds the test's listener with the test's pid", "[collect][port]") {
  LoopbackListener listener;
  REQUIRE(listener.ok());
  std::optional<FoundPort> p = FindListener(listener.port());
  REQUIRE(p);
  CHECK(p->local_ip == "127.0.0.1");
  CHECK(p->state == "LISTEN");
  CHECK(p->pid == ::getpid());
  CHECK_FALSE(p->process.empty());
  CHECK(p->is_ipv6 == 0);
  // The card names the socket and its process.
  std::vector<std::string> names;
  for (const report::CardField& f : p->card) names.push_back(f.name);
  CHECK(names == std::vector<std::string>{"protocol", "localIP", "localPort", "remoteIP", "remotePort", "state",
                                          "pid", "process"});
  CHECK(p->card[6].values.at(0).integer == ::getpid());
}

TEST_CASE("PortCollector reports an IPv6 listener as IPv6", "[collect][port]") {
  if (!Exists("/proc/net/tcp6")) {
    WARN("skipped: no IPv6 on this machine (/proc/net/tcp6 is missing)");
    return;
  }
  LoopbackListener listener(/*ipv6=*/true);
  if (!listener.ok()) {
    WARN("skipped: cannot listen on ::1 here");
    return;
  }
  std::optional<FoundPort> p = FindListener(listener.port());
  REQUIRE(p);
  CHECK(p->local_ip == "::1");
  CHECK(p->is_ipv6 == 1);
  CHECK(p->pid == ::getpid());
}

TEST_CASE("RouteCollector and ArpCollector read this machine's tables without errors", "[collect][route]") {
  if (!Exists("/proc/net/route")) {
    WARN("skipped: no /proc/net/route here");
    return;
  }
  RouteCollector routes;
  std::uint64_t with_destination = 0;
  CollectorStats rs = routes.Collect({}, [&](CollectedItem& item) {
    if (!TextOf(item, "RouteEntryItem/Destination").empty() && !TextOf(item, "RouteEntryItem/Interface").empty()) {
      ++with_destination;
    }
  });
  CHECK(rs.errors == 0);
  CHECK(rs.warnings.empty());
  CHECK(with_destination == rs.items);

  ArpCollector arp;
  std::uint64_t with_ip = 0;
  CollectorStats as = arp.Collect({}, [&](CollectedItem& item) {
    if (!TextOf(item, "ArpEntryItem/IPv4Address").empty()) ++with_ip;
  });
  CHECK(as.errors == 0);
  CHECK(with_ip == as.items);
}

TEST_CASE("network collectors on a missing proc folder warn once and visit nothing", "[collect][route]") {
  const std::string missing = "/nonexistent-proc-for-iocscan";
  std::uint64_t visited = 0;
  auto count = [&](CollectedItem&) { ++visited; };
  CollectorStats p = PortCollector(missing).Collect({}, count);
  CollectorStats a = ArpCollector(missing).Collect({}, count);
  CollectorStats r = RouteCollector(missing).Collect({}, count);
  CHECK(visited == 0);
  for (const CollectorStats* s : {&p, &a, &r}) {
    CHECK(s->errors == 1);
    CHECK(s->warnings.size() == 1);
  }
  CHECK(PortCollector().live_only());
  CHECK(ArpCollector().live_only());
  CHECK(RouteCollector().live_only());
}

}  // namespace
}  // namespace iocscan::collect
