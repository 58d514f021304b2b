// ParseIoc on inline documents: every "Reading" rule of docs/semantics.md, for both versions.
#include "ioc/parse.h"

#include <catch2/catch.hpp>

#include <string>

namespace iocscan::ioc {
namespace {

const std::string kHead10 = "<ioc xmlns=\"http://schemas.mandiant.com/2010/ioc\" id=\"ioc-1\" last-modified=\"2015-07-12T02:56:02Z\">";
const std::string kHead11 =
    "<OpenIOC xmlns=\"http://openioc.org/schemas/OpenIOC_1.1\" id=\"ioc-2\" last-modified=\"2020-12-01T21:24:49Z\" "
    "published-date=\"0001-01-01T00:00:00\">";

std::string Item(const std::string& id, const std::string& condition, const std::string& search,
                 const std::string& content, const std::string& extra_attrs = "") {
  std::string document = search.substr(0, search.find('/'));
  return "<IndicatorItem id=\"" + id + "\" condition=\"" + condition + "\"" + extra_attrs + ">" +
         "<Context document=\"" + document + "\" search=\"" + search + "\" type=\"mir\"/>" +
         "<Content type=\"string\">" + content + "</Content></IndicatorItem>";
}

std::string Doc10(const std::string& tree, const std::string& metadata = "") {
  return kHead10 + metadata + "<definition>" + tree + "</definition></ioc>";
}
std::string Doc11(const std::string& tree, const std::string& params = "<parameters/>", const std::string& metadata = "") {
  return kHead11 + "<metadata>" + metadata + "</metadata><criteria>" + tree + "</criteria>" + params + "</OpenIOC>";
}

Ioc MustParse(const std::string& xml, Warnings* warnings = nullptr) {
  Warnings local;
  Result<Ioc> r = ParseIoc(xml, "t.ioc", warnings != nullptr ? warnings : &local);
  INFO((r.ok() ? std::string() : r.error().Text()));
  REQUIRE(r.ok());
  return std::move(r).value();
}

Error MustFail(const std::string& xml) {
  Warnings warnings;
  Result<Ioc> r = ParseIoc(xml, "bad.ioc", &warnings);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().source == "bad.ioc");
  CHECK(r.error().message.find('\n') == std::string::npos);
  return r.error();
}

bool HasWarning(const Warnings& warnings, const std::string& needle) {
  for (const Warning& w : warnings) {
    if (w.message.find(needle) != std::string::npos) return true;
  }
  return false;
}

TEST_CASE("1.0 document: version, metadata, tree in pre-order, terms as written") {
  std::string xml = "<?xml version=\"1.0\" encoding=\"us-ascii\"?>\n" + kHead10 +
                    "\n<short_description>Demo</short_description>\n<description>Long text</description>"
                    "<keywords>a b</keywords><authored_by>me</authored_by><authored_date>2015-07-10T21:24:04Z</authored_date>"
                    "<links><link rel=\"threatgroup\" href=\"http://x\">APT0</link></links>\n<definition>\n"
                    "<Indicator operator=\"OR\" id=\"top\">\n" +
                    Item("a", "is", "FileItem/Md5sum", "079A440BEE0F86D8A59EBC5C4B523A07") + "\n" +
                    "<Indicator operator=\"AND\" id=\"and\">\n" + Item("b", "contains", "FileItem/FileName", "evil") +
                    Item("c", "isnot", "FileItem/FilePath", "C:\\Windows") + "</Indicator>\n" +
                    Item("d", "containsnot", "ProcessItem/name", "svchost") + "</Indicator></definition></ioc>";
  Warnings warnings;
  Ioc ioc = MustParse(xml, &warnings);
  CHECK(warnings.empty());
  CHECK(ioc.version == Version::k1_0);
  CHECK(ioc.source == "t.ioc");
  CHECK(ioc.bytes == xml);
  CHECK(ioc.meta.id == "ioc-1");
  CHECK(ioc.meta.last_modified == "2015-07-12T02:56:02Z");
  CHECK(ioc.meta.short_description == "Demo");
  CHECK(ioc.meta.description == "Long text");
  CHECK(ioc.meta.keywords == "a b");
  CHECK(ioc.meta.authored_by == "me");
  CHECK(ioc.meta.authored_date == "2015-07-10T21:24:04Z");
  REQUIRE(ioc.meta.links.size() == 1);
  CHECK(ioc.meta.links[0].rel == "threatgroup");
  CHECK(ioc.meta.links[0].href == "http://x");
  CHECK(ioc.meta.links[0].text == "APT0");
  CHECK(ioc.Name() == "Demo");

  REQUIRE(ioc.nodes.size() == 6);
  REQUIRE(ioc.top == std::vector<std::uint32_t>{0});
  CHECK(ioc.nodes[0].kind == Node::Kind::kIndicator);
  CHECK(ioc.nodes[0].op == Operator::kOr);
  CHECK(ioc.nodes[0].children == std::vector<std::uint32_t>{1, 2, 5});
  CHECK(ioc.nodes[2].op == Operator::kAnd);
  CHECK(ioc.nodes[2].children == std::vector<std::uint32_t>{3, 4});
  const Term& a = ioc.nodes[1].term;
  CHECK(ioc.nodes[1].kind == Node::Kind::kTerm);
  CHECK(ioc.nodes[1].id == "a");
  CHECK(a.condition == "is");
  CHECK(a.document == "FileItem");
  CHECK(a.search == "FileItem/Md5sum");
  CHECK(a.context_type == "mir");
  CHECK(a.content_type == "string");
  CHECK(a.content == "079A440BEE0F86D8A59EBC5C4B523A07");
  CHECK(a.has_content);
  CHECK_FALSE(a.negate);
  CHECK_FALSE(a.preserve_case);
  // Conditions keep their 1.0 spelling; negation is not folded in.
  CHECK(ioc.nodes[4].term.condition == "isnot");
  CHECK_FALSE(ioc.nodes[4].term.negate);
  CHECK(ioc.nodes[4].term.content == "C:\\Windows");
  CHECK(ioc.nodes[5].term.condition == "containsnot");
  // Lines: declaration, root, two lines of metadata, definition, then the top Indicator on line 6.
  CHECK(ioc.nodes[0].line == 6);
  CHECK(ioc.nodes[1].line == 7);
  CHECK(ioc.nodes[2].line == 8);
  CHECK(ioc.nodes[3].line == 9);
  CHECK(ioc.nodes[5].line == 10);
}

TEST_CASE("1.1 document: metadata section, negate, preserve-case, parameters resolved") {
  std::string tree = "<Indicator operator=\"OR\" id=\"top\"><Indicator operator=\"AND\" id=\"and\">" +
                     Item("x", "starts-with", "ProcessItem/name", "Power", " negate=\"true\" preserve-case=\"true\"") +
                     Item("y", "matches", "ProcessItem/arguments", "-e(nc)?\\s", " negate=\"false\" preserve-case=\"false\"") +
                     "</Indicator></Indicator>";
  std::string params =
      "<parameters><param id=\"p1\" ref-id=\"x\" name=\"comment\"><value type=\"string\">why</value></param>"
      "<param id=\"p2\" ref-id=\"and\" name=\"score\"><value type=\"integer\">10</value></param>"
      "<param id=\"p3\" ref-id=\"gone\" name=\"note\"><value>n</value></param></parameters>";
  Warnings warnings;
  Ioc ioc = MustParse(Doc11(tree, params, "<short_description>S</short_description><authored_by>A</authored_by>"), &warnings);
  CHECK(ioc.version == Version::k1_1);
  CHECK(ioc.meta.id == "ioc-2");
  CHECK(ioc.meta.published_date == "0001-01-01T00:00:00");
  CHECK(ioc.meta.short_description == "S");
  CHECK(ioc.meta.authored_by == "A");
  REQUIRE(ioc.nodes.size() == 4);
  CHECK(ioc.nodes[2].term.condition == "starts-with");
  CHECK(ioc.nodes[2].term.negate);
  CHECK(ioc.nodes[2].term.preserve_case);
  CHECK_FALSE(ioc.nodes[3].term.negate);
  CHECK(ioc.nodes[3].term.content == "-e(nc)?\\s");
  REQUIRE(ioc.parameters.size() == 3);
  CHECK(ioc.parameters[0].name == "comment");
  CHECK(ioc.parameters[0].value == "why");
  CHECK(ioc.parameters[0].value_type == "string");
  CHECK(ioc.parameters[0].node == 2);
  CHECK(ioc.parameters[1].node == 1);
  CHECK(ioc.parameters[1].value == "10");
  CHECK(ioc.parameters[2].node == -1);
  CHECK(ioc.parameters[2].ref_id == "gone");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].source == "t.ioc");
  CHECK(warnings[0].message.find("gone") != std::string::npos);
}

