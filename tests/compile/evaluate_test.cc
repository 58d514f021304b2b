// Item binding, host-scoped combination, laziness, 1.0/1.1 equivalence and the index.
#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "compile/plan.h"
#include "support.h"

namespace iocscan::compile::testing {
namespace {

constexpr const char* kName = "FileItem/FileName";
constexpr const char* kPath = "FileItem/FilePath";
constexpr const char* kSize = "FileItem/SizeInBytes";
constexpr const char* kMd5 = "FileItem/Md5sum";
const std::string kHash = "079a440bee0f86d8a59ebc5c4b523a07";

TEST_CASE("an item-scoped AND needs one item that satisfies every term", "[compile]") {
  CompiledSet set = CompileOne(Or(And(T("is", kName, "a.exe") + T("is", kMd5, kHash))));
  CHECK(set.group_count() == 1);
  FakeItem named, hashed, both;
  named.SetText(kName, "a.exe").SetText(kMd5, std::string(32, '0'));
  hashed.SetText(kName, "b.exe").SetText(kMd5, kHash);
  both.SetText(kName, "A.EXE").SetText(kMd5, kHash);
  CHECK_FALSE(Matches(set, {{"FileItem", &named}, {"FileItem", &hashed}}));
  std::vector<GroupHit> hits;
  CHECK(Matches(set, {{"FileItem", &named}, {"FileItem", &both}}, 0, &hits));
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].terms.size() == 2);
}

TEST_CASE("a host-scoped AND may be satisfied by different items of different documents", "[compile]") {
  CompileOptions all;
  all.require_collected = false;
  CompiledSet set = CompileOne(
      Or(And(T("is", kName, "a.exe") + T("is", "ProcessItem/name", "evil"))), all);
  CHECK(set.group_count() == 2);
  CHECK(set.documents() == std::vector<std::string>{"FileItem", "ProcessItem"});
  FakeItem file, proc, other_proc;
  file.SetText(kName, "a.exe");
  proc.SetText("ProcessItem/name", "EVIL");
  other_proc.SetText("ProcessItem/name", "good");
  std::vector<GroupHit> hits;
  CHECK(Matches(set, {{"FileItem", &file}, {"ProcessItem", &proc}}, 0, &hits));
  CHECK(hits.size() == 2);
  CHECK_FALSE(Matches(set, {{"FileItem", &file}, {"ProcessItem", &other_proc}}));

  // OR at host level: either document suffices; the branch lists the true parts only.
  CompiledSet any = CompileOne(
      Or(T("is", kName, "zzz") + And(T("is", kName, "a.exe") + T("is", "ProcessItem/name", "evil"))
         + T("is", "ProcessItem/name", "good")), all);
  Evaluator ev(any);
  std::vector<GroupHit> h;
  ev.Evaluate("ProcessItem", other_proc, &h);
  std::vector<bool> gt(any.group_count(), false);
  for (auto& x : h) gt[x.group] = true;
  HostOutcome out = Combine(any, 0, gt);
  CHECK(out.matched);
  CHECK(out.groups.size() == 1);
  std::vector<std::uint32_t> nodes = BranchNodes(out, h);
  REQUIRE(nodes.size() == 2);  // the host-scoped top OR and the true term
  CHECK(any.ioc(0).nodes[nodes[0]].kind == ioc::Node::Kind::kIndicator);
  CHECK(any.ioc(0).nodes[nodes[1]].term.content == "good");
}

TEST_CASE("empty Indicators are false; several top-level Indicators are ORed", "[compile]") {
  FakeItem item;
  item.SetText(kName, "a");
  CHECK_FALSE(MatchesFile("<Indicator operator=\"AND\"/>", item));
  CHECK_FALSE(MatchesFile(Or(And("") + T("is", kName, "b")), item));
  CHECK(MatchesFile(Or(T("is", kName, "b")) + Or(T("is", kName, "a")), item));
  CompiledSet two = CompileOne(Or(T("is", kName, "b")) + Or(T("is", kName, "a")));
  CHECK_FALSE(two.report(0).warnings.empty());
}

