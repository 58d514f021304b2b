// `iocscan check`, run as a user would: exit codes, the text and JSON reports, refused inputs,
// duplicate ids, empty-digest warnings, escaping, and every file of the shared corpus.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/ioc_xml.h"
#include "cli/run_binary.h"
#include "support/scratch_dir.h"

namespace iocscan::testing {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

const std::string kSamples = std::string(IOCSCAN_SOURCE_DIR) + "/samples/iocs";
constexpr const char* kEmptyMd5 = "d41d8cd98f00b204e9800998ecf8427e";

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

bool Has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// Runs check --format json and parses stdout (which must be exactly one JSON document).
Json CheckJson(std::vector<std::string> args, int* exit_code = nullptr, std::string* err = nullptr) {
  args.insert(args.begin(), {"check", "--format", "json"});
  RunResult r = RunIocscan(args);
  INFO(r.err);
  if (exit_code) *exit_code = r.exit_code;
  if (err) *err = r.err;
  Json doc = Json::parse(r.out);  // throws (and fails the test) on anything else
  return doc;
}

TEST_CASE("check: the samples are all usable, exit 0", "[cli][check]") {
  RunResult r = RunIocscan({"check", kSamples});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  std::vector<std::string> lines = Lines(r.out);
  REQUIRE_FALSE(lines.empty());
  CHECK(lines.back() == "8 IOC(s) checked: 8 usable, 0 not usable, 0 input(s) refused, 0 warning(s)");
  CHECK(Has(r.out, "demo-etc-passwd.ioc: OpenIOC 1.1, usable\n"));
  CHECK(Has(r.out, "fake-dropper-hashes.ioc: OpenIOC 1.0, usable\n"));
  CHECK(Has(r.out, "  id:          ad09a62e-01a5-48b1-9d14-2ea614e2e61b\n"));
  CHECK(Has(r.out, "  name:        Demo: the local password file\n"));
  CHECK(Has(r.out, "  terms:       2 (2 supported, 0 unsupported)\n"));
  CHECK(Has(r.out, "  documents:   FileItem\n"));
}

TEST_CASE("check --format json: one document with every key", "[cli][check]") {
  int code = -1;
  Json doc = CheckJson({kSamples}, &code);
  CHECK(code == 0);
  for (const char* key : {"iocs", "refused", "warnings", "summary"}) CHECK(doc.contains(key));
  REQUIRE(doc["iocs"].is_array());
  REQUIRE(doc["iocs"].size() == 8);
  for (const Json& ioc : doc["iocs"]) {
    for (const char* key : {"source", "version", "id", "name", "terms", "supported", "unsupported", "usable",
                            "documents", "unsupported_terms", "warnings"}) {
      INFO(key);
      CHECK(ioc.contains(key));
    }
    CHECK(ioc["source"].is_string());
    CHECK((ioc["version"] == "1.0" || ioc["version"] == "1.1"));
    CHECK(ioc["terms"].get<int>() == ioc["supported"].get<int>() + ioc["unsupported"].get<int>());
    CHECK(ioc["usable"] == true);
    CHECK(ioc["documents"].is_array());
    CHECK(ioc["unsupported_terms"].size() == ioc["unsupported"].get<std::size_t>());
  }
  CHECK(doc["refused"] == Json::array());
  CHECK(doc["summary"]["loaded"] == 8);
  CHECK(doc["summary"]["usable"] == 8);
  CHECK(doc["summary"]["refused"] == 0);
}

TEST_CASE("check: a malformed file exits 2 with one line naming it; the rest is still checked",
          "[cli][check]") {
  ScratchDir dir;
  std::string bad = dir.Write("broken.ioc", "<ioc xmlns=\"http://schemas.mandiant.com/2010/ioc\"><definition>");
  std::string good = dir.Write("good.ioc", SimpleIoc("good-1"));
  RunResult r = RunIocscan({"check", bad, good});
  CHECK(r.exit_code == 2);
  std::vector<std::string> err = Lines(r.err);
  REQUIRE(err.size() == 1);
  CHECK(err[0].rfind("iocscan check: " + bad + ": ", 0) == 0);
  CHECK(Has(err[0], "XML"));
  CHECK(Has(r.out, good + ": OpenIOC 1.1, usable"));
  CHECK(Has(r.out, "1 IOC(s) checked: 1 usable, 0 not usable, 1 input(s) refused"));

  Json doc = CheckJson({bad, good});
  REQUIRE(doc["refused"].size() == 1);
  CHECK(doc["refused"][0]["source"] == bad);
  CHECK(Has(doc["refused"][0]["message"].get<std::string>(), "XML"));
  CHECK(doc["summary"]["refused"] == 1);
}

TEST_CASE("check: missing paths, files over the size limit and bad ZIPs are refused", "[cli][check]") {
  ScratchDir dir;
  std::string big = SimpleIoc("big");
  big.insert(big.find("</OpenIOC>"), std::string((16u << 20) + 1, ' '));
  std::string huge = dir.Write("huge.ioc", big);
  std::string zip = dir.Write("bundle.zip", "PK\x03\x04 this is not really a zip archive");
  std::string missing = dir.Join("missing.ioc");
  int code = -1;
  std::string err;
  Json doc = CheckJson({huge, zip, missing, kSamples}, &code, &err);
  CHECK(code == 2);
  std::set<std::string> refused;
  for (const Json& r : doc["refused"]) refused.insert(r["source"].get<std::string>());
  CHECK(refused == std::set<std::string>{huge, zip, missing});
  CHECK(doc["summary"]["loaded"] == 8);
  CHECK(Lines(err).size() == 3);
  CHECK(Has(err, huge + ": "));
  CHECK(Has(err, zip + ": "));
  CHECK(Has(err, missing + ": no such file or folder"));
}

TEST_CASE("check: an IOC with no supported term exits 2 and says why", "[cli][check]") {
  ScratchDir dir;
  std::string path = dir.Write("nothing.ioc", UnsupportedIoc("none-1"));
  RunResult r = RunIocscan({"check", path});
  CHECK(r.exit_code == 2);
  CHECK(Has(r.out, path + ": OpenIOC 1.1, NOT usable (no supported term)\n"));
  CHECK(Has(r.out, "  terms:       2 (0 supported, 2 unsupported)\n"));
  CHECK(Has(r.out, "  unsupported: term u1 at line 6 (MadeUpItem/Thing): unknown term\n"));
  CHECK(Has(r.out, "  unsupported: term u2 at line 10 (FileItem/FileName): empty Content\n"));
  // Listed once as unsupported, not repeated as a warning.
  CHECK_FALSE(Has(r.out, "warning:"));
  CHECK(Has(r.out, "1 IOC(s) checked: 0 usable, 1 not usable, 0 input(s) refused, 0 warning(s)"));

  Json doc = CheckJson({path});
  const Json& ioc = doc["iocs"].at(0);
  CHECK(ioc["usable"] == false);
  REQUIRE(ioc["unsupported_terms"].size() == 2);
  CHECK(ioc["unsupported_terms"][0] == Json{{"id", "u1"}, {"line", 6}, {"search", "MadeUpItem/Thing"},
                                            {"problem", "unknown term"}});
  CHECK(ioc["warnings"].empty());
}

TEST_CASE("check: usable and unusable IOCs together exit 2 (every IOC must be usable)", "[cli][check]") {
  ScratchDir dir;
  dir.Write("a-usable.ioc", SimpleIoc("mixed-1"));
  dir.Write("b-unusable.ioc", UnsupportedIoc("mixed-2"));
  int code = -1;
  Json doc = CheckJson({dir.path()}, &code);
  CHECK(code == 2);
  REQUIRE(doc["iocs"].size() == 2);
  CHECK(doc["iocs"][0]["usable"] == true);
  CHECK(doc["iocs"][1]["usable"] == false);
  CHECK(doc["summary"]["usable"] == 1);
  CHECK(doc["summary"]["unusable"] == 1);
  // A term that is unsupported does not make its IOC unusable when another term is supported.
  dir.Write("b-unusable.ioc", Ioc11Xml("mixed-2", "partly", Term11("x", "is", "MadeUpItem/Thing", "x") +
                                                              Term11("y", "is", "FileItem/FileName", "y")));
  Json again = CheckJson({dir.path()}, &code);
  CHECK(code == 0);
  CHECK(again["iocs"][1]["usable"] == true);
  CHECK(again["iocs"][1]["unsupported"] == 1);
}

TEST_CASE("check: duplicate ids are reported, both IOCs kept", "[cli][check]") {
  ScratchDir dir;
  std::string first = dir.Write("first.ioc", SimpleIoc("same-id", "first"));
  std::string second = dir.Write("second.ioc", SimpleIoc("same-id", "second"));
  int code = -1;
  Json doc = CheckJson({first, second}, &code);
  CHECK(code == 0);  // a warning, not an error
  REQUIRE(doc["iocs"].size() == 2);
  REQUIRE(doc["iocs"][1]["warnings"].size() == 1);
  const std::string message = doc["iocs"][1]["warnings"][0]["message"];
  CHECK(Has(message, "duplicate IOC id same-id"));
  CHECK(Has(message, first));
  CHECK(doc["iocs"][1]["warnings"][0]["source"] == second);
  CHECK(doc["summary"]["warnings"] == 1);

  RunResult r = RunIocscan({"check", first, second});
  CHECK(r.exit_code == 0);
  CHECK(Has(r.out, "  warning:     duplicate IOC id same-id (also in " + first + "), both kept\n"));
}

TEST_CASE("check: an empty-file digest is warned", "[cli][check]") {
  ScratchDir dir;
  std::string path = dir.Write("empty-digest.ioc",
                               Ioc11Xml("ed-1", "empty digest", Term11("h1", "is", "FileItem/Md5sum", kEmptyMd5) +
                                                                    Term11("h2", "is", "FileItem/Md5sum",
                                                                           "0c4e7a1b93d2f8e65a7b1c0d9e8f7a61")));
  RunResult r = RunIocscan({"check", path});
  CHECK(r.exit_code == 0);  // still usable: a warning
  CHECK(Has(r.out, "  warning:     term h1 at line 6 (FileItem/Md5sum is \"" + std::string(kEmptyMd5) +
                       "\"): the digest of the empty file matches every empty file\n"));
  CHECK(Has(r.out, "1 warning(s)"));

  Json doc = CheckJson({path});
  REQUIRE(doc["iocs"][0]["warnings"].size() == 1);  // the compiler's and the lint's are one warning
  CHECK(Has(doc["iocs"][0]["warnings"][0]["message"].get<std::string>(), "empty file"));
}

TEST_CASE("check: control characters are escaped in text, odd bytes survive in JSON", "[cli][check]") {
  ScratchDir dir;
  std::string name = std::string("evil\x1b[31m\xff") + ".ioc";
  std::string path = dir.Write(name, Ioc11Xml("id-1", "line one\nline two", Term11("t", "is", "FileItem/FileName", "x")));
  RunResult r = RunIocscan({"check", path});
  CHECK(r.exit_code == 0);
  CHECK_FALSE(Has(r.out, "\x1b"));
  CHECK(Has(r.out, "evil\\x1b[31m\\xff.ioc: OpenIOC 1.1, usable"));
  CHECK(Has(r.out, "  name:        line one\\nline two\n"));

  Json doc = CheckJson({path});
  const std::string source = doc["iocs"][0]["source"];
  CHECK(Has(source, "evil\x1b[31m%FF.ioc"));  // JSON escapes the control byte; %FF is report::JsonSafe
  CHECK(doc["iocs"][0]["name"] == "line one\nline two");
}

TEST_CASE("check: nothing to check, or bad arguments, exit 2", "[cli][check]") {
  ScratchDir dir;
  RunResult empty = RunIocscan({"check", dir.path()});
  CHECK(empty.exit_code == 2);
  CHECK(Has(empty.err, "no IOC found"));
  CHECK(RunIocscan({"check"}).exit_code == 2);
  CHECK(RunIocscan({"check", "--format", "yaml", kSamples}).exit_code == 2);
}

TEST_CASE("check: a ZIP collection is read like a folder", "[cli][check]") {
  ScratchDir dir;
  std::string zip = dir.Join("samples.zip");
  RunResult exported = RunIocscan({"export", kSamples, "-o", zip});
  REQUIRE(exported.exit_code == 0);
  Json doc = CheckJson({zip});
  REQUIRE(doc["iocs"].size() == 8);
  for (const Json& ioc : doc["iocs"]) CHECK(ioc["source"].get<std::string>().rfind(zip + ":", 0) == 0);
}

// Every file of the shared corpus: check exits 0, or exits 2 and says why (an IOC that is not usable
// here, or the input refused with a line naming it).
TEST_CASE("check: every file of the shared corpus exits 0 or says why", "[cli][check][corpus]") {
  const fs::path corpus = fs::path(IOCSCAN_SHARED_DIR) / "corpus";
  if (!fs::is_directory(corpus)) {
    WARN("skipped: no shared corpus at " << corpus.string());
    return;
  }
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
    if (entry.is_regular_file()) files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  REQUIRE_FALSE(files.empty());
  std::size_t clean = 0, unusable = 0, refused = 0;
  for (const std::string& file : files) {
    RunResult r = RunIocscan({"check", file});
    INFO(file << "\nstdout:\n" << r.out << "\nstderr:\n" << r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 2));
    if (r.exit_code == 0) {
      ++clean;
      CHECK(Has(r.out, file + ": OpenIOC 1."));
      continue;
    }
    const bool not_usable = Has(r.out, "NOT usable (no supported term)");
    const bool was_refused = Has(r.err, "iocscan check: " + file + ": ");
    CHECK((not_usable || was_refused));
    if (not_usable) {
      ++unusable;
      CHECK(Has(r.out, "  unsupported: "));  // and each reason is listed
    }
    if (was_refused) ++refused;
  }
  WARN("corpus: " << files.size() << " files, " << clean << " usable, " << unusable << " not usable here, "
                  << refused << " refused");
  CHECK(clean > 0);
}

}  // namespace
}  // namespace iocscan::testing