TEST_CASE("BOM, CRLF and a missing declaration are read - us-ascii is silent, other encodings warned") {
  std::string body = Doc10("<Indicator operator=\"OR\" id=\"t\">\r\n" + Item("a", "is", "FileItem/FileName", "a.exe") +
                           "\r\n</Indicator>");
  Warnings warnings;
  Ioc bom = MustParse("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n" + body, &warnings);
  CHECK(bom.nodes.size() == 2);
  CHECK(bom.nodes[1].term.content == "a.exe");
  CHECK(bom.nodes[0].line == 2);
  CHECK(bom.nodes[1].line == 3);
  Ioc bare = MustParse("\xEF\xBB\xBF" + body, &warnings);
  CHECK(bare.nodes.size() == 2);
  Ioc ascii = MustParse("<?xml version=\"1.0\" encoding=\"us-ascii\"?>" + body, &warnings);
  CHECK(warnings.empty());
  MustParse("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + body, &warnings);
  CHECK(HasWarning(warnings, "ISO-8859-1"));
  // A CRLF inside a Content value is an XML line end: read as LF.
  Ioc multi = MustParse(Doc11("<Indicator operator=\"OR\" id=\"t\">" + Item("a", "contains", "Yara/TextString", "a\r\nb") +
                              "</Indicator>"));
  CHECK(multi.nodes[1].term.content == "a\nb");
}

TEST_CASE("comments anywhere are skipped, also inside Content text") {
  std::string xml = "<?xml version=\"1.0\"?><!-- licence --><!-- two -->" + kHead10 + "<!-- c -->" +
                    "<definition><!-- before --><Indicator operator=\"OR\" id=\"t\"><!-- in -->" +
                    Item("a", "is", "FileItem/FileName", "ab<!-- mid -->cd") + "<!-- between --></Indicator><!-- after -->" +
                    "</definition></ioc><!-- trailing -->";
  Warnings warnings;
  Ioc ioc = MustParse(xml, &warnings);
  CHECK(warnings.empty());
  REQUIRE(ioc.nodes.size() == 2);
  CHECK(ioc.nodes[1].term.content == "abcd");
}

TEST_CASE("metadata in any order, and 1.0 metadata fields accepted under 1.1 <metadata>") {
  std::string meta =
      "<links><link rel=\"family\">F</link></links><authored_date>2001-01-01T00:00:00</authored_date>"
      "<keywords>k</keywords><description>d</description><authored_by>b</authored_by><short_description>s</short_description>";
  Ioc ioc = MustParse(Doc11("<Indicator operator=\"OR\" id=\"t\"/>", "<parameters/>", meta));
  CHECK(ioc.meta.short_description == "s");
  CHECK(ioc.meta.description == "d");
  CHECK(ioc.meta.keywords == "k");
  CHECK(ioc.meta.authored_by == "b");
  CHECK(ioc.meta.authored_date == "2001-01-01T00:00:00");
  REQUIRE(ioc.meta.links.size() == 1);
  CHECK(ioc.meta.links[0].rel == "family");
  // 1.0: metadata after the definition, also read.
  Ioc late = MustParse(kHead10 + "<definition/><short_description>late</short_description></ioc>");
  CHECK(late.meta.short_description == "late");
}

TEST_CASE("IndicatorItems after sub-Indicators keep document order, in pre-order") {
  std::string tree = "<Indicator operator=\"OR\" id=\"top\">" + Item("a", "is", "FileItem/FileName", "a") +
                     "<Indicator operator=\"AND\" id=\"s1\">" + Item("b", "is", "FileItem/FileName", "b") +
                     "<Indicator operator=\"OR\" id=\"s2\">" + Item("c", "is", "FileItem/FileName", "c") + "</Indicator>" +
                     Item("d", "is", "FileItem/FileName", "d") + "</Indicator>" + Item("e", "is", "FileItem/FileName", "e") +
                     "</Indicator>";
  for (const std::string& xml : {Doc10(tree), Doc11(tree)}) {
    Ioc ioc = MustParse(xml);
    REQUIRE(ioc.nodes.size() == 8);
    std::vector<std::string> ids;
    for (const Node& n : ioc.nodes) ids.push_back(n.id);
    CHECK(ids == std::vector<std::string>{"top", "a", "s1", "b", "s2", "c", "d", "e"});
    CHECK(ioc.nodes[0].children == std::vector<std::uint32_t>{1, 2, 7});
    CHECK(ioc.nodes[2].children == std::vector<std::uint32_t>{3, 4, 6});
    CHECK(ioc.nodes[4].children == std::vector<std::uint32_t>{5});
    for (std::uint32_t i = 0; i < ioc.nodes.size(); ++i) {
      for (std::uint32_t c : ioc.nodes[i].children) CHECK(c > i);  // parent before children
    }
  }
}

TEST_CASE("missing ids and last-modified are empty, not errors") {
  std::string xml = "<ioc xmlns=\"http://schemas.mandiant.com/2010/ioc\"><definition><Indicator operator=\"OR\">"
                    "<IndicatorItem condition=\"is\"><Context document=\"FileItem\" search=\"FileItem/FileName\"/>"
                    "<Content type=\"string\">x</Content></IndicatorItem></Indicator></definition></ioc>";
  Warnings warnings;
  Ioc ioc = ParseIoc(xml, "dir/x.ioc", &warnings).value();
  CHECK(warnings.empty());
  CHECK(ioc.meta.id.empty());
  CHECK(ioc.meta.last_modified.empty());
  CHECK(ioc.nodes[0].id.empty());
  CHECK(ioc.nodes[1].id.empty());
  CHECK(ioc.Name() == "dir/x.ioc");
}

TEST_CASE("1.1 negate and preserve-case on a 1.0 item are kept - xs:boolean spellings") {
  std::string tree = "<Indicator operator=\"OR\" id=\"t\">" +
                     Item("a", "is", "FileItem/FileName", "a", " preserve-case=\"true\" negate=\"1\"") +
                     Item("b", "is", "FileItem/FileName", "b", " preserve-case=\"0\" negate=\"false\"") +
                     Item("c", "is", "FileItem/FileName", "c", " preserve-case=\" true \" negate=\"TRUE\"") +
                     Item("d", "is", "FileItem/FileName", "d", " negate=\"yes\"") + "</Indicator>";
  Warnings warnings;
  Ioc ioc = MustParse(Doc10(tree), &warnings);
  CHECK(ioc.version == Version::k1_0);
  CHECK(ioc.nodes[1].term.preserve_case);
  CHECK(ioc.nodes[1].term.negate);
  CHECK_FALSE(ioc.nodes[2].term.preserve_case);
  CHECK_FALSE(ioc.nodes[2].term.negate);
  CHECK(ioc.nodes[3].term.preserve_case);
  CHECK(ioc.nodes[3].term.negate);
  CHECK_FALSE(ioc.nodes[4].term.negate);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].message.find("negate=\"yes\"") != std::string::npos);
}

