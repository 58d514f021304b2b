// Every real IOC of the shared corpus compiles; the Duqu 1.0/1.1 pair compiles to one structure.
#include <catch2/catch.hpp>

#include <filesystem>

#include "ioc/collection.h"
#include "support.h"

namespace iocscan::compile::testing {
namespace {

const std::string kCorpus = IOCSCAN_SHARED_DIR "/corpus";

TEST_CASE("every corpus IOC compiles; unsupported terms are warned", "[compile][corpus]") {
  if (!std::filesystem::is_directory(kCorpus)) {
    WARN("no shared corpus at " << kCorpus);
    return;
  }
  ioc::LoadedIocs loaded = ioc::LoadIocs({kCorpus});
  REQUIRE(loaded.iocs.size() > 50);
  std::vector<std::size_t> term_nodes;
  for (const ioc::Ioc& i : loaded.iocs) {
    term_nodes.push_back(static_cast<std::size_t>(std::count_if(i.nodes.begin(), i.nodes.end(), [](auto& n) {
      return n.kind == ioc::Node::Kind::kTerm;
    })));
  }
  CompileOptions options;
  options.require_collected = false;  // judge the terms themselves, not this platform's collectors
  CompiledSet set = CompileForLinux(std::move(loaded.iocs), options);
  std::size_t usable = 0, empty_content = 0;
  for (std::size_t i = 0; i < set.size(); ++i) {
    const IocReport& r = set.report(i);
    CHECK(r.terms == r.supported + r.unsupported);
    CHECK(r.terms <= term_nodes[i]);
    usable += r.usable();
    std::size_t term_warnings = 0;
    for (const Warning& w : r.warnings) term_warnings += w.message.rfind("term ", 0) == 0;
    CHECK(term_warnings >= r.unsupported);
    for (const TermStatus& t : r.term_status) {
      const ioc::Term& term = set.ioc(i).nodes[t.node].term;
      if (term.content.empty()) {
        CHECK_FALSE(t.supported);
        ++empty_content;
      }
    }
  }
  CHECK(usable > set.size() / 2);
  INFO("usable " << usable << " of " << set.size() << ", empty Content terms " << empty_content);
  // Evaluating an empty file item against everything must be safe.
  Evaluator ev(set);
  std::vector<GroupHit> hits;
  for (std::uint32_t d = 0; d < set.documents().size(); ++d) {
    FakeItem nothing;
    ev.Evaluate(d, nothing, &hits);
  }
  CHECK(hits.empty());
}

// ioc_writer's 1.1 file adds Yara terms to the upgraded tree: every group of the 1.0 file must be
// found, identical, among the 1.1 file's groups.
TEST_CASE("Duqu in 1.0 and in ioc_writer's 1.1 compile to the same groups", "[compile][corpus]") {
  std::string a = kCorpus + "/openioc-1.0/STIXProject__openioc-to-stix/examples/duqu.ioc.xml";
  std::string b = kCorpus +
                  "/openioc-1.1/mandiant__ioc_writer/examples/openioc_to_yara/example_iocs/"
                  "72669174-dd77-4a4e-82ed-99a96784f36e.ioc";
  if (!std::filesystem::exists(a) || !std::filesystem::exists(b)) {
    WARN("Duqu pair not in the shared corpus");
    return;
  }
  ioc::LoadedIocs la = ioc::LoadIocs({a}), lb = ioc::LoadIocs({b});
  REQUIRE(la.iocs.size() == 1);
  REQUIRE(lb.iocs.size() == 1);
  CompileOptions options;
  options.require_collected = false;
  CompiledSet sa = CompileForLinux(std::move(la.iocs), options), sb = CompileForLinux(std::move(lb.iocs), options);
  std::string shape_a = Shape(sa), shape_b = Shape(sb);
  std::size_t start = 0, groups = 0;
  while (start < shape_a.size()) {
    std::size_t end = shape_a.find('\n', start);
    std::string line = shape_a.substr(start, end - start + 1);
    CHECK_THAT(shape_b, Catch::Contains(line));
    ++groups;
    start = end + 1;
  }
  CHECK(groups >= 5);
  CHECK(sa.report(0).terms < sb.report(0).terms);
}

}  // namespace
}  // namespace iocscan::compile::testing
