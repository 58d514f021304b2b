// The sample IOCs shipped in samples/iocs: they load cleanly, and the equivalence pair really is the
// same logic written once as 1.0 and once as 1.1.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "ioc/collection.h"

namespace iocscan::ioc {
namespace {

const std::string kSamples = IOCSCAN_SOURCE_DIR "/samples/iocs";

TEST_CASE("samples: every sample loads without warning, both versions present") {
  LoadedIocs loaded = LoadIocs({kSamples});
  for (const Warning& w : loaded.refused) UNSCOPED_INFO(w.Text());
  for (const Warning& w : loaded.warnings) UNSCOPED_INFO(w.Text());
  CHECK(loaded.refused.empty());
  CHECK(loaded.warnings.empty());
  REQUIRE(loaded.iocs.size() == 8);
  int v10 = 0;
  for (const Ioc& ioc : loaded.iocs) {
    v10 += ioc.version == Version::k1_0 ? 1 : 0;
    CHECK_FALSE(ioc.meta.id.empty());
    CHECK_FALSE(ioc.meta.short_description.empty());
    REQUIRE(ioc.top.size() == 1);
    CHECK(ioc.nodes[ioc.top[0]].op == Operator::kOr);
    for (const Node& n : ioc.nodes) {
      if (n.kind == Node::Kind::kTerm) CHECK_FALSE(n.term.content.empty());
    }
  }
  CHECK(v10 == 3);
}

TEST_CASE("samples: the 1.0/1.1 equivalence pair has the same tree once isnot/containsnot are folded") {
  LoadedIocs loaded = LoadIocs({kSamples + "/equivalence"});
  REQUIRE(loaded.iocs.size() == 2);
  const Ioc& a = loaded.iocs[0];
  const Ioc& b = loaded.iocs[1];
  REQUIRE(a.version == Version::k1_0);
  REQUIRE(b.version == Version::k1_1);
  REQUIRE(a.nodes.size() == b.nodes.size());
  int negated = 0;
  for (std::size_t i = 0; i < a.nodes.size(); ++i) {
    const Node& x = a.nodes[i];
    const Node& y = b.nodes[i];
    CHECK(x.kind == y.kind);
    CHECK(x.op == y.op);
    CHECK(x.children == y.children);
    if (x.kind != Node::Kind::kTerm) continue;
    std::string cond = x.term.condition;
    bool neg = cond == "isnot" || cond == "containsnot";
    if (neg) cond.resize(cond.size() - 3);
    negated += neg ? 1 : 0;
    CHECK(cond == y.term.condition);
    CHECK(neg == y.term.negate);
    CHECK(x.term.search == y.term.search);
    CHECK(x.term.content == y.term.content);
  }
  CHECK(negated == 2);
}

}  // namespace
}  // namespace iocscan::ioc

namespace iocscan::ioc {
namespace {

// samples/collections/samples.zip is `iocscan export samples/iocs -o samples/collections/samples.zip`:
// it must hold exactly the IOCs of samples/iocs, byte for byte, so it never goes stale.
TEST_CASE("samples: the ZIP collection holds exactly the sample IOCs") {
  LoadedIocs folder = LoadIocs({IOCSCAN_SOURCE_DIR "/samples/iocs"});
  LoadedIocs zip = LoadIocs({IOCSCAN_SOURCE_DIR "/samples/collections/samples.zip"});
  CHECK(zip.refused.empty());
  CHECK(zip.warnings.empty());
  std::map<std::string, std::string> by_id_folder, by_id_zip;
  for (const Ioc& ioc : folder.iocs) by_id_folder[ioc.meta.id] = ioc.bytes;
  for (const Ioc& ioc : zip.iocs) {
    by_id_zip[ioc.meta.id] = ioc.bytes;
    CHECK(ioc.source.find("samples.zip:") != std::string::npos);
  }
  CHECK(by_id_zip == by_id_folder);
}

}  // namespace
}  // namespace iocscan::ioc