TEST_CASE("1.0 <Comment> children are kept on the node") {
  std::string item = "<IndicatorItem id=\"a\" condition=\"is\"><Context document=\"FileItem\" search=\"FileItem/Md5sum\" "
                     "type=\"mir\"/><Content type=\"md5\">00112233445566778899aabbccddeeff</Content>"
                     "<Comment>dropper</Comment><Comment> second </Comment></IndicatorItem>";
  Warnings warnings;
  Ioc ioc = MustParse(Doc10("<Indicator operator=\"OR\" id=\"t\">" + item + "</Indicator>"), &warnings);
  CHECK(warnings.empty());
  CHECK(ioc.nodes[1].comments == std::vector<std::string>{"dropper", " second "});
  CHECK(ioc.nodes[1].term.content == "00112233445566778899aabbccddeeff");
}

TEST_CASE("Content text is verbatim: never trimmed, entities decoded, whitespace-only kept") {
  auto content_of = [](const std::string& content_xml) {
    std::string item = "<IndicatorItem id=\"a\" condition=\"contains\"><Context document=\"ProcessItem\" "
                       "search=\"ProcessItem/arguments\"/>" + content_xml + "</IndicatorItem>";
    Ioc ioc = MustParse(Doc10("<Indicator operator=\"OR\" id=\"t\">" + item + "</Indicator>"));
    return ioc.nodes[1].term;
  };
  CHECK(content_of("<Content type=\"string\"> /u </Content>").content == " /u ");
  CHECK(content_of("<Content type=\"string\">powershell -nop -w hidden -enc </Content>").content ==
        "powershell -nop -w hidden -enc ");
  CHECK(content_of("<Content type=\"string\"> </Content>").content == " ");
  CHECK(content_of("<Content type=\"string\">\t \t</Content>").content == "\t \t");
  CHECK(content_of("<Content type=\"string\">a &amp; b &lt;c&gt; &#x41;</Content>").content == "a & b <c> A");
  CHECK(content_of("<Content type=\"string\"><![CDATA[ <raw> ]]></Content>").content == " <raw> ");
  Term empty = content_of("<Content type=\"string\"></Content>");
  CHECK(empty.has_content);
  CHECK(empty.content.empty());
  Term self_closed = content_of("<Content type=\"string\"/>");
  CHECK(self_closed.has_content);
  CHECK(self_closed.content_type == "string");
  Term missing = content_of("");
  CHECK_FALSE(missing.has_content);
  CHECK(missing.search == "ProcessItem/arguments");
}

