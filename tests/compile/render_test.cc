// Rendering terms, trees and matched branches.
#include <catch2/catch.hpp>

#include "compile/render.h"
#include "support.h"

namespace iocscan::compile::testing {
namespace {

TEST_CASE("RenderTerm normalises negation and escapes content", "[compile][render]") {
  ioc::Term t;
  t.search = "FileItem/FileName";
  t.condition = "isnot";
  t.content = "x";
  CHECK(RenderTerm(t) == "FileItem/FileName is not \"x\"");
  t.condition = "containsnot";
  CHECK(RenderTerm(t) == "FileItem/FileName contains not \"x\"");
  t.condition = "contains";
  t.negate = true;
  t.preserve_case = true;
  t.content = "a\"b\\c\nd\x01";
  CHECK(RenderTerm(t) == "FileItem/FileName contains not \"a\\\"b\\\\c\\nd\\x01\" (case)");
  t.condition = "begins-with";
  t.negate = false;
  t.preserve_case = false;
  t.content = " /u ";
  CHECK(RenderTerm(t) == "FileItem/FileName starts-with \" /u \"");
}

TEST_CASE("RenderTree shows metadata, the indented tree, comments and parameters", "[compile][render]") {
  std::string xml = R"(<?xml version="1.0"?>
<OpenIOC xmlns="http://openioc.org/schemas/OpenIOC_1.1" id="abc">
 <metadata><short_description>Demo</short_description><description>line one
line two</description><authored_by>me</authored_by><keywords>k1 k2</keywords>
 <links><link rel="report" href="http://x">Report</link></links></metadata>
 <criteria><Indicator operator="OR" id="top">
   <IndicatorItem id="t1" condition="is" negate="false" preserve-case="false">
     <Context document="FileItem" search="FileItem/FileName" type="mir"/><Content type="string">a.exe</Content></IndicatorItem>
   <Indicator operator="AND" id="and1">
     <IndicatorItem id="t2" condition="contains" negate="true" preserve-case="true">
       <Context document="FileItem" search="FileItem/FullPath" type="mir"/><Content type="string">/tmp</Content></IndicatorItem>
   </Indicator></Indicator></criteria>
 <parameters><param id="p1" ref-id="t1" name="comment"><value type="string">seen in 2020</value></param>
   <param id="p2" ref-id="nowhere" name="note"><value type="string">lost</value></param></parameters>
</OpenIOC>)";
  Warnings w;
  Result<ioc::Ioc> r = ioc::ParseIoc(xml, "demo.ioc", &w);
  REQUIRE(r.ok());
  std::string text = RenderTree(r.value());
  CHECK_THAT(text, Catch::Contains("Name: Demo\n"));
  CHECK_THAT(text, Catch::Contains("Id: abc\n"));
  CHECK_THAT(text, Catch::Contains("Version: 1.1\n"));
  CHECK_THAT(text, Catch::Contains("Source: demo.ioc\n"));
  CHECK_THAT(text, Catch::Contains("Author: me\n"));
  CHECK_THAT(text, Catch::Contains("Description: line one\n  line two\n"));
  CHECK_THAT(text, Catch::Contains("Keywords: k1 k2\n"));
  CHECK_THAT(text, Catch::Contains("Link: report: Report <http://x>\n"));
  CHECK_THAT(text, Catch::Contains("\nOR\n  FileItem/FileName is \"a.exe\"\n    # comment = seen in 2020\n"
                                   "  AND\n    FileItem/FullPath contains not \"/tmp\" (case)\n"));
  CHECK_THAT(text, Catch::Contains("Parameters naming no node:\n  note = lost (ref-id nowhere)\n"));
}

TEST_CASE("RenderTree marks unsupported terms when given the compile report", "[compile][render]") {
  ioc::Ioc ioc = Ioc11(Or(T("is", "FileItem/FileName", "a") + T("is", "FileItem/Nope", "b")));
  std::vector<ioc::Ioc> v{ioc};
  CompiledSet set = CompileForLinux(std::move(v));
  std::string text = RenderTree(set.ioc(0), &set.report(0));
  CHECK_THAT(text, Catch::Contains("  FileItem/FileName is \"a\"\n"));
  CHECK_THAT(text, Catch::Contains("  FileItem/Nope is \"b\"  [unsupported: unknown term]\n"));
  CHECK_THAT(RenderTree(set.ioc(0)), !Catch::Contains("unsupported"));
}

TEST_CASE("RenderTree walks a 5,000-deep tree without recursion", "[compile][render]") {
  ioc::Ioc ioc;
  for (std::uint32_t i = 0; i < 5000; ++i) {
    ioc::Node n;
    n.op = ioc::Operator::kAnd;
    if (i + 1 < 5000) n.children.push_back(i + 1);
    ioc.nodes.push_back(n);
  }
  ioc.top.push_back(0);
  std::string text = RenderTree(ioc);
  CHECK(std::count(text.begin(), text.end(), '\n') > 5000);
}

TEST_CASE("RenderBranch keeps the true nodes and their ancestors, marking true terms", "[compile][render]") {
  constexpr const char* kName = "FileItem/FileName";
  ioc::Ioc ioc = Ioc11(Or(T("is", kName, "zzz") + And(T("is", kName, "a.exe") + T("contains", kName, "a"))));
  std::vector<ioc::Ioc> v{ioc};
  CompiledSet set = CompileForLinux(std::move(v));
  FakeItem item;
  item.SetText(kName, "a.exe");
  std::vector<GroupHit> hits;
  REQUIRE(Matches(set, {{"FileItem", &item}}, 0, &hits));
  std::vector<bool> gt(set.group_count(), false);
  for (auto& h : hits) gt[h.group] = true;
  std::string branch = RenderBranch(set.ioc(0), BranchNodes(Combine(set, 0, gt), hits));
  CHECK(branch ==
        "OR\n  AND\n    FileItem/FileName is \"a.exe\"  \xE2\x9C\x93\n    FileItem/FileName contains \"a\"  \xE2\x9C\x93");
}

}  // namespace
}  // namespace iocscan::compile::testing