TEST_CASE("terms are tested in cost order only while undecided", "[compile]") {
  for (bool index : {true, false}) {
    CompileOptions options;
    options.use_index = index;
    FakeItem b;
    b.SetText(kName, "b.exe").SetText(kMd5, kHash).SetInt(kSize, 10);
    // Written digest-first: the name is still asked first, and rules the file out.
    CHECK_FALSE(MatchesFile(Or(And(T("is", kMd5, kHash) + T("is", kName, "a.exe"))), b, options));
    CHECK(b.Gets(kMd5) == 0);
    // A cheaper term that cannot be indexed (a size comparison) still comes first.
    FakeItem small;
    small.SetText(kName, "x").SetText(kMd5, kHash).SetInt(kSize, 10);
    CHECK_FALSE(MatchesFile(Or(And(T("is", kMd5, kHash) + T("greater-than", kSize, "1000"))), small,
                            options));
    CHECK(small.Gets(kMd5) == 0);
    CHECK(small.Gets(kSize) == 1);
    // An OR decided by the name never asks for the digest.
    FakeItem a;
    a.SetText(kName, "a.exe").SetText(kMd5, kHash);
    CHECK(MatchesFile(Or(T("is", kMd5, kHash) + T("is", kName, "a.exe")), a, options));
    CHECK(a.Gets(kMd5) == 0);
    CHECK(a.Gets(kName) == 1);
  }
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST_CASE("the same IOC in 1.0 and 1.1 compiles to the same structure and results", "[compile]") {
  std::string dir = IOCSCAN_SOURCE_DIR "/samples/iocs/equivalence/";
  std::string v10 = ReadFile(dir + "ssh-backdoor-1.0.ioc"), v11 = ReadFile(dir + "ssh-backdoor-1.1.ioc");
  if (v10.empty() || v11.empty()) {
    WARN("equivalence samples missing");
    return;
  }
  auto compile = [](const std::string& bytes) {
    Warnings w;
    Result<ioc::Ioc> r = ioc::ParseIoc(bytes, "x.ioc", &w);
    REQUIRE(r.ok());
    std::vector<ioc::Ioc> v;
    v.push_back(std::move(r).value());
    return CompileForLinux(std::move(v));
  };
  CompiledSet a = compile(v10), b = compile(v11);
  CHECK(Shape(a) == Shape(b));
  CHECK(a.report(0).supported == b.report(0).supported);
  const char* names[] = {"authorized_keys2", "libkeyutils.so.1.2", "libkeyutils.so.1.dpkg-new", "x"};
  const char* paths[] = {"/root/.ssh", "/lib/x86_64-linux-gnu", "/tmp", "/home/u/.SSH"};
  int matched = 0;
  for (const char* n : names) {
    for (const char* d : paths) {
      FakeItem i1, i2;
      i1.SetText(kName, n).SetText(kPath, d);
      i2.SetText(kName, n).SetText(kPath, d);
      bool ra = Matches(a, {{"FileItem", &i1}}), rb = Matches(b, {{"FileItem", &i2}});
      CHECK(ra == rb);
      matched += ra;
    }
  }
  CHECK(matched > 0);
  CHECK(matched < 16);
}

std::string RandomHash(std::mt19937_64& rng) {
  static const char* kHex = "0123456789abcdef";
  std::string h;
  for (int i = 0; i < 32; ++i) h += kHex[rng() % 16];
  return h;
}

std::vector<std::tuple<std::uint32_t, std::uint32_t, std::vector<std::uint32_t>>> Sorted(
    const std::vector<GroupHit>& hits) {
  std::vector<std::tuple<std::uint32_t, std::uint32_t, std::vector<std::uint32_t>>> out;
  for (const GroupHit& h : hits) out.emplace_back(h.ioc, h.group, h.terms);
  std::sort(out.begin(), out.end());
  return out;
}

TEST_CASE("the index gives the unindexed results and evaluates only candidates", "[compile][index]") {
  std::mt19937_64 rng(42);
  std::vector<std::string> hashes;
  std::vector<ioc::Ioc> iocs;
  for (int i = 0; i < 10000; ++i) {
    hashes.push_back(RandomHash(rng));
    std::string upper = hashes.back();
    if (i % 2) for (char& c : upper) c = static_cast<char>(std::toupper(c));
    iocs.push_back(Ioc11(Or(T("is", kMd5, upper)), "h" + std::to_string(i) + ".ioc", std::to_string(i)));
  }
  // Mixed shapes on top: names, substrings, regexes, negations, ANDs across cost levels.
  const char* words[] = {"svc", "host", "upd", "tmp", "lib", "x"};
  for (int i = 0; i < 300; ++i) {
    std::string w = words[i % 6] + std::to_string(i % 17);
    std::string crit;
    switch (i % 6) {
      case 0: crit = Or(T("contains", kName, w)); break;
      case 1: crit = Or(And(T("starts-with", kName, w) + T("greater-than", kSize, std::to_string(i)))); break;
      case 2: crit = Or(T("matches", kName, "^" + w + "[0-9]*\\.exe$") + T("is", kMd5, hashes[i])); break;
      case 3: crit = Or(And(T("ends-with", kName, ".exe", false, true) + T("contains", kPath, w, true))); break;
      case 4: crit = Or(And(T("is", kName, w + ".exe") + T("is", kMd5, hashes[i * 7]))); break;
      case 5: crit = Or(T("is", kSize, std::to_string(i)) + T("is", kName, w, false, true)); break;
    }
    iocs.push_back(Ioc11(crit, "m" + std::to_string(i) + ".ioc", "m" + std::to_string(i)));
  }
  std::vector<ioc::Ioc> copy = iocs;
  CompiledSet indexed = CompileForLinux(std::move(iocs));
  CompileOptions plain_options;
  plain_options.use_index = false;
  CompiledSet plain = CompileForLinux(std::move(copy), plain_options);

  Evaluator ei(indexed), ep(plain);
  std::size_t total_hits = 0;
  for (int n = 0; n < 400; ++n) {
    std::string name = std::string(words[rng() % 6]) + std::to_string(rng() % 20) +
                       (rng() % 2 ? ".exe" : ".EXE");
    if (rng() % 5 == 0) name = "X";
    std::string path = std::string("/") + words[rng() % 6] + std::to_string(rng() % 20);
    std::string md5 = rng() % 3 ? hashes[rng() % hashes.size()] : RandomHash(rng);
    std::int64_t size = static_cast<std::int64_t>(rng() % 400);
    FakeItem a, b;
    a.SetText(kName, name).SetText(kPath, path).SetText(kMd5, md5).SetInt(kSize, size);
    b.SetText(kName, name).SetText(kPath, path).SetText(kMd5, md5).SetInt(kSize, size);
    std::vector<GroupHit> hi, hp;
    ei.Evaluate("FileItem", a, &hi);
    ep.Evaluate("FileItem", b, &hp);
    REQUIRE(Sorted(hi) == Sorted(hp));
    total_hits += hi.size();
  }
  CHECK(total_hits > 100);
  // Only candidates were evaluated: far fewer than every group on every item.
  CHECK(ep.stats().groups_evaluated == 400 * plain.group_count());
  CHECK(ei.stats().groups_evaluated < 400 * 400);
  INFO("indexed group evaluations: " << ei.stats().groups_evaluated);

  // With hash terms alone, each evaluation is exactly one hit.
  std::vector<ioc::Ioc> only;
  for (int i = 0; i < 10000; ++i) {
    only.push_back(Ioc11(Or(T("is", kMd5, hashes[i])), "h.ioc", std::to_string(i)));
  }
  CompiledSet hs = CompileForLinux(std::move(only));
  Evaluator eh(hs);
  std::vector<GroupHit> hits;
  for (int n = 0; n < 200; ++n) {
    FakeItem item;
    item.SetText(kMd5, n % 2 ? hashes[(n * 37) % 10000] : RandomHash(rng));
    eh.Evaluate("FileItem", item, &hits);
    CHECK(item.Gets(kMd5) == 1);
  }
  CHECK(hits.size() == 100);
  CHECK(eh.stats().groups_evaluated == 100);
}

TEST_CASE("a big OR mixing names and hashes is not walked for files it cannot match", "[compile][index]") {
  std::mt19937_64 rng(7);
  std::vector<std::string> hashes;
  std::string terms;
  for (int i = 0; i < 5000; ++i) {
    hashes.push_back(RandomHash(rng));
    terms += T("is", kName, "bad" + std::to_string(i) + ".exe") + T("is", kMd5, hashes.back());
  }
  // An AND whose size rules it out before its digest is needed still is pre-evaluated.
  std::vector<ioc::Ioc> iocs;
  iocs.push_back(Ioc11(Or(terms), "big.ioc", "big"));
  iocs.push_back(Ioc11(Or(And(T("greater-than", kSize, "1000000") + T("is", kMd5, hashes[1]))), "and.ioc", "and"));
  CompiledSet set = CompileForLinux(std::move(iocs));
  Evaluator ev(set);
  std::vector<GroupHit> hits;
  for (int n = 0; n < 100; ++n) {
    FakeItem item;
    item.SetText(kName, "clean" + std::to_string(n)).SetText(kMd5, RandomHash(rng)).SetInt(kSize, 10);
    ev.Evaluate("FileItem", item, &hits);
    CHECK(item.Gets(kMd5) == 1);
  }
  CHECK(hits.empty());
  // Each clean file: the AND is ruled out by its size (one evaluation); the OR is never walked.
  CHECK(ev.stats().groups_evaluated == 100);

  FakeItem by_hash, by_name, both;
  by_hash.SetText(kName, "x").SetText(kMd5, hashes[4321]);
  by_name.SetText(kName, "BAD17.EXE").SetText(kMd5, RandomHash(rng));
  both.SetText(kName, "dropper.exe").SetText(kMd5, hashes[1]).SetInt(kSize, 2000000);
  ev.Evaluate("FileItem", by_hash, &hits);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].terms.size() == 1);
  hits.clear();
  ev.Evaluate("FileItem", by_name, &hits);
  REQUIRE(hits.size() == 1);
  CHECK(by_name.Gets(kMd5) == 0);
  hits.clear();
  ev.Evaluate("FileItem", both, &hits);
  CHECK(hits.size() == 2);
}