TEST_CASE("whitespace-only Content keeps line numbers of later nodes") {
  std::string tree = "<Indicator operator=\"OR\" id=\"t\">\n"
                     "<IndicatorItem id=\"a\" condition=\"is\"><Context document=\"FileItem\" search=\"FileItem/FileName\"/>"
                     "<Content type=\"string\">\n\n</Content></IndicatorItem>\n" +
                     Item("b", "is", "FileItem/FileName", "b") + "</Indicator>";
  Ioc ioc = MustParse(Doc10(tree));
  CHECK(ioc.nodes[1].term.content == "\n\n");
  CHECK(ioc.nodes[1].line == 2);
  CHECK(ioc.nodes[2].line == 5);  // after the two newlines of the Content and one more
}

TEST_CASE("namespaces: prefixed and namespace-less roots, foreign elements skipped") {
  std::string prefixed = "<m:ioc xmlns:m=\"http://schemas.mandiant.com/2010/ioc\" id=\"p\"><m:definition>"
                         "<m:Indicator operator=\"OR\" id=\"t\"><m:IndicatorItem id=\"a\" condition=\"is\">"
                         "<m:Context document=\"FileItem\" search=\"FileItem/FileName\"/><m:Content type=\"string\">x</m:Content>"
                         "</m:IndicatorItem></m:Indicator></m:definition></m:ioc>";
  Ioc p = MustParse(prefixed);
  CHECK(p.version == Version::k1_0);
  REQUIRE(p.nodes.size() == 2);
  CHECK(p.nodes[1].term.content == "x");

  std::string bare10 = "<ioc id=\"b\"><definition><Indicator operator=\"OR\" id=\"t\">" + Item("a", "is", "FileItem/FileName", "x") +
                       "</Indicator></definition></ioc>";
  CHECK(MustParse(bare10).version == Version::k1_0);
  std::string bare11 = "<OpenIOC id=\"b\"><metadata/><criteria><Indicator operator=\"OR\" id=\"t\">" +
                       Item("a", "is", "FileItem/FileName", "x") + "</Indicator></criteria></OpenIOC>";
  Ioc b11 = MustParse(bare11);
  CHECK(b11.version == Version::k1_1);
  CHECK(b11.nodes.size() == 2);
  // A namespace-less root whose children carry the version's namespace: still read.
  std::string mixed = "<ioc><definition xmlns=\"http://schemas.mandiant.com/2010/ioc\"><Indicator operator=\"OR\" id=\"t\">" +
                      Item("a", "is", "FileItem/FileName", "x") + "</Indicator></definition></ioc>";
  CHECK(MustParse(mixed).nodes.size() == 2);

  // 1.0 TR:param inside an Indicator and an IndicatorItem, and a default-namespace switch: skipped
  // silently, nothing of theirs becomes a node.
  std::string foreign = "<Indicator operator=\"OR\" id=\"t\" xmlns:TR=\"http://schemas.mandiant.com/2010/ioc/TR/\">"
                        "<TR:param name=\"x\" title=\"y\"><TR:value>v</TR:value></TR:param>"
                        "<IndicatorItem id=\"a\" condition=\"is\"><Context document=\"FileItem\" search=\"FileItem/FileName\"/>"
                        "<Content type=\"string\">x</Content><TR:param name=\"z\"/></IndicatorItem>"
                        "<other xmlns=\"urn:other\"><Indicator operator=\"AND\" id=\"hidden\"/></other>"
                        "<Indicator xmlns=\"urn:other\" operator=\"AND\" id=\"hidden2\"/>"
                        "</Indicator>";
  Warnings warnings;
  Ioc f = MustParse(Doc10(foreign), &warnings);
  CHECK(warnings.empty());
  REQUIRE(f.nodes.size() == 2);
  CHECK(f.nodes[0].children == std::vector<std::uint32_t>{1});
  // An undeclared prefix is not ours either.
  Ioc u = MustParse(Doc10("<Indicator operator=\"OR\" id=\"t\"><zz:Indicator operator=\"OR\"/></Indicator>"), &warnings);
  CHECK(u.nodes.size() == 1);
}

