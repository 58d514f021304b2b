// `iocscan export`, run as a user would: round trip through check, overwrite rules, refused inputs
// leave nothing behind, unusable-here IOCs exported with a warning.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
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

bool Has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The names in a folder (no temporary files may be left next to the output).
std::set<std::string> Names(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

Json Check(const std::vector<std::string>& paths) {
  std::vector<std::string> args{"check", "--format", "json"};
  args.insert(args.end(), paths.begin(), paths.end());
  RunResult r = RunIocscan(args);
  INFO(r.err);
  return Json::parse(r.out);
}

// id -> name of every IOC check loads from `paths`.
std::multiset<std::pair<std::string, std::string>> Ids(const Json& doc) {
  std::multiset<std::pair<std::string, std::string>> ids;
  for (const Json& ioc : doc["iocs"]) ids.insert({ioc["id"].get<std::string>(), ioc["name"].get<std::string>()});
  return ids;
}

TEST_CASE("export: the samples round-trip through a ZIP with the same IOCs", "[cli][export]") {
  ScratchDir dir;
  const std::string zip = dir.Join("samples.zip");
  RunResult r = RunIocscan({"export", kSamples, "-o", zip});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(r.err == "wrote 8 IOC(s) to " + zip + "\n");
  CHECK(Names(dir.path()) == std::set<std::string>{"samples.zip"});

  Json original = Check({kSamples});
  Json exported = Check({zip});
  CHECK(exported["summary"]["loaded"] == 8);
  CHECK(exported["summary"]["usable"] == 8);
  CHECK(exported["refused"].empty());
  CHECK(Ids(exported) == Ids(original));

  // And again: a ZIP exported from the ZIP holds the same IOCs.
  const std::string again = dir.Join("again.zip");
  REQUIRE(RunIocscan({"export", zip, "-o", again}).exit_code == 0);
  CHECK(Ids(Check({again})) == Ids(original));
}

TEST_CASE("export: an existing file is kept unless --force", "[cli][export]") {
  ScratchDir dir;
  const std::string zip = dir.Write("out.zip", "precious bytes");
  RunResult refused = RunIocscan({"export", kSamples, "-o", zip});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.rfind("iocscan export: " + zip + ": ", 0) == 0);
  CHECK(Has(refused.err, "--force"));
  CHECK(ReadFile(zip) == "precious bytes");
  CHECK(Names(dir.path()) == std::set<std::string>{"out.zip"});

  RunResult forced = RunIocscan({"export", kSamples, "-o", zip, "--force"});
  INFO(forced.err);
  CHECK(forced.exit_code == 0);
  CHECK(ReadFile(zip).rfind("PK\x03\x04", 0) == 0);
  CHECK(Check({zip})["summary"]["loaded"] == 8);
  CHECK(Names(dir.path()) == std::set<std::string>{"out.zip"});
}

TEST_CASE("export: a refused input writes nothing and is one line naming it", "[cli][export]") {
  ScratchDir dir;
  const std::string bad = dir.Write("broken.ioc", "<OpenIOC xmlns=\"http://openioc.org/schemas/OpenIOC_1.1\">");
  const std::string good = dir.Write("good.ioc", SimpleIoc("good-1"));
  const std::string zip = dir.Join("out.zip");
  RunResult r = RunIocscan({"export", good, bad, "-o", zip});
  CHECK(r.exit_code == 2);
  CHECK(r.err.rfind("iocscan export: " + bad + ": ", 0) == 0);
  CHECK(Has(r.err, "out.zip not written\n"));
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK_FALSE(fs::exists(zip));
  CHECK(Names(dir.path()) == std::set<std::string>{"broken.ioc", "good.ioc"});

  // An existing output stays as it was, even with --force.
  dir.Write("out.zip", "old");
  CHECK(RunIocscan({"export", good, bad, "-o", zip, "--force"}).exit_code == 2);
  CHECK(ReadFile(zip) == "old");

  RunResult missing = RunIocscan({"export", dir.Join("nope.ioc"), "-o", dir.Join("x.zip")});
  CHECK(missing.exit_code == 2);
  CHECK(Has(missing.err, dir.Join("nope.ioc") + ": no such file or folder"));
  CHECK_FALSE(fs::exists(dir.Join("x.zip")));
}

TEST_CASE("export: IOCs this platform cannot evaluate are exported with a warning", "[cli][export]") {
  ScratchDir dir;
  const std::string unusable = dir.Write("unusable.ioc", UnsupportedIoc("far-away"));
  const std::string usable = dir.Write("usable.ioc", SimpleIoc("close-by"));
  const std::string zip = dir.Join("out.zip");
  RunResult r = RunIocscan({"export", unusable, usable, "-o", zip});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(Has(r.err, "iocscan export: warning: " + unusable + ": no term is supported"));
  CHECK(Has(r.err, "wrote 2 IOC(s) to " + zip));
  Json doc = Check({zip});
  CHECK(Ids(doc) == std::multiset<std::pair<std::string, std::string>>{{"far-away", "unsupported only"},
                                                                        {"close-by", "simple"}});

  RunResult quiet = RunIocscan({"export", unusable, usable, "-o", zip, "--force", "-q"});
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.err.empty());
}

TEST_CASE("export: IOCs with one id are both exported, with the duplicate warned", "[cli][export]") {
  ScratchDir dir;
  const std::string first = dir.Write("first.ioc", SimpleIoc("same-id", "first"));
  const std::string second = dir.Write("second.ioc", SimpleIoc("same-id", "second"));
  const std::string zip = dir.Join("out.zip");
  RunResult r = RunIocscan({"export", first, second, "-o", zip});
  CHECK(r.exit_code == 0);
  CHECK(Has(r.err, "iocscan export: warning: " + second + ": duplicate IOC id same-id"));
  Json doc = Check({zip});
  CHECK(Ids(doc) == std::multiset<std::pair<std::string, std::string>>{{"same-id", "first"},
                                                                        {"same-id", "second"}});
}

TEST_CASE("export: bad arguments and nothing to export exit 2", "[cli][export]") {
  ScratchDir dir;
  CHECK(RunIocscan({"export", kSamples}).exit_code == 2);  // no -o
  CHECK(RunIocscan({"export", "-o", dir.Join("x.zip")}).exit_code == 2);  // no IOC
  RunResult empty = RunIocscan({"export", dir.path(), "-o", dir.Join("x.zip")});
  CHECK(empty.exit_code == 2);
  CHECK(Has(empty.err, "no IOC found"));
  CHECK_FALSE(fs::exists(dir.Join("x.zip")));
  RunResult nowhere = RunIocscan({"export", kSamples, "-o", dir.Join("no/such/folder/x.zip")});
  CHECK(nowhere.exit_code == 2);
  CHECK(Has(nowhere.err, dir.Join("no/such/folder/x.zip")));
}

}  // namespace
}  // namespace iocscan::testing
