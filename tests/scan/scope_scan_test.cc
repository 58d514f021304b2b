// What a sweep covers: several scope roots (overlapping ones walked once), a root that is a file,
// exclude globs (an excluded folder is never entered), and a missing root counted as an error.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scan/scan_test_util.h"

namespace iocscan::scan::testing {
namespace {

const std::string kPayload = "scoped payload";

// tree/top.bin, tree/sub/mid.bin, tree/sub/deeper/low.bin, tree/skip/hidden.bin, tree/noise.log:
// every .bin holds kPayload.
struct ScopeTree {
  ScratchDir dir;
  ScratchDir iocs;
  ScopeTree() {
    MkDir(dir, "sub");
    MkDir(dir, "sub/deeper");
    MkDir(dir, "skip");
    for (const char* f : {"top.bin", "sub/mid.bin", "sub/deeper/low.bin", "skip/hidden.bin"}) dir.Write(f, kPayload);
    dir.Write("noise.log", kPayload);
    iocs.Write("payload.ioc", Doc11("payload", OR(T11("is", "FileItem/Sha256sum", Sha256(kPayload)))));
  }
};

TEST_CASE("scan: overlapping scope roots list each file once", "[scan][scope]") {
  ScopeTree tree;
  ScanOptions options;
  options.paths = {tree.dir.Join("sub"), tree.dir.path(), tree.dir.Join("sub/deeper"), tree.dir.path()};
  options.threads = 2;
  ScanOutcome out = PrepareAndScan({tree.iocs.path()}, options);
  REQUIRE(out.cards.size() == 1);
  CHECK(MatchedPaths(out.cards[0]) ==
        std::vector<std::string>{tree.dir.Join("noise.log"), tree.dir.Join("skip/hidden.bin"),
                                 tree.dir.Join("sub/deeper/low.bin"), tree.dir.Join("sub/mid.bin"),
                                 tree.dir.Join("top.bin")});
  CHECK(out.summary.files_visited == 5);
}

TEST_CASE("scan: a scope root that is a file is scanned itself", "[scan][scope]") {
  ScopeTree tree;
  ScanOptions options;
  options.paths = {tree.dir.Join("sub/mid.bin"), tree.dir.Join("noise.log")};
  options.threads = 1;
  ScanOutcome out = PrepareAndScan({tree.iocs.path()}, options);
  REQUIRE(out.cards.size() == 1);
  CHECK(MatchedPaths(out.cards[0]) == std::vector<std::string>{tree.dir.Join("noise.log"), tree.dir.Join("sub/mid.bin")});
  CHECK(out.summary.files_visited == 2);
}

TEST_CASE("scan: excluded folders are not entered and excluded files not evaluated", "[scan][scope]") {
  ScopeTree tree;
  ScanOptions options = Scope(tree.dir.path(), 2);
  options.excludes = {tree.dir.Join("skip"), "*.log", "**/deeper/**"};
  ScanOutcome out = PrepareAndScan({tree.iocs.path()}, options);
  REQUIRE(out.cards.size() == 1);
  CHECK(MatchedPaths(out.cards[0]) == std::vector<std::string>{tree.dir.Join("sub/mid.bin"), tree.dir.Join("top.bin")});
  CHECK(out.summary.files_visited == 2);
  // Only the two files in scope are opened (each at most twice: term digest, then card digests).
  CHECK(out.summary.files_read >= 2);
  CHECK(out.summary.files_read <= 4);
  CHECK(out.summary.bytes_read == out.summary.files_read * kPayload.size());
}

TEST_CASE("scan: a missing scope root is an error in the summary and the others are scanned", "[scan][scope]") {
  ScopeTree tree;
  ScanOptions options;
  options.paths = {tree.dir.Join("no-such-folder"), tree.dir.Join("sub")};
  options.threads = 2;
  ScanOutcome out = PrepareAndScan({tree.iocs.path()}, options);
  CHECK(out.summary.status == report::ScanStatus::kComplete);
  REQUIRE(out.cards.size() == 1);
  CHECK(MatchedPaths(out.cards[0]) == std::vector<std::string>{tree.dir.Join("sub/deeper/low.bin"), tree.dir.Join("sub/mid.bin")});
  CHECK(out.summary.unreadable_by_errno.at("ENOENT") == 1);
  CHECK(out.summary.errors_by_kind.at("walk") == 1);
  REQUIRE(out.error_examples.size() == 1);
  CHECK(out.error_examples[0].path == tree.dir.Join("no-such-folder"));
}

TEST_CASE("scan: documents limits which terms are evaluated", "[scan][scope]") {
  ScopeTree tree;
  // Only FileItem asked: the ProcessItem term is left out and the IOC's FileItem part still decides.
  tree.iocs.Write("mixed.ioc", Doc11("mixed", OR(T11("is", "ProcessItem/name", "no-such-process-iocscan-test") +
                                                 T11("is", "FileItem/FileName", "top.bin"))));
  Result<PreparedIocs> prepared = PrepareIocs({tree.iocs.path()}, {"fileitem"});
  REQUIRE(prepared.ok());
  CHECK(prepared.value().set.documents() == std::vector<std::string>{"FileItem"});
  ScanOutcome out = RunScan(prepared.value().set, Scope(tree.dir.path(), 2), {});
  CHECK(MatchedNames(out, "mixed") == std::vector<std::string>{"top.bin"});
  CHECK(out.summary.items_per_document.count("ProcessItem") == 0);

  CHECK_FALSE(PrepareIocs({tree.iocs.path()}, {"NoSuchItem"}).ok());
  // Asking only for documents that no IOC here uses leaves nothing usable: an error.
  CHECK_FALSE(PrepareIocs({tree.iocs.path()}, {"RegistryItem"}).ok());
}

}  // namespace
}  // namespace iocscan::scan::testing
