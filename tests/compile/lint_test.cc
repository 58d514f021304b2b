// Lint: empty-input digests in hash terms.
#include <catch2/catch.hpp>

#include "compile/lint.h"
#include "support.h"

namespace iocscan::compile::testing {
namespace {

constexpr const char* kEmptyMd5 = "d41d8cd98f00b204e9800998ecf8427e";
constexpr const char* kEmptySha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
constexpr const char* kEmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

bool Mentions(const Warning& w, std::string_view text) {
  return w.message.find(text) != std::string::npos;
}

TEST_CASE("empty digests of md5, sha1 and sha256 are each warned once", "[compile][lint]") {
  ioc::Ioc ioc = Ioc11(Or(T("is", "FileItem/Md5sum", kEmptyMd5) +
                          T("is", "FileItem/Sha1sum", " DA39A3EE5E6B4B0D3255BFEF95601890AFD80709\n") +
                          T("IS", "FileItem/SHA256SUM", kEmptySha256) +
                          T("is", "FileItem/Md5sum", "5f1b2c9e8a7d6c3b4a29180716f5e4d3")),
                       "feed/hashes.ioc");
  Warnings w = EmptyDigestWarnings(ioc);
  REQUIRE(w.size() == 3);
  for (const Warning& one : w) {
    CHECK(one.source == "feed/hashes.ioc");
    CHECK(Mentions(one, "the digest of the empty file matches every empty file"));
  }
  CHECK(Mentions(w[0], "term i-FileItem/Md5sum at line 2 (FileItem/Md5sum is \"d41d8cd98f00b204e9800998ecf8427e\")"));
  // The content is shown trimmed, as written otherwise.
  CHECK(Mentions(w[1], "(FileItem/Sha1sum is \"DA39A3EE5E6B4B0D3255BFEF95601890AFD80709\")"));
  CHECK(Mentions(w[2], "FileItem/SHA256SUM"));
  CHECK(w[0].Text().rfind("feed/hashes.ioc: term ", 0) == 0);
}

TEST_CASE("terms that do not match every empty file are left alone", "[compile][lint]") {
  ioc::Ioc ioc = Ioc11(Or(T("is", "FileItem/Md5sum", kEmptyMd5, /*negate=*/true) +
                          T("isnot", "FileItem/Md5sum", kEmptyMd5) +
                          T("contains", "FileItem/Md5sum", kEmptyMd5) +
                          T("is", "FileItem/FileName", kEmptyMd5) +
                          T("is", "FileItem/Md5sum", kEmptySha1) +       // wrong length for md5
                          T("is", "FileItem/Sha256sum", kEmptyMd5) +
                          T("is", "FileItem/Md5sum", std::string(kEmptyMd5) + "0") +
                          T("is", "FileItem/Md5sum", "")));
  CHECK(EmptyDigestWarnings(ioc).empty());
}

TEST_CASE("every hash term of the registry, and unknown paths ending in a digest name",
          "[compile][lint]") {
  ioc::Ioc ioc = Ioc11(Or(T("is", "PersistenceItem/FileItem/Md5sum", kEmptyMd5) +
                          T("is", "FileItem/StreamList/Stream/Sha1sum", kEmptySha1) +
                          T("is", "MadeUpItem/Blob/Sha256sum", kEmptySha256) +
                          T("is", "MadeUpItem/Blob/Sha256sum", kEmptyMd5)));
  Warnings w = EmptyDigestWarnings(ioc);
  REQUIRE(w.size() == 3);
  CHECK(Mentions(w[0], "PersistenceItem/FileItem/Md5sum"));
  CHECK(Mentions(w[1], "FileItem/StreamList/Stream/Sha1sum"));
  CHECK(Mentions(w[2], "MadeUpItem/Blob/Sha256sum"));
}

TEST_CASE("OpenIOC 1.0: line numbers, terms without ids, isnot", "[compile][lint]") {
  const std::string xml =
      "<?xml version=\"1.0\"?>\n"
      "<ioc xmlns=\"http://schemas.mandiant.com/2010/ioc\" id=\"x\">\n"
      "  <definition>\n"
      "    <Indicator operator=\"OR\" id=\"top\">\n"
      "      <IndicatorItem condition=\"is\">\n"
      "        <Context document=\"FileItem\" search=\"FileItem/MD5SUM\" type=\"mir\"/>\n"
      "        <Content type=\"string\">D41D8CD98F00B204E9800998ECF8427E</Content>\n"
      "      </IndicatorItem>\n"
      "      <IndicatorItem id=\"n2\" condition=\"isnot\">\n"
      "        <Context document=\"FileItem\" search=\"FileItem/Md5sum\" type=\"mir\"/>\n"
      "        <Content type=\"md5\">d41d8cd98f00b204e9800998ecf8427e</Content>\n"
      "      </IndicatorItem>\n"
      "    </Indicator>\n"
      "  </definition>\n"
      "</ioc>\n";
  Warnings parse_warnings;
  Result<ioc::Ioc> r = ioc::ParseIoc(xml, "old.ioc", &parse_warnings);
  REQUIRE(r.ok());
  Warnings w = EmptyDigestWarnings(r.value());
  REQUIRE(w.size() == 1);
  CHECK(w[0].source == "old.ioc");
  CHECK(Mentions(w[0], "term at line 5 (FileItem/MD5SUM is \"D41D8CD98F00B204E9800998ECF8427E\")"));
}

TEST_CASE("EmptyDigestWarning on one node", "[compile][lint]") {
  ioc::Ioc ioc = Ioc11(Or(T("is", "FileItem/Md5sum", kEmptyMd5)));
  REQUIRE(ioc.nodes.size() == 2);
  CHECK_FALSE(EmptyDigestWarning(ioc, 0).has_value());  // the Indicator
  CHECK(EmptyDigestWarning(ioc, 1).has_value());
  CHECK_FALSE(EmptyDigestWarning(ioc, 2).has_value());  // out of range
}

TEST_CASE("Compile reports the lint's warning once, word for word, for supported terms",
          "[compile][lint]") {
  std::vector<ioc::Ioc> v;
  v.push_back(Ioc11(Or(T("is", "FileItem/Md5sum", kEmptyMd5) +
                       T("is", "MadeUpItem/Blob/Sha256sum", kEmptySha256))));
  Warnings lint = EmptyDigestWarnings(v[0]);
  REQUIRE(lint.size() == 2);
  CompiledSet set = CompileForLinux(std::move(v));
  int same = 0, empty_file = 0;
  for (const Warning& w : set.report(0).warnings) {
    same += w.Text() == lint[0].Text();
    empty_file += Mentions(w, "empty file");
  }
  CHECK(same == 1);
  CHECK(empty_file == 1);  // the unknown term is reported as unsupported, not linted twice
}

}  // namespace
}  // namespace iocscan::compile::testing
