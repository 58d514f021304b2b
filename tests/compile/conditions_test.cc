// The Conditions section of semantics.md, rule by rule, through the compiler and the evaluator.
#include <catch2/catch.hpp>

#include "compile/condition.h"
#include "support.h"

namespace iocscan::compile::testing {
namespace {

constexpr const char* kName = "FileItem/FileName";
constexpr const char* kSize = "FileItem/SizeInBytes";
constexpr const char* kMd5 = "FileItem/Md5sum";
constexpr const char* kMod = "FileItem/Modified";

bool NameMatches(const std::string& cond, const std::string& content, const std::string& name,
                 bool negate = false, bool pc = false) {
  FakeItem item;
  item.SetText(kName, name);
  return MatchesFile(Or(T(cond, kName, content, negate, pc)), item);
}

TEST_CASE("string conditions ignore case unless preserve-case", "[compile]") {
  CHECK(NameMatches("is", "CMD.exe", "cmd.EXE"));
  CHECK_FALSE(NameMatches("is", "CMD.exe", "cmd.EXE", false, true));
  CHECK(NameMatches("is", "cmd.EXE", "cmd.EXE", false, true));
  CHECK(NameMatches("contains", "D.E", "cmd.exe"));
  CHECK_FALSE(NameMatches("contains", "D.E", "cmd.exe", false, true));
  CHECK(NameMatches("starts-with", "CM", "cmd.exe"));
  CHECK(NameMatches("begins-with", "CM", "cmd.exe"));
  CHECK_FALSE(NameMatches("starts-with", "md", "cmd.exe"));
  CHECK(NameMatches("ends-with", ".EXE", "cmd.exe"));
  CHECK_FALSE(NameMatches("ends-with", "cmd", "cmd.exe"));
  CHECK(NameMatches("matches", "^c.d\\.E", "cmd.exe"));
  CHECK_FALSE(NameMatches("matches", "^c.d\\.E", "cmd.exe", false, true));
  CHECK(NameMatches("matches", "d\\.e", "cmd.exe"));  // unanchored search
  CHECK(NameMatches("IS", "cmd.exe", "cmd.exe"));     // condition names are case-insensitive
  // Unicode simple folding of Latin-1 / Greek / Cyrillic capitals.
  CHECK(NameMatches("is", "ÉTÉ.TXT", "été.txt"));
  CHECK(NameMatches("contains", "ΣΟΦ", "φιλοσοφία"));
  CHECK(NameMatches("is", "ПРИВЕТ", "привет"));
}

TEST_CASE("string content is never trimmed", "[compile]") {
  CHECK(NameMatches("contains", " /u ", "a /u b"));
  CHECK_FALSE(NameMatches("contains", " /u ", "a/u b"));
  CHECK_FALSE(NameMatches("is", "x ", "x"));
}

TEST_CASE("negation applies on present fields; absent fields fail either way", "[compile]") {
  CHECK(NameMatches("is", "a.exe", "b.exe", true));
  CHECK_FALSE(NameMatches("is", "a.exe", "a.exe", true));
  CHECK(NameMatches("isnot", "a.exe", "b.exe"));
  CHECK_FALSE(NameMatches("isnot", "a.exe", "A.EXE"));
  CHECK(NameMatches("containsnot", "zz", "abc"));
  CHECK_FALSE(NameMatches("containsnot", "b", "abc"));
  FakeItem no_md5;
  no_md5.SetText(kName, "x");
  CHECK_FALSE(MatchesFile(Or(T("is", kMd5, std::string(32, 'a'), true)), no_md5));
  CHECK_FALSE(MatchesFile(Or(T("is", kMd5, std::string(32, 'a'), false)), no_md5));
  FakeItem empty_list;
  empty_list.Set("FileItem/StringList/string", {});
  CHECK_FALSE(MatchesFile(Or(T("contains", "FileItem/StringList/string", "x", true)), empty_list));
}

TEST_CASE("list fields: any element; negate applies to that answer", "[compile]") {
  FakeItem item;
  item.Set("FileItem/StringList/string", {"hello", "evil payload", "bye"});
  CHECK(MatchesFile(Or(T("contains", "FileItem/StringList/string", "EVIL")), item));
  CHECK_FALSE(MatchesFile(Or(T("contains", "FileItem/StringList/string", "EVIL", true)), item));
  CHECK(MatchesFile(Or(T("contains", "FileItem/StringList/string", "absent", true)), item));
}

bool SizeMatches(const std::string& cond, const std::string& content, std::int64_t size) {
  FakeItem item;
  item.SetInt(kSize, size);
  return MatchesFile(Or(T(cond, kSize, content)), item);
}

TEST_CASE("int: equality, ranges, strict comparisons, 64-bit", "[compile]") {
  CHECK(SizeMatches("is", " 1000 ", 1000));
  CHECK_FALSE(SizeMatches("is", "1000", 1001));
  CHECK(SizeMatches("is", "10 TO 20", 10));
  CHECK(SizeMatches("is", "[10 TO 20]", 20));
  CHECK_FALSE(SizeMatches("is", "[10 TO 20]", 21));
  CHECK_FALSE(SizeMatches("is", "{10 TO 20}", 10));
  CHECK_FALSE(SizeMatches("is", "{10 TO 20}", 20));
  CHECK(SizeMatches("is", "{10 TO 20}", 15));
  CHECK(SizeMatches("greater-than", "1000", 1001));
  CHECK_FALSE(SizeMatches("greater-than", "1000", 1000));
  CHECK(SizeMatches("less-than", "1000", 999));
  CHECK_FALSE(SizeMatches("less-than", "1000", 1000));
  CHECK(SizeMatches("is", "9000000000000", 9000000000000));
  CHECK(SizeMatches("greater-than", "-1", 0));
}

bool ModifiedMatches(const std::string& cond, const std::string& content, std::int64_t t) {
  FakeItem item;
  item.SetInt(kMod, t);
  return MatchesFile(Or(T(cond, kMod, content)), item);
}

TEST_CASE("dates: ISO 8601, no zone is UTC, one-second precision", "[compile]") {
  // 2026-11-28T12:00:00Z = 1795867200
  CHECK(ModifiedMatches("is", "2026-11-28T12:00:00Z", 1795867200));
  CHECK(ModifiedMatches("is", "2026-11-28T12:00:00", 1795867200));
  CHECK(ModifiedMatches("is", "2026-11-28T13:00:00+01:00", 1795867200));
  CHECK(ModifiedMatches("is", "2026-11-28T12:00:00.750Z", 1795867200));
  CHECK_FALSE(ModifiedMatches("is", "2026-11-28T12:00:01Z", 1795867200));
  CHECK(ModifiedMatches("greater-than", "2026-11-28T11:59:59Z", 1795867200));
  CHECK(ModifiedMatches("less-than", "2026-11-28T12:00:00-00:01", 1795867200));
  CHECK(ModifiedMatches("is", "[2026-11-28T00:00:00Z TO 2026-11-29T00:00:00Z]", 1795867200));
  CHECK_FALSE(ModifiedMatches("is", "{2026-11-28T12:00:00Z TO 2026-11-29T00:00:00Z}", 1795867200));
}

TEST_CASE("hashes compare case-insensitively, trimmed and validated", "[compile]") {
  std::string md5 = "079a440bee0f86d8a59ebc5c4b523a07";
  FakeItem item;
  item.SetText(kMd5, md5);
  CHECK(MatchesFile(Or(T("is", kMd5, " 079A440BEE0F86D8A59EBC5C4B523A07\n")), item));
  CHECK(MatchesFile(Or(T("is", kMd5, "079A440BEE0F86D8A59EBC5C4B523A07", false, true)), item));
  CHECK_FALSE(MatchesFile(Or(T("is", kMd5, "179a440bee0f86d8a59ebc5c4b523a07")), item));
  CompiledSet bad = CompileOne(Or(T("is", kMd5, "xyz")));
  CHECK(bad.report(0).unsupported == 1);
  CHECK_FALSE(bad.report(0).usable());
}

TEST_CASE("doubles and booleans", "[compile]") {
  const char* kEntropy = "FileItem/PEInfo/Sections/Section/Entropy/AverageValue";
  FakeItem item;
  item.SetReal(kEntropy, 7.5);
  CHECK(MatchesFile(Or(T("greater-than", kEntropy, "7.2")), item));
  CHECK_FALSE(MatchesFile(Or(T("less-than", kEntropy, "7.2")), item));
  CHECK(MatchesFile(Or(T("is", kEntropy, "[7 TO 8]")), item));
  const char* kSigned = "FileItem/PEInfo/DigitalSignature/SignatureExists";
  FakeItem s;
  s.SetInt(kSigned, 1);
  CHECK(MatchesFile(Or(T("is", kSigned, "true")), s));
  CHECK_FALSE(MatchesFile(Or(T("is", kSigned, "false")), s));
  CHECK(MatchesFile(Or(T("is", kSigned, "0", true)), s));
}

TEST_CASE("IP addresses: `is` compares addresses, text conditions compare text", "[compile]") {
  ioc::Term t;
  t.search = "ProcessItem/PortList/PortItem/remoteIP";
  t.has_content = true;
  auto field = F(t.search);
  auto test = [&](std::string cond, std::string content, std::string value) {
    t.condition = cond;
    t.content = content;
    Result<Condition> c = MakeCondition(t, field);
    REQUIRE(c.ok());
    std::string folded = value;
    for (char& ch : folded) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return TestScalar(c.value(), Scalar{value, 0, 0}, folded);
  };
  CHECK(test("is", " 1.2.3.4 ", "::ffff:1.2.3.4"));
  CHECK(test("is", "::FFFF:1.2.3.4", "1.2.3.4"));
  CHECK(test("is", "2001:db8:0:0::1", "2001:DB8::1"));
  CHECK_FALSE(test("is", "1.2.3.4", "1.2.3.5"));
  CHECK(test("contains", "72.55.", "10.72.55.1"));
  CHECK(test("starts-with", "72.55.", "72.55.1.1"));
  CHECK_FALSE(test("starts-with", "72.55.", "10.72.55.1"));
  CHECK(test("matches", "^10\\.", "10.0.0.1"));
  t.condition = "is";
  t.content = "1.2.3";
  CHECK_FALSE(MakeCondition(t, field).ok());
}

std::string Problem(const std::string& criteria, CompileOptions options = {}) {
  CompiledSet set = CompileOne(criteria, options);
  REQUIRE(set.report(0).term_status.size() == 1);
  const TermStatus& st = set.report(0).term_status[0];
  CHECK_FALSE(st.supported);
  CHECK(set.report(0).warnings.size() >= 1);
  if (!set.report(0).warnings.empty()) {
    CHECK(set.report(0).warnings[0].source == "test.ioc");
    CHECK_THAT(set.report(0).warnings[0].message, Catch::Contains("term i-"));
  }
  return st.problem;
}

TEST_CASE("unsupported terms: warned, never true, negated or not", "[compile]") {
  CHECK_THAT(Problem(Or(T("is", kName, ""))), Catch::Contains("empty Content"));
  CHECK_THAT(Problem(Or(T("contains", kName, ""))), Catch::Contains("empty Content"));
  CHECK_THAT(Problem(Or(T("is", kMd5, "   "))), Catch::Contains("empty Content"));
  CHECK_THAT(Problem(Or(T("is", "FileItem/NoSuchThing", "x"))), Catch::Contains("unknown term"));
  CHECK_THAT(Problem(Or(T("resembles", kName, "x"))), Catch::Contains("unknown condition"));
  CHECK_THAT(Problem(Or(T("greater-than", kName, "x"))), Catch::Contains("makes no sense"));
  CHECK_THAT(Problem(Or(T("contains", kSize, "10"))), Catch::Contains("makes no sense"));
  CHECK_THAT(Problem(Or(T("is", kSize, "ten"))), Catch::Contains("not a valid int"));
  CHECK_THAT(Problem(Or(T("greater-than", kSize, "1 TO 2"))), Catch::Contains("range"));
  CHECK_THAT(Problem(Or(T("is", kMod, "yesterday"))), Catch::Contains("date"));
  CHECK_THAT(Problem(Or(T("matches", kName, "a(b"))), Catch::Contains("invalid regular expression"));
  CompileOptions on_linux;
  on_linux.platform = terms::kLinux;
  CHECK_THAT(Problem(Or(T("is", "FileItem/Drive", "C:")), on_linux),
             Catch::Contains("FileItem/Drive is not collected on linux"));
  CompileOptions only_proc;
  only_proc.documents = {"ProcessItem"};
  CompiledSet set = CompileOne(Or(T("is", kName, "x")), only_proc);
  CHECK(set.report(0).term_status[0].problem == "document not selected");
  CHECK(set.documents().empty());

  // Never true, whether negated or not.
  FakeItem item;
  item.SetText(kName, "x");
  CHECK_FALSE(MatchesFile(Or(T("is", "FileItem/NoSuchThing", "x", true)), item));
  CHECK_FALSE(MatchesFile(Or(T("matches", kName, "a(b", true)), item));
  CHECK_FALSE(MatchesFile(Or(T("is", kName, "", true)), item));
  // ...but an OR with a good sibling still matches.
  CHECK(MatchesFile(Or(T("is", "FileItem/NoSuchThing", "x") + T("is", kName, "x")), item));
}

TEST_CASE("the term's own type wins over Content/@type", "[compile]") {
  std::string xml = "<Indicator operator=\"OR\"><IndicatorItem condition=\"is\"><Context document=\"FileItem\" "
                    "search=\"FileItem/MD5SUM\"/><Content type=\"string\"> ABCDEF0123456789ABCDEF0123456789 "
                    "</Content></IndicatorItem></Indicator>";
  FakeItem item;
  item.SetText(kMd5, "abcdef0123456789abcdef0123456789");
  CHECK(MatchesFile(xml, item));
}

TEST_CASE("matches runs in Latin-1 mode on raw-byte fields", "[compile]") {
  const char* kStrings = "FileItem/StringList/string";
  FakeItem item;
  item.Set(kStrings, {std::string("ab\xE8\x00\x00\x00\x00]", 8)});
  CHECK(MatchesFile(Or(T("matches", kStrings, "\\xE8\\x00\\x00")), item));
  FakeItem other;
  other.Set(kStrings, {std::string("ab\xC3\xA8\x00", 5)});  // è in UTF-8 is not the byte E8
  CHECK_FALSE(MatchesFile(Or(T("matches", kStrings, "\\xE8\\x00")), other));
}

TEST_CASE("empty-file digests are warned", "[compile]") {
  CompiledSet set = CompileOne(Or(T("is", kMd5, "D41D8CD98F00B204E9800998ECF8427E")));
  bool warned = false;
  for (const Warning& w : set.report(0).warnings) {
    warned |= w.message.find("empty file") != std::string::npos;
  }
  CHECK(warned);
  CHECK(set.report(0).usable());
}

}  // namespace
}  // namespace iocscan::compile::testing
