// Every condition of semantics.md on real files: a planted tree, one hand-written IOC per case, one
// real scan (loader, compiler, walker, FileItem collector, cards), and the exact set of files each
// IOC's card lists.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <map>
#include <string>
#include <vector>

#include "scan/scan_test_util.h"

namespace iocscan::scan::testing {
namespace {

using Names = std::vector<std::string>;

// 2020-01-02T03:04:05Z
constexpr std::int64_t kOldTime = 1577934245;

const std::string kAlpha = "hello world";             // 11 bytes
const std::string kBeta = std::string(100, 'B');      // 100 bytes
const std::string kGamma = std::string(2000, 'g');    // 2000 bytes
const std::string kHidden = "dot..";                  // 5 bytes

// The tree every case runs on:
//   alpha.exe (11 B, modified kOldTime)   Beta.DLL (100 B)   .hidden (5 B)   sub/gamma.tar.gz (2000 B)
struct Tree {
  ScratchDir dir;
  Tree() {
    dir.Write("alpha.exe", kAlpha);
    dir.Write("Beta.DLL", kBeta);
    dir.Write(".hidden", kHidden);
    MkDir(dir, "sub");
    dir.Write("sub/gamma.tar.gz", kGamma);
    struct timespec times[2] = {{kOldTime, 0}, {kOldTime, 0}};
    REQUIRE(::utimensat(AT_FDCWD, dir.Join("alpha.exe").c_str(), times, 0) == 0);
  }
};

struct Case {
  std::string id;
  std::string criteria;
  Names expected;  // FileNames on the card, sorted; empty: no card
};

// Writes every case as its own .ioc file, scans the tree once and checks each card.
void RunCases(const Tree& tree, const std::vector<Case>& cases, int threads = 2) {
  ScratchDir iocs;
  for (const Case& c : cases) iocs.Write(c.id + ".ioc", Doc11(c.id, c.criteria));
  Result<PreparedIocs> prepared = PrepareIocs({iocs.path()}, {});
  REQUIRE(prepared.ok());
  for (const Warning& w : prepared.value().warnings) UNSCOPED_INFO("warning: " << w.Text());
  REQUIRE(prepared.value().set.size() == cases.size());
  ScanOutcome out = RunScan(prepared.value().set, Scope(tree.dir.path(), threads), {});
  CHECK(out.summary.status == report::ScanStatus::kComplete);
  CHECK(out.summary.files_visited == 4);
  for (const Case& c : cases) {
    INFO("case " << c.id << ": " << c.criteria);
    CHECK(MatchedNames(out, c.id) == c.expected);
    CHECK((CardOf(out, c.id) != nullptr) == !c.expected.empty());
  }
}

TEST_CASE("scan: is/contains/starts-with/ends-with/matches on names and paths", "[scan][conditions]") {
  Tree tree;
  const std::string root = tree.dir.path();
  RunCases(tree, {
      {"is", OR(T11("is", "FileItem/FileName", "alpha.exe")), {"alpha.exe"}},
      {"is-folds-case", OR(T11("is", "FileItem/FileName", "ALPHA.EXE")), {"alpha.exe"}},
      {"is-preserve-case-miss", OR(T11("is", "FileItem/FileName", "ALPHA.EXE", {.preserve_case = true})), {}},
      {"is-preserve-case-hit", OR(T11("is", "FileItem/FileName", "Beta.DLL", {.preserve_case = true})), {"Beta.DLL"}},
      {"is-not-trimmed", OR(T11("is", "FileItem/FileName", " alpha.exe")), {}},
      {"is-fullpath", OR(T11("is", "FileItem/FullPath", root + "/sub/gamma.tar.gz")), {"gamma.tar.gz"}},
      {"is-filepath", OR(T11("is", "FileItem/FilePath", root + "/sub")), {"gamma.tar.gz"}},
      {"is-filepath-root", OR(T11("is", "FileItem/FilePath", root)), {".hidden", "Beta.DLL", "alpha.exe"}},
      {"extension-last-dot", OR(T11("is", "FileItem/FileExtension", "gz")), {"gamma.tar.gz"}},
      {"extension-not-tar", OR(T11("is", "FileItem/FileExtension", "tar.gz")), {}},
      {"extension-leading-dot", OR(T11("is", "FileItem/FileExtension", "hidden")), {}},
      {"contains", OR(T11("contains", "FileItem/FullPath", "/sub/")), {"gamma.tar.gz"}},
      {"contains-folds-case", OR(T11("contains", "FileItem/FileName", "ETA.d")), {"Beta.DLL"}},
      {"contains-preserve-case", OR(T11("contains", "FileItem/FileName", "ETA.d", {.preserve_case = true})), {}},
      {"starts-with", OR(T11("starts-with", "FileItem/FileName", "be")), {"Beta.DLL"}},
      {"begins-with-alias", OR(T11("begins-with", "FileItem/FileName", "gam")), {"gamma.tar.gz"}},
      {"ends-with", OR(T11("ends-with", "FileItem/FileName", ".EXE")), {"alpha.exe"}},
      {"ends-with-preserve-case", OR(T11("ends-with", "FileItem/FileName", ".EXE", {.preserve_case = true})), {}},
      {"matches", OR(T11("matches", "FileItem/FileName", R"(^[ab].*\.(exe|dll)$)")), {"Beta.DLL", "alpha.exe"}},
      {"matches-preserve-case", OR(T11("matches", "FileItem/FileName", "^[ab]", {.preserve_case = true})), {"alpha.exe"}},
      {"matches-unanchored", OR(T11("matches", "FileItem/FileName", R"(a\.tar)")), {"gamma.tar.gz"}},
      {"matches-fullpath", OR(T11("matches", "FileItem/FullPath", R"(/sub/[^/]+$)")), {"gamma.tar.gz"}},
  });
}

TEST_CASE("scan: negation holds per file and a file lacking the field fails it", "[scan][conditions]") {
  Tree tree;
  RunCases(tree, {
      {"not-is", OR(T11("is", "FileItem/FileName", "alpha.exe", {.negate = true})),
       {".hidden", "Beta.DLL", "gamma.tar.gz"}},
      {"not-contains", OR(T11("contains", "FileItem/FullPath", "/sub/", {.negate = true})),
       {".hidden", "Beta.DLL", "alpha.exe"}},
      {"not-starts-with", OR(T11("starts-with", "FileItem/FileName", "A", {.negate = true})),
       {".hidden", "Beta.DLL", "gamma.tar.gz"}},
      {"not-matches", OR(T11("matches", "FileItem/FileName", "a", {.negate = true})), {".hidden"}},
      // .hidden has no extension: it fails the term, negated or not.
      {"not-extension", OR(T11("is", "FileItem/FileExtension", "exe", {.negate = true})),
       {"Beta.DLL", "gamma.tar.gz"}},
      {"not-size", OR(T11("is", "FileItem/SizeInBytes", "100", {.negate = true})),
       {".hidden", "alpha.exe", "gamma.tar.gz"}},
      {"not-md5", OR(T11("is", "FileItem/Md5sum", Md5(kAlpha), {.negate = true})),
       {".hidden", "Beta.DLL", "gamma.tar.gz"}},
      {"and-with-negation", OR(AND(T11("ends-with", "FileItem/FileName", "a", {.negate = true}) +
                                   T11("contains", "FileItem/FileName", "a"))),
       {"Beta.DLL", "alpha.exe", "gamma.tar.gz"}},
  });
}

TEST_CASE("scan: sizes compare as numbers with strict bounds and ranges", "[scan][conditions]") {
  Tree tree;
  RunCases(tree, {
      {"size-is", OR(T11("is", "FileItem/SizeInBytes", "2000")), {"gamma.tar.gz"}},
      {"size-is-trimmed", OR(T11("is", "FileItem/SizeInBytes", " 2000 ")), {"gamma.tar.gz"}},
      {"size-greater", OR(T11("greater-than", "FileItem/SizeInBytes", "100")), {"gamma.tar.gz"}},
      {"size-greater-99", OR(T11("greater-than", "FileItem/SizeInBytes", "99")), {"Beta.DLL", "gamma.tar.gz"}},
      {"size-less", OR(T11("less-than", "FileItem/SizeInBytes", "100")), {".hidden", "alpha.exe"}},
      {"size-less-5", OR(T11("less-than", "FileItem/SizeInBytes", "5")), {}},
      {"size-range-inclusive", OR(T11("is", "FileItem/SizeInBytes", "[100 TO 2000]")), {"Beta.DLL", "gamma.tar.gz"}},
      {"size-range-exclusive", OR(T11("is", "FileItem/SizeInBytes", "{11 TO 2000}")), {"Beta.DLL"}},
      {"size-range-bare", OR(T11("is", "FileItem/SizeInBytes", "11 TO 100")), {"Beta.DLL", "alpha.exe"}},
      {"size-range-negated", OR(T11("is", "FileItem/SizeInBytes", "[5 TO 100]", {.negate = true})),
       {"gamma.tar.gz"}},
  });
}

TEST_CASE("scan: dates compare as instants (UTC without a zone) with strict bounds and ranges", "[scan][conditions]") {
  Tree tree;
  RunCases(tree, {
      {"date-is", OR(T11("is", "FileItem/Modified", "2020-01-02T03:04:05Z")), {"alpha.exe"}},
      {"date-is-no-zone", OR(T11("is", "FileItem/Modified", "2020-01-02T03:04:05")), {"alpha.exe"}},
      {"date-is-offset", OR(T11("is", "FileItem/Modified", "2020-01-02T05:04:05+02:00")), {"alpha.exe"}},
      {"date-is-other-second", OR(T11("is", "FileItem/Modified", "2020-01-02T03:04:06Z")), {}},
      {"date-less", OR(T11("less-than", "FileItem/Modified", "2021-01-01T00:00:00Z")), {"alpha.exe"}},
      {"date-less-strict", OR(T11("less-than", "FileItem/Modified", "2020-01-02T03:04:05Z")), {}},
      {"date-greater", OR(T11("greater-than", "FileItem/Modified", "2020-01-02T03:04:05Z")),
       {".hidden", "Beta.DLL", "gamma.tar.gz"}},
      {"date-range", OR(T11("is", "FileItem/Modified", "[2020-01-01T00:00:00Z TO 2020-01-03T00:00:00Z]")),
       {"alpha.exe"}},
      {"date-range-exclusive-edge", OR(T11("is", "FileItem/Modified", "{2020-01-02T03:04:05Z TO 2020-01-03T00:00:00Z}")),
       {}},
      {"accessed", OR(T11("less-than", "FileItem/Accessed", "2021-01-01T00:00:00Z")), {"alpha.exe"}},
  });
}

TEST_CASE("scan: hashes compare case-insensitively whatever Content type says", "[scan][conditions]") {
  Tree tree;
  RunCases(tree, {
      {"md5", OR(T11("is", "FileItem/Md5sum", Upper(Md5(kAlpha)))), {"alpha.exe"}},
      {"md5-trimmed", OR(T11("is", "FileItem/Md5sum", " " + Md5(kAlpha) + "\n")), {"alpha.exe"}},
      {"md5-preserve-case", OR(T11("is", "FileItem/Md5sum", Upper(Md5(kAlpha)), {.preserve_case = true})),
       {"alpha.exe"}},
      {"sha1", OR(T11("is", "FileItem/Sha1sum", Sha1(kBeta))), {"Beta.DLL"}},
      {"sha256", OR(T11("is", "FileItem/Sha256sum", Upper(Sha256(kGamma)))), {"gamma.tar.gz"}},
      {"sha256-in-subfolder-or-hidden",
       OR(T11("is", "FileItem/Sha256sum", Sha256(kGamma)) + T11("is", "FileItem/Md5sum", Md5(kHidden))),
       {".hidden", "gamma.tar.gz"}},
      {"md5-other", OR(T11("is", "FileItem/Md5sum", Md5("not in the tree"))), {}},
  }, /*threads=*/1);
}

}  // namespace
}  // namespace iocscan::scan::testing
