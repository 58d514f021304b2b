// Item binding, host-scoped mixes, unsupported terms, IOC versions and collections, and what a card
// says, on real files scanned by RunScan.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "ioc/ioc_test_util.h"
#include "scan/scan_test_util.h"

namespace iocscan::scan::testing {
namespace {

const std::string kA = "content of a";
const std::string kB = "content of b";

// a.bin and b.bin, each with its own content, and an unrelated file.
struct TwoFiles {
  ScratchDir dir;
  TwoFiles() {
    dir.Write("a.bin", kA);
    dir.Write("b.bin", kB);
    dir.Write("other.txt", "unrelated");
  }
};

// An OR with a term of a document no file satisfies, so that the IOC is host-scoped.
std::string NeverProcess() { return T11("is", "ProcessItem/name", "no-such-process-iocscan-test"); }

TEST_CASE("scan: an item-scoped AND needs one file that satisfies every term", "[scan][binding]") {
  TwoFiles tree;
  ScratchDir iocs;
  // a.bin by name, b.bin's digest: each term is true on some file, never both on one.
  iocs.Write("split.ioc", Doc11("split", OR(AND(T11("is", "FileItem/FileName", "a.bin") +
                                                T11("is", "FileItem/Md5sum", Md5(kB))))));
  iocs.Write("bound.ioc", Doc11("bound", OR(AND(T11("is", "FileItem/FileName", "a.bin") +
                                                T11("is", "FileItem/Md5sum", Md5(kA))))));
  // All terms name FileItem, at any depth: still one item-scoped part.
  iocs.Write("nested.ioc", Doc11("nested", AND(OR(T11("is", "FileItem/FileName", "a.bin")) +
                                               OR(T11("is", "FileItem/FileName", "b.bin")))));
  ScanOutcome out = PrepareAndScan({iocs.path()}, Scope(tree.dir.path()));
  CHECK(CardOf(out, "split") == nullptr);
  CHECK(CardOf(out, "nested") == nullptr);
  const report::Card* bound = CardOf(out, "bound");
  REQUIRE(bound != nullptr);
  REQUIRE(bound->items.size() == 1);
  CHECK(TextOf(bound->items[0], "FileName") == "a.bin");
  CHECK(bound->items[0].terms == std::vector<std::string>{"FileItem/FileName is \"a.bin\"",
                                                          "FileItem/Md5sum is \"" + Md5(kA) + "\""});
  CHECK(out.summary.cards == 1);
}

TEST_CASE("scan: a host-scoped AND is satisfied by different files and lists each", "[scan][binding]") {
  TwoFiles tree;
  ScratchDir iocs;
  // The ProcessItem term makes the top AND host-scoped: its FileItem children may be different files.
  iocs.Write("mix.ioc", Doc11("mix", AND(T11("is", "FileItem/FileName", "a.bin") +
                                         T11("is", "FileItem/Md5sum", Md5(kB)) +
                                         OR(NeverProcess() + T11("ends-with", "FileItem/FileName", ".bin")))));
  // One child of the host-scoped AND is false on every file: no card.
  iocs.Write("mix-missing.ioc", Doc11("mix-missing", AND(T11("is", "FileItem/FileName", "a.bin") +
                                                         T11("is", "FileItem/FileName", "missing.bin") +
                                                         OR(NeverProcess() + T11("is", "FileItem/FileName", "a.bin")))));
  // A host-scoped OR: its FileItem child alone decides.
  iocs.Write("mix-or.ioc", Doc11("mix-or", OR(NeverProcess() + AND(T11("is", "FileItem/FileName", "b.bin") +
                                                                   T11("is", "FileItem/SizeInBytes", "12")))));
  ScanOutcome out = PrepareAndScan({iocs.path()}, Scope(tree.dir.path()));
  CHECK(CardOf(out, "mix-missing") == nullptr);

  const report::Card* mix = CardOf(out, "mix");
  REQUIRE(mix != nullptr);
  REQUIRE(mix->items.size() == 2);
  CHECK(MatchedPaths(*mix) == std::vector<std::string>{tree.dir.Join("a.bin"), tree.dir.Join("b.bin")});
  CHECK(mix->items[0].terms == std::vector<std::string>{"FileItem/FileName is \"a.bin\"",
                                                        "FileItem/FileName ends-with \".bin\""});
  CHECK(mix->items[1].terms == std::vector<std::string>{"FileItem/Md5sum is \"" + Md5(kB) + "\"",
                                                        "FileItem/FileName ends-with \".bin\""});
  CHECK(mix->branch == "AND\n"
                       "  FileItem/FileName is \"a.bin\"  ✓\n"
                       "  FileItem/Md5sum is \"" + Md5(kB) + "\"  ✓\n"
                       "  OR\n"
                       "    FileItem/FileName ends-with \".bin\"  ✓");

  const report::Card* mix_or = CardOf(out, "mix-or");
  REQUIRE(mix_or != nullptr);
  REQUIRE(mix_or->items.size() == 1);
  CHECK(TextOf(mix_or->items[0], "FileName") == "b.bin");
  CHECK(mix_or->branch == "OR\n  AND\n    FileItem/FileName is \"b.bin\"  ✓\n    FileItem/SizeInBytes is \"12\"  ✓");
}

TEST_CASE("scan: an unsupported term never matches but does not spoil an OR", "[scan][unsupported]") {
  TwoFiles tree;
  ScratchDir iocs;
  iocs.Write("or.ioc", Doc11("or", OR(T11("is", "FileItem/NoSuchField", "a.bin") + T11("is", "FileItem/FileName", "a.bin"))));
  iocs.Write("and.ioc", Doc11("and", OR(AND(T11("is", "FileItem/NoSuchField", "a.bin") +
                                            T11("is", "FileItem/FileName", "a.bin")))));
  iocs.Write("and-negated.ioc", Doc11("and-negated", OR(AND(T11("is", "FileItem/NoSuchField", "x", {.negate = true}) +
                                                            T11("is", "FileItem/FileName", "a.bin")))));
  // Empty Content is unsupported too: `contains ""` must not match everything.
  iocs.Write("empty.ioc", Doc11("empty", OR(T11("contains", "FileItem/FileName", "") +
                                            T11("is", "FileItem/FileName", "nothing-here"))));
  // A condition that makes no sense for the type is unsupported: greater-than on a name.
  iocs.Write("nonsense.ioc", Doc11("nonsense", OR(AND(T11("greater-than", "FileItem/FileName", "a") +
                                                      T11("is", "FileItem/FileName", "b.bin")))));
  Result<PreparedIocs> prepared = PrepareIocs({iocs.path()}, {});
  REQUIRE(prepared.ok());
  CHECK(HasWarningContaining(prepared.value().warnings, "FileItem/NoSuchField"));
  ScanOutcome out = RunScan(prepared.value().set, Scope(tree.dir.path()), {});
  CHECK(CardOf(out, "and") == nullptr);
  CHECK(CardOf(out, "and-negated") == nullptr);
  CHECK(CardOf(out, "empty") == nullptr);
  CHECK(CardOf(out, "nonsense") == nullptr);
  const report::Card* card = CardOf(out, "or");
  REQUIRE(card != nullptr);
  REQUIRE(card->items.size() == 1);
  CHECK(card->items[0].terms == std::vector<std::string>{"FileItem/FileName is \"a.bin\""});
  CHECK(card->branch == "OR\n  FileItem/FileName is \"a.bin\"  ✓");
  CHECK(out.summary.iocs_loaded == 5);
  CHECK(out.summary.iocs_usable == 5);
}

// The same IOC written as OpenIOC 1.0 and 1.1 (isnot/containsnot against negate="true").
std::string Criteria11(const std::string& md5_a) {
  return OR(AND(T11("is", "FileItem/FileName", "a.bin") + T11("is", "FileItem/Md5sum", md5_a)) +
            AND(T11("contains", "FileItem/FileName", "b.") + T11("contains", "FileItem/FullPath", "/nowhere/", {.negate = true}) +
                T11("is", "FileItem/FileName", "a.bin", {.negate = true})));
}
std::string Criteria10(const std::string& md5_a) {
  return OR(AND(T10("is", "FileItem/FileName", "a.bin") + T10("is", "FileItem/Md5sum", md5_a)) +
            AND(T10("contains", "FileItem/FileName", "b.") + T10("containsnot", "FileItem/FullPath", "/nowhere/") +
                T10("isnot", "FileItem/FileName", "a.bin")));
}

void CheckSameCard(const report::Card& x, const report::Card& y) {
  CHECK(x.ioc.id == y.ioc.id);
  CHECK(x.ioc.name == y.ioc.name);
  CHECK(x.ioc.description == y.ioc.description);
  CHECK(x.ioc.author == y.ioc.author);
  CHECK(x.branch == y.branch);
  REQUIRE(x.items.size() == y.items.size());
  for (std::size_t i = 0; i < x.items.size(); ++i) {
    CHECK(x.items[i].document == y.items[i].document);
    CHECK(x.items[i].terms == y.items[i].terms);
    REQUIRE(x.items[i].fields.size() == y.items[i].fields.size());
    for (std::size_t f = 0; f < x.items[i].fields.size(); ++f) {
      CHECK(x.items[i].fields[f].name == y.items[i].fields[f].name);
      REQUIRE(x.items[i].fields[f].values.size() == y.items[i].fields[f].values.size());
      for (std::size_t v = 0; v < x.items[i].fields[f].values.size(); ++v) {
        const report::CardValue& a = x.items[i].fields[f].values[v];
        const report::CardValue& b = y.items[i].fields[f].values[v];
        INFO(x.items[i].fields[f].name);
        CHECK(a.kind == b.kind);
        CHECK(a.text == b.text);
        CHECK(a.integer == b.integer);
      }
    }
  }
}

TEST_CASE("scan: 1.0 and 1.1 forms of one IOC give the same card", "[scan][versions]") {
  TwoFiles tree;
  ScratchDir v10, v11;
  v10.Write("same.ioc", Doc10("same", Criteria10(Md5(kA))));
  v11.Write("same.ioc", Doc11("same", Criteria11(Md5(kA))));
  ScanOutcome a = PrepareAndScan({v10.path()}, Scope(tree.dir.path()));
  ScanOutcome b = PrepareAndScan({v11.path()}, Scope(tree.dir.path()));
  REQUIRE(a.cards.size() == 1);
  REQUIRE(b.cards.size() == 1);
  CHECK(a.cards[0].ioc.version == "1.0");
  CHECK(b.cards[0].ioc.version == "1.1");
  CheckSameCard(a.cards[0], b.cards[0]);
  CHECK(MatchedPaths(a.cards[0]) == std::vector<std::string>{tree.dir.Join("a.bin"), tree.dir.Join("b.bin")});
  CHECK(a.cards[0].branch ==
        "OR\n"
        "  AND\n"
        "    FileItem/FileName is \"a.bin\"  ✓\n"
        "    FileItem/Md5sum is \"" + Md5(kA) + "\"  ✓\n"
        "  AND\n"
        "    FileItem/FileName contains \"b.\"  ✓\n"
        "    FileItem/FullPath contains not \"/nowhere/\"  ✓\n"
        "    FileItem/FileName is not \"a.bin\"  ✓");
}

TEST_CASE("scan: a folder collection and the same IOCs in a ZIP give identical cards", "[scan][collection]") {
  TwoFiles tree;
  const std::vector<std::pair<std::string, std::string>> files = {
      {"first.ioc", Doc11("first", OR(T11("ends-with", "FileItem/FileName", ".bin")))},
      {"deep/er/second.xml", Doc10("second", OR(T10("is", "FileItem/Md5sum", Md5(kB))))},
      {"deep/third.ioc", Doc11("third", OR(AND(T11("is", "FileItem/FileName", "other.txt") +
                                           T11("is", "FileItem/SizeInBytes", "9"))))},
      {"deep/unmatched.ioc", Doc11("unmatched", OR(T11("is", "FileItem/FileName", "none")))},
  };
  ioc::testing::TempDir folder;
  for (const auto& [name, text] : files) folder.Write(name, text);
  ScratchDir zips;
  const std::string zip = zips.Join("collection.zip");
  std::vector<std::pair<std::string, std::string>> entries = {{"deep/", ""}, {"deep/er/", ""}};
  entries.insert(entries.end(), files.begin(), files.end());
  REQUIRE(ioc::testing::MakeZip(zip, entries));

  ScanOutcome from_folder = PrepareAndScan({folder.path()}, Scope(tree.dir.path()));
  ScanOutcome from_zip = PrepareAndScan({zip}, Scope(tree.dir.path(), 1));
  auto by_id = [](std::vector<report::Card> cards) {
    std::sort(cards.begin(), cards.end(), [](const auto& x, const auto& y) { return x.ioc.id < y.ioc.id; });
    return cards;
  };
  std::vector<report::Card> f = by_id(from_folder.cards), z = by_id(from_zip.cards);
  REQUIRE(f.size() == 3);
  REQUIRE(z.size() == 3);
  for (std::size_t i = 0; i < f.size(); ++i) {
    INFO(f[i].ioc.id);
    CheckSameCard(f[i], z[i]);
    CHECK(f[i].ioc.version == z[i].ioc.version);
  }
  CHECK(f[0].ioc.id == "first");
  CHECK(f[0].ioc.source == folder / "first.ioc");
  CHECK(z[0].ioc.source == zip + ":first.ioc");
  CHECK(z[1].ioc.source == zip + ":deep/er/second.xml");
  CHECK(z[2].ioc.source == zip + ":deep/third.ioc");
  CHECK(from_folder.summary.iocs_loaded == 4);
  CHECK(from_zip.summary.iocs_loaded == 4);
}

TEST_CASE("scan: a card lists every matching file with its identity and digests", "[scan][cards]") {
  ScratchDir tree;
  const std::string payload = "the same payload in three places\n";
  MkDir(tree, "one");
  MkDir(tree, "two");
  tree.Write("one/evil.bin", payload);
  tree.Write("two/evil.bin", payload);
  tree.Write("renamed.dat", payload);
  tree.Write("innocent.bin", payload + "!");
  for (int i = 0; i < 50; ++i) tree.Write("filler" + std::to_string(i), "filler " + std::to_string(i));
  ScratchDir iocs;
  iocs.Write("dup.ioc", Doc11("dup", OR(T11("is", "FileItem/Md5sum", Upper(Md5(payload))))));

  for (int threads : {1, 2}) {
    INFO("threads " << threads);
    ScanOutcome out = PrepareAndScan({iocs.path()}, Scope(tree.path(), threads));
    REQUIRE(out.cards.size() == 1);
    const report::Card& card = out.cards[0];
    CHECK(card.ioc.id == "dup");
    CHECK(card.ioc.name == "dup name");
    CHECK(card.ioc.description == "about dup");
    CHECK(card.ioc.author == "scan tests");
    CHECK(card.ioc.version == "1.1");
    CHECK(card.ioc.source == iocs.Join("dup.ioc"));
    CHECK(card.time >= out.summary.start);
    CHECK(!card.host.hostname.empty());
    // Every match, in path order: not only the first one found.
    REQUIRE(MatchedPaths(card) ==
            std::vector<std::string>{tree.Join("one/evil.bin"), tree.Join("renamed.dat"), tree.Join("two/evil.bin")});
    for (const report::CardItem& item : card.items) {
      INFO(TextOf(item, "FullPath"));
      CHECK(item.document == "FileItem");
      CHECK(item.fields.at(0).name == "FullPath");
      CHECK(TextOf(item, "Md5sum") == Md5(payload));
      CHECK(TextOf(item, "Sha1sum") == Sha1(payload));
      CHECK(TextOf(item, "Sha256sum") == Sha256(payload));
      const report::CardField* size = FieldOf(item, "SizeInBytes");
      REQUIRE(size != nullptr);
      CHECK(size->values.at(0).kind == report::CardValue::Kind::kInt);
      CHECK(size->values.at(0).integer == static_cast<std::int64_t>(payload.size()));
      const report::CardField* modified = FieldOf(item, "Modified");
      REQUIRE(modified != nullptr);
      CHECK(modified->values.at(0).kind == report::CardValue::Kind::kDate);
      CHECK(item.terms == std::vector<std::string>{"FileItem/Md5sum is \"" + Upper(Md5(payload)) + "\""});
    }
    CHECK(TextOf(card.items[1], "FileName") == "renamed.dat");
    CHECK(card.branch == "OR\n  FileItem/Md5sum is \"" + Upper(Md5(payload)) + "\"  ✓");
    CHECK(out.summary.cards == 1);
    CHECK(out.summary.files_visited == 54);
    CHECK(out.summary.items_per_document.at("FileItem") == 54);
  }
}

TEST_CASE("scan: each item lists only the terms it satisfied on the matched branch", "[scan][cards]") {
  TwoFiles tree;
  ScratchDir iocs;
  // a.bin satisfies the first AND, b.bin the second; other.txt neither.
  iocs.Write("two-ways.ioc",
             Doc11("two-ways", OR(AND(T11("starts-with", "FileItem/FileName", "a") + T11("ends-with", "FileItem/FileName", ".bin")) +
                                  AND(T11("is", "FileItem/Sha1sum", Sha1(kB)) + T11("less-than", "FileItem/SizeInBytes", "100")) +
                                  T11("is", "FileItem/FileName", "nothing"))));
  ScanOutcome out = PrepareAndScan({iocs.path()}, Scope(tree.dir.path()));
  REQUIRE(out.cards.size() == 1);
  const report::Card& card = out.cards[0];
  REQUIRE(card.items.size() == 2);
  CHECK(TextOf(card.items[0], "FileName") == "a.bin");
  CHECK(card.items[0].terms == std::vector<std::string>{"FileItem/FileName starts-with \"a\"",
                                                        "FileItem/FileName ends-with \".bin\""});
  CHECK(TextOf(card.items[1], "FileName") == "b.bin");
  CHECK(card.items[1].terms == std::vector<std::string>{"FileItem/Sha1sum is \"" + Sha1(kB) + "\"",
                                                        "FileItem/SizeInBytes less-than \"100\""});
  CHECK(card.branch.find("nothing") == std::string::npos);
  CHECK(card.branch.find("FileItem/FileName starts-with \"a\"  ✓") != std::string::npos);
  CHECK(card.branch.find("FileItem/SizeInBytes less-than \"100\"  ✓") != std::string::npos);
}

}  // namespace
}  // namespace iocscan::scan::testing