TEST_CASE("unknown elements, odd operators, several or no top-level Indicators are warnings") {
  Warnings warnings;
  Ioc ioc = MustParse(Doc10("<Indicator operator=\"and\" id=\"t\"><Bogus/></Indicator><Indicator operator=\"XOR\" id=\"u\"/>",
                            "<flavour>x</flavour>"),
                      &warnings);
  CHECK(ioc.nodes[0].op == Operator::kAnd);
  CHECK(ioc.nodes[1].op == Operator::kOr);
  CHECK(ioc.top == std::vector<std::uint32_t>{0, 1});
  CHECK(HasWarning(warnings, "<Bogus>"));
  CHECK(HasWarning(warnings, "<flavour>"));
  CHECK(HasWarning(warnings, "\"XOR\""));
  CHECK(HasWarning(warnings, "2 top-level Indicators"));
  for (const Warning& w : warnings) {
    CHECK(w.source == "t.ioc");
    CHECK(w.message.rfind("line ", 0) == 0);
  }
  warnings.clear();
  Ioc empty = MustParse(kHead10 + "<definition/></ioc>", &warnings);
  CHECK(empty.nodes.empty());
  CHECK(HasWarning(warnings, "no top-level Indicator"));
}

TEST_CASE("refusals: malformed XML, not an IOC, empty input, NUL bytes") {
  CHECK(MustFail(kHead10 + "<definition><Indicator operator=\"OR\"></definition></ioc>").message.find("not well-formed XML") !=
        std::string::npos);
  CHECK(MustFail("<ioc><definition>").message.find("not well-formed XML") != std::string::npos);
  CHECK(MustFail("<html><body/></html>").message.find("not an OpenIOC document") != std::string::npos);
  CHECK(MustFail("<ioc xmlns=\"urn:something-else\"/>").message.find("urn:something-else") != std::string::npos);
  CHECK(MustFail("<OpenIOC xmlns=\"http://schemas.mandiant.com/2010/ioc\"/>").message.find("not an OpenIOC") !=
        std::string::npos);
  CHECK(MustFail("").message.find("empty") != std::string::npos);
  CHECK(MustFail("   \n ").message.find("empty") != std::string::npos);
  CHECK(MustFail(std::string("<\0i\0o\0c\0/\0>\0", 12)).message.find("NUL") != std::string::npos);
  CHECK(MustFail(std::string((16 << 20) + 1, ' ')).message.find("16 MiB") != std::string::npos);
}

