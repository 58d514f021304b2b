// Whole scans of live host documents: IOCs on ProcessItem and PortItem find a child process the
// test started and a listener it opened, with their pids on the cards; the executable's digests
// match; live-only documents are skipped in offline scans.
#include <catch2/catch.hpp>

#include <unistd.h>

#include "compile/support.h"
#include "hash/digest.h"
#include "scan/prepare.h"
#include "scan/scan.h"
#include "support/live_objects.h"
#include "support/scratch_dir.h"

namespace iocscan::scan {
namespace {

using compile::testing::And;
using compile::testing::Or;
using compile::testing::T;
using iocscan::testing::LoopbackListener;
using iocscan::testing::ScratchDir;
using iocscan::testing::SleepingChild;

std::string IocXml(const std::string& criteria) {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<OpenIOC xmlns=\"http://openioc.org/schemas/OpenIOC_1.1\" "
         "id=\"live-test\"><metadata><short_description>live test</short_description></metadata><criteria>" +
         criteria + "</criteria></OpenIOC>";
}

ScanOutcome ScanWith(const std::string& criteria, const std::vector<std::string>& documents,
                     const std::string& root = "") {
  ScratchDir iocs;
  iocs.Write("live.ioc", IocXml(criteria));
  Result<PreparedIocs> prepared = PrepareIocs({iocs.path()}, documents);
  REQUIRE(prepared.ok());
  ScanOptions options;
  options.documents = documents;
  options.root = root;
  options.threads = 1;
  return RunScan(prepared.value().set, options, {});
}

const report::CardField* FieldNamed(const report::CardItem& item, std::string_view name) {
  for (const report::CardField& f : item.fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

TEST_CASE("a scan finds the test's child by name and by a unique argument", "[scan][process]") {
  ScratchDir dir;
  SleepingChild child(dir);
  if (!child.ok()) {
    WARN("skipped: " << child.why());
    return;
  }
  ScanOutcome out = ScanWith(Or(And(T("is", "ProcessItem/name", child.name()) +
                                    T("contains", "ProcessItem/arguments", child.argument()))),
                             {"ProcessItem"});
  REQUIRE(out.cards.size() == 1);
  REQUIRE(out.cards[0].items.size() == 1);
  const report::CardItem& item = out.cards[0].items[0];
  CHECK(item.document == "ProcessItem");
  CHECK(FieldNamed(item, "pid")->values.at(0).integer == child.pid());
  CHECK(FieldNamed(item, "name")->values.at(0).text == child.name());
  CHECK(FieldNamed(item, "path")->values.at(0).text == dir.path());
  CHECK(out.summary.items_per_document.at("ProcessItem") > 1);

  // Another argument: no card.
  ScanOutcome none = ScanWith(Or(And(T("is", "ProcessItem/name", child.name()) +
                                     T("contains", "ProcessItem/arguments", child.argument() + "9"))),
                              {"ProcessItem"});
  CHECK(none.cards.empty());
}

TEST_CASE("a scan matches the digests of the child's executable", "[scan][process]") {
  ScratchDir dir;
  SleepingChild child(dir);
  if (!child.ok()) {
    WARN("skipped: " << child.why());
    return;
  }
  hash::Digests d = hash::DigestBytes(hash::kAllDigests, child.bytes());
  ScanOutcome out = ScanWith(Or(And(T("is", "ProcessItem/HandleList/Handle/Md5sum", d.md5) +
                                    T("is", "ProcessItem/HandleList/Handle/Sha1sum", d.sha1) +
                                    T("is", "ProcessItem/HandleList/Handle/Sha256sum", d.sha256) +
                                    T("is", "ProcessItem/name", child.name()))),
                             {"ProcessItem"});
  REQUIRE(out.cards.size() == 1);
  CHECK(FieldNamed(out.cards[0].items.at(0), "pid")->values.at(0).integer == child.pid());

  std::string other(64, '0');
  ScanOutcome none = ScanWith(Or(And(T("is", "ProcessItem/HandleList/Handle/Sha256sum", other) +
                                     T("is", "ProcessItem/name", child.name()))),
                              {"ProcessItem"});
  CHECK(none.cards.empty());
}

TEST_CASE("a scan finds the test's listener by its port with the test's pid", "[scan][port]") {
  LoopbackListener listener;
  REQUIRE(listener.ok());
  ScanOutcome out = ScanWith(Or(T("is", "PortItem/localPort", std::to_string(listener.port()))), {"PortItem"});
  REQUIRE(out.cards.size() == 1);
  REQUIRE(out.cards[0].items.size() == 1);
  const report::CardItem& item = out.cards[0].items[0];
  CHECK(item.document == "PortItem");
  CHECK(FieldNamed(item, "pid")->values.at(0).integer == ::getpid());
  CHECK(FieldNamed(item, "localIP")->values.at(0).text == "127.0.0.1");

  // The same through the process: its port list holds the listener.
  ScanOutcome by_process =
      ScanWith(Or(And(T("is", "ProcessItem/pid", std::to_string(::getpid())) +
                      T("is", "ProcessItem/PortList/PortItem/localPort", std::to_string(listener.port())))),
               {"ProcessItem"});
  CHECK(by_process.cards.size() == 1);
}

TEST_CASE("live-only documents are skipped in an offline scan with one warning each", "[scan][process]") {
  ScratchDir root;
  ScanOutcome out = ScanWith(Or(T("is", "ProcessItem/name", "sleep") + T("is", "PortItem/localPort", "22") +
                                T("is", "ArpEntryItem/IPv4Address", "10.0.0.1") +
                                T("is", "RouteEntryItem/Destination", "0.0.0.0")),
                             {"ProcessItem", "PortItem", "ArpEntryItem", "RouteEntryItem"}, root.path());
  CHECK(out.cards.empty());
  int skipped = 0;
  for (const Warning& w : out.warnings) skipped += w.message.find("describes the running system") != std::string::npos;
  CHECK(skipped == 4);
}

}  // namespace
}  // namespace iocscan::scan
