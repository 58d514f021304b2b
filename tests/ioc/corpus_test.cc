// The shared corpus of real IOC files: every file loads, and what is read agrees with an independent
// reader (python3 xml.etree over the same files gave the totals below).
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/native_path.h"
#include "ioc/collection.h"

namespace iocscan::ioc {
namespace {

const std::string kCorpus = IOCSCAN_SHARED_DIR "/corpus";

TEST_CASE("corpus: all 102 shared files load as IOCs, none refused") {
  if (!std::filesystem::is_directory(kCorpus)) {
    WARN("no corpus at " << kCorpus << ", skipped");
    return;
  }
  LoadedIocs loaded = LoadIocs({kCorpus});
  for (const Warning& w : loaded.refused) UNSCOPED_INFO(w.Text());
  CHECK(loaded.refused.empty());
  REQUIRE(loaded.iocs.size() == 102);

  int v10 = 0, v11 = 0, items = 0, non_empty = 0, indicators = 0, negated = 0, params = 0, dangling = 0;
  std::size_t content_bytes = 0;
  for (const Ioc& ioc : loaded.iocs) {
    (ioc.version == Version::k1_0 ? v10 : v11)++;
    CHECK(ioc.source.rfind(NativeSeparators(kCorpus) + kPathSeparator, 0) == 0);
    CHECK(ioc.top.size() == 1);  // every real file has exactly one top-level Indicator ...
    REQUIRE_FALSE(ioc.top.empty());
    CHECK(ioc.nodes[ioc.top[0]].op == Operator::kOr);  // ... and it is an OR
    for (std::uint32_t i = 0; i < ioc.nodes.size(); ++i) {
      const Node& n = ioc.nodes[i];
      CHECK(n.line > 0);
      for (std::uint32_t c : n.children) CHECK(c > i);
      if (n.kind == Node::Kind::kIndicator) {
        ++indicators;
        continue;
      }
      ++items;
      negated += n.term.negate ? 1 : 0;
      non_empty += n.term.content.empty() ? 0 : 1;
      content_bytes += n.term.content.size();
      CHECK_FALSE(n.term.search.empty());
    }
    for (const Parameter& p : ioc.parameters) {
      ++params;
      dangling += p.node < 0 ? 1 : 0;
    }
  }
  CHECK(v10 == 32);
  CHECK(v11 == 70);
  CHECK(items == 2096);
  CHECK(non_empty == 1306);
  CHECK(indicators == 345);
  CHECK(negated == 169);
  CHECK(content_bytes == 27603);  // Content verbatim: not one byte trimmed
  CHECK(params == 27);
  CHECK(dangling == 0);
  // Real duplicates: Zeus three times (1.0), Duqu as 1.0 and as its 1.1 upgrade.
  int duplicates = 0;
  for (const Warning& w : loaded.warnings) duplicates += w.message.rfind("duplicate IOC id ", 0) == 0 ? 1 : 0;
  CHECK(duplicates == 3);
}

TEST_CASE("corpus: folder order is sorted by name, and loading twice gives the same order") {
  if (!std::filesystem::is_directory(kCorpus)) {
    WARN("no corpus at " << kCorpus << ", skipped");
    return;
  }
  LoadedIocs a = LoadIocs({kCorpus});
  LoadedIocs b = LoadIocs({kCorpus});
  REQUIRE(a.iocs.size() == b.iocs.size());
  for (std::size_t i = 0; i < a.iocs.size(); ++i) CHECK(a.iocs[i].source == b.iocs[i].source);
  for (std::size_t i = 1; i < a.iocs.size(); ++i) CHECK(PathFromUtf8(a.iocs[i - 1].source) < PathFromUtf8(a.iocs[i].source));  // by component
}

}  // namespace
}  // namespace iocscan::ioc