TEST_CASE("deep nesting: 10,000 nested Indicators refused cleanly, 90 accepted") {
  auto nested = [](int depth) {
    std::string open, close;
    for (int i = 0; i < depth; ++i) {
      open += "<Indicator operator=\"AND\" id=\"n" + std::to_string(i) + "\">";
      close += "</Indicator>";
    }
    return Doc10(open + close);
  };
  Error e = MustFail(nested(10000));
  CHECK(e.message.find("nested deeper than 100") != std::string::npos);
  Ioc ok = MustParse(nested(90));
  REQUIRE(ok.nodes.size() == 90);
  for (std::uint32_t i = 0; i + 1 < ok.nodes.size(); ++i) CHECK(ok.nodes[i].children == std::vector<std::uint32_t>{i + 1});
}

TEST_CASE("billion laughs: a DOCTYPE is refused with a clear message - one inside a comment is not") {
  std::string lol = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
                    " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
                    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>\n" +
                    Doc10("<Indicator operator=\"OR\" id=\"t\">" + Item("a", "is", "FileItem/FileName", "&lol3;") + "</Indicator>");
  Error e = MustFail(lol);
  CHECK(e.message == "line 2: DOCTYPE declarations are refused (entities are never expanded)");
  Ioc ok = MustParse("<!-- <!DOCTYPE x> -->" + Doc10("<Indicator operator=\"OR\" id=\"t\"/>"));
  CHECK(ok.nodes.size() == 1);
  // Undeclared entities are not expanded either: kept as written, so nothing can grow.
  Ioc raw = MustParse(Doc10("<Indicator operator=\"OR\" id=\"t\">" + Item("a", "is", "FileItem/FileName", "&lol3;") + "</Indicator>"));
  CHECK(raw.nodes[1].term.content == "&lol3;");
}

