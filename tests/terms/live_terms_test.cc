// The terms of the live-host collectors on Linux (collect/process, collect/network) and Windows
// (collect/windows, platform/windows/collect): exactly the fields each sets are collected on its
// platform, with the vendor lists' types and platforms kept, and costs that make the evaluator try
// cheap fields before descriptor lists and digests.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "terms/registry.h"
#include "terms/terms_support.h"

using namespace iocscan::terms;

namespace {

const TermInfo& Must(std::string_view search) {
  auto id = FindTerm(search);
  INFO(search);
  REQUIRE(id.has_value());
  return Term(*id);
}

using testing::CollectedOn;

}  // namespace

TEST_CASE("exactly the ProcessItem terms the Linux collector sets are collected") {
  std::set<std::string> expected = {"pid", "parentpid", "name", "path", "arguments", "Username", "startTime",
                                    "SectionList/MemorySection/Name"};
  for (const char* f : {"Type", "Name", "FileDescriptor", "INode", "User", "Device", "Size", "SocketType",
                        "SocketProtocol", "SocketState", "SocketLocalAddress", "SocketLocalPort",
                        "SocketRemoteAddress", "SocketRemotePort", "Md5sum", "Sha1sum", "Sha256sum"}) {
    expected.insert(std::string("HandleList/Handle/") + f);
  }
  for (const char* f : {"protocol", "localIP", "localPort", "remoteIP", "remotePort", "state", "pid", "process",
                        "path"}) {
    expected.insert(std::string("PortList/PortItem/") + f);
  }
  CHECK(CollectedOn("ProcessItem", kLinux) == expected);
}

TEST_CASE("exactly the ProcessItem and PortItem terms the Windows collectors set are collected") {
  std::set<std::string> expected = {"pid", "parentpid", "name", "path", "arguments", "Username", "SecurityID",
                                    "startTime", "HandleList/Handle/Md5sum", "HandleList/Handle/Sha1sum",
                                    "HandleList/Handle/Sha256sum", "HandleList/Handle/Type", "HandleList/Handle/Name",
                                    "SectionList/MemorySection/Name"};
  for (const char* f : {"protocol", "localIP", "localPort", "remoteIP", "remotePort", "state", "pid", "process",
                        "path"}) {
    expected.insert(std::string("PortList/PortItem/") + f);
  }
  CHECK(CollectedOn("ProcessItem", kWindows) == expected);
  CHECK(CollectedOn("PortItem", kWindows) == CollectedOn("PortItem", kLinux));
}

TEST_CASE("exactly the PortItem ArpEntryItem and RouteEntryItem terms the collectors set are collected") {
  CHECK(CollectedOn("PortItem", kLinux) == std::set<std::string>{"protocol", "localIP", "localPort", "remoteIP",
                                                              "remotePort", "state", "pid", "process", "path",
                                                              "isIPv6"});
  CHECK(CollectedOn("ArpEntryItem", kLinux) ==
        std::set<std::string>{"IPv4Address", "PhysicalAddress", "CacheType", "InterfaceType"});
  std::set<std::string> routes = {"Destination", "Netmask", "Gateway", "Interface", "Metric", "MTU", "Flags",
                                   "IsIPv6", "IsLoopback", "IsAutoconfigureAddress"};
  CHECK(CollectedOn("RouteEntryItem", kLinux) == routes);
  // Windows: the same, but no route MTU (its tables have none).
  CHECK(CollectedOn("ArpEntryItem", kWindows) == CollectedOn("ArpEntryItem", kLinux));
  routes.erase("MTU");
  CHECK(CollectedOn("RouteEntryItem", kWindows) == routes);
}

TEST_CASE("live terms keep the vendor lists' types and platforms") {
  CHECK(Must("ProcessItem/SectionList/MemorySection/Name").vendor_platforms == kWindows);
  CHECK(Must("ProcessItem/PortList/PortItem/localPort").vendor_platforms == kWindows);
  CHECK(Must("ProcessItem/HandleList/Handle/SocketLocalPort").vendor_platforms == kLinux);
  CHECK(Must("ProcessItem/HandleList/Handle/SocketLocalPort").type == ValueType::kString);
  CHECK(Must("ProcessItem/HandleList/Handle/Md5sum").type == ValueType::kMd5);
  CHECK(Must("ProcessItem/PortList/PortItem/localIP").type == ValueType::kIp);
  CHECK(Must("PortItem/localPort").type == ValueType::kInt);
  CHECK(Must("RouteEntryItem/Destination").type == ValueType::kIp);
  CHECK(Must("ProcessItem/HandleList/Handle/Name").list);
  CHECK_FALSE(Must("ProcessItem/name").list);
}

TEST_CASE("live terms are ordered by what they cost to read") {
  CHECK(Must("ProcessItem/name").cost == Cost::kName);
  CHECK(Must("ProcessItem/arguments").cost == Cost::kStat);
  CHECK(Must("ProcessItem/HandleList/Handle/Name").cost == Cost::kStat);
  CHECK(Must("ProcessItem/HandleList/Handle/Sha256sum").cost == Cost::kDigest);
  CHECK(Must("PortItem/localPort").cost == Cost::kName);
  CHECK(Must("PortItem/pid").cost == Cost::kOther);  // every process's descriptors, once
  CHECK(Must("RouteEntryItem/Gateway").cost == Cost::kName);
}