TEST_CASE("the set reports documents, needed fields, usability", "[compile]") {
  std::vector<ioc::Ioc> v;
  v.push_back(Ioc11(Or(T("is", kName, "a") + T("is", kMd5, kHash)), "a.ioc", "a"));
  v.push_back(Ioc11(Or(T("is", "FileItem/Nope", "a")), "b.ioc", "b"));
  CompiledSet set = CompileForLinux(std::move(v));
  CHECK(set.size() == 2);
  CHECK(set.report(0).usable());
  CHECK(set.report(0).terms == 2);
  CHECK_FALSE(set.report(1).usable());
  CHECK(set.report(1).unsupported == 1);
  CHECK(set.documents() == std::vector<std::string>{"FileItem"});
  const auto& needed = set.NeededFields(0);
  CHECK(needed.size() == 2);
  CHECK(std::count(needed.begin(), needed.end(), F(kMd5)) == 1);
  CHECK(set.AllWarnings().size() == 1);
  CHECK(set.AllWarnings()[0].source == "b.ioc");
}

}  // namespace
}  // namespace iocscan::compile::testing

namespace iocscan::compile::testing {
namespace {

TEST_CASE("one CompiledSet serves several Evaluators on several threads", "[compile]") {
  std::vector<ioc::Ioc> iocs;
  for (int i = 0; i < 200; ++i) {
    iocs.push_back(Ioc11(Or(T("contains", "FileItem/FileName", "n" + std::to_string(i) + ".") +
                            T("is", "FileItem/SizeInBytes", std::to_string(i))),
                         "t.ioc", std::to_string(i)));
  }
  CompiledSet set = CompileForLinux(std::move(iocs));
  auto work = [&set](std::size_t* count) {
    Evaluator ev(set);
    std::vector<GroupHit> hits;
    for (int n = 0; n < 2000; ++n) {
      FakeItem item;
      item.SetText("FileItem/FileName", "n" + std::to_string(n % 300) + ".bin");
      item.SetInt("FileItem/SizeInBytes", 1000);
      ev.Evaluate("FileItem", item, &hits);
    }
    *count = hits.size();
  };
  std::size_t a = 0, b = 0;
  std::thread t1(work, &a), t2(work, &b);
  t1.join();
  t2.join();
  // n0..n199 hit by name: 2000 items cycle through 300 names, 200 of which match (some twice).
  std::size_t expected = 0;
  for (int n = 0; n < 2000; ++n) expected += (n % 300) < 200 ? 1 : 0;
  CHECK(a == expected);
  CHECK(b == expected);
}

}  // namespace
}  // namespace iocscan::compile::testing