TEST_CASE("invalid UTF-8 bytes in Content are loaded and kept as bytes") {
  std::string bytes = "\xE8\x00\xFF\xC3(";
  bytes.erase(1, 1);  // no NUL: E8 FF C3 28
  Ioc ioc = MustParse(Doc10("<Indicator operator=\"OR\" id=\"t\">" + Item("a", "contains", "FileItem/FileName", bytes) + "</Indicator>"));
  CHECK(ioc.nodes[1].term.content == bytes);
}

TEST_CASE("1.1 parameters: several per node, empty type, dangling kept with a warning naming line and ref-id") {
  std::string tree = "<Indicator operator=\"OR\" id=\"top\">" + Item("i1", "is", "FileItem/FileName", "a") + "</Indicator>";
  std::string params = "<parameters>\n<param id=\"p1\" ref-id=\"i1\" name=\"yara/wide\"><value type=\"\">true</value></param>\n"
                       "<param id=\"p2\" ref-id=\"i1\" name=\"comment\"><value type=\"string\">c</value></param>\n"
                       "<param id=\"p3\" ref-id=\"nowhere\" name=\"score\"><value type=\"integer\">5</value></param>\n"
                       "<param id=\"p4\" ref-id=\"top\" name=\"detail\"/>\n</parameters>";
  Warnings warnings;
  Ioc ioc = MustParse(Doc11(tree, params), &warnings);
  REQUIRE(ioc.parameters.size() == 4);
  CHECK(ioc.parameters[0].node == 1);
  CHECK(ioc.parameters[0].value_type.empty());
  CHECK(ioc.parameters[1].node == 1);
  CHECK(ioc.parameters[2].node == -1);
  CHECK(ioc.parameters[3].node == 0);
  CHECK(ioc.parameters[3].value.empty());
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].message.rfind("line 4: ", 0) == 0);
  CHECK(warnings[0].message.find("\"nowhere\"") != std::string::npos);
}

}  // namespace
}  // namespace iocscan::ioc
