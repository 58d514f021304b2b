// `iocscan scan`, run as a user would: exit codes, JSON Lines and JSON output checked against
// schemas/card.schema.json, -o written atomically, refused arguments, and hostile file names that
// must reach JSON reversibly and the text format without raw control characters.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/ioc_xml.h"
#include "cli/run_binary.h"
#include "hash/digest.h"
#include "report/escape.h"
#include "report/schema_lite.h"
#include "support/scratch_dir.h"

namespace iocscan::testing {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

const std::string kPayload = "dropper payload bytes\n";
const std::string kInvalidName = "bad\xff\xfe\x80name.bin";
const std::string kControlName = "esc\x1b[31mred\nline2.bin";

std::string Md5(std::string_view bytes) { return hash::DigestBytes(hash::kMd5, bytes).md5; }

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

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::set<std::string> Listing(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

const SchemaLite& Schema() {
  static const SchemaLite schema([] {
    std::ifstream in(IOCSCAN_SOURCE_DIR "/schemas/card.schema.json");
    return Json::parse(in);
  }());
  return schema;
}

std::string Problems(const Json& value) {
  std::string out;
  for (const std::string& e : Schema().Check(value)) out += e + "\n";
  return out;
}

// A tree to scan and a folder of IOCs:
//   tree/dropper.bin (kPayload), tree/sub/readme.txt, tree/<kInvalidName>, tree/<kControlName>
//   iocs/hit.ioc      FileName is dropper.bin, or the payload's md5 (matches dropper.bin)
//   iocs/miss.ioc     a name that is nowhere
//   iocs/names.ioc    the two hostile names (by suffix)
struct Fixture {
  ScratchDir tree;
  ScratchDir iocs;
  std::string hit, miss, names;
  Fixture() {
    tree.Write("dropper.bin", kPayload);
    ::mkdir(tree.Join("sub").c_str(), 0755);
    tree.Write("sub/readme.txt", "nothing to see");
    tree.Write(kInvalidName, "invalid");
    tree.Write(kControlName, "control");
    hit = iocs.Write("hit.ioc", Ioc11Xml("hit-id", "dropper by name or hash",
                                         Term11("t1", "is", "FileItem/FileName", "dropper.bin") +
                                             Term11("t2", "is", "FileItem/Md5sum", Md5(kPayload))));
    miss = iocs.Write("miss.ioc", Ioc11Xml("miss-id", "absent", Term11("t1", "is", "FileItem/FileName", "absent.exe")));
    names = iocs.Write("names.ioc", Ioc11Xml("names-id", "hostile names",
                                             Term11("t1", "ends-with", "FileItem/FileName", "name.bin") +
                                                 Term11("t2", "ends-with", "FileItem/FileName", "line2.bin")));
  }
  std::vector<std::string> Scan(std::vector<std::string> iocs_and_options) const {
    std::vector<std::string> args = {"scan", "-p", tree.path(), "-j", "2", "--no-progress"};
    args.insert(args.end(), iocs_and_options.begin(), iocs_and_options.end());
    return args;
  }
};

TEST_CASE("scan cli: exit 0 without a match and 1 with one", "[cli][scan]") {
  Fixture fx;
  RunResult none = RunIocscan(fx.Scan({"--format", "jsonl", fx.miss}));
  INFO(none.err);
  CHECK(none.exit_code == 0);
  std::vector<std::string> lines = Lines(none.out);
  REQUIRE(lines.size() == 1);
  Json summary = Json::parse(lines[0]);
  CHECK(summary["type"] == "summary");
  CHECK(summary["status"] == "complete");
  CHECK(summary["counts"]["cards"] == 0);
  CHECK(summary["counts"]["files_visited"] == 4);

  RunResult one = RunIocscan(fx.Scan({"--format", "jsonl", fx.miss, fx.hit}));
  INFO(one.err);
  CHECK(one.exit_code == 1);
  lines = Lines(one.out);
  REQUIRE(lines.size() == 2);
  Json card = Json::parse(lines[0]);
  CHECK(card["type"] == "card");
  CHECK(card["ioc"]["id"] == "hit-id");
  CHECK(card["ioc"]["source"] == fx.hit);
  REQUIRE(card["items"].size() == 1);
  CHECK(card["items"][0]["fields"]["FullPath"] == fx.tree.Join("dropper.bin"));
  CHECK(card["items"][0]["fields"]["Md5sum"] == Md5(kPayload));
  // The OR is decided by the name (the cheaper term): the digest term is never tested.
  CHECK(card["items"][0]["terms"] == Json::array({"FileItem/FileName is \"dropper.bin\""}));
  CHECK(Json::parse(lines[1])["counts"]["cards"] == 1);
}

TEST_CASE("scan cli: bad arguments and unusable inputs exit 2 and write nothing", "[cli][scan]") {
  Fixture fx;
  ScratchDir out;
  const std::string target = out.Join("report.json");
  const std::vector<std::vector<std::string>> bad = {
      {"scan", "-p", fx.tree.path(), out.Join("no-such.ioc"), "-o", target},
      {"scan", "-p", fx.tree.Join("no-such-folder"), fx.hit, "-o", target},
      {"scan", "-p", fx.tree.path(), "--max-size", "12Q", fx.hit, "-o", target},
      {"scan", "-p", fx.tree.path(), "--max-size", "-1", fx.hit, "-o", target},
      {"scan", "-p", fx.tree.path(), "--documents", "Foo", fx.hit, "-o", target},
      {"scan", "-p", fx.tree.path(), "--timeout", "0s", fx.hit, "-o", target},
      {"scan", "-p", fx.tree.path(), "--format", "xml", fx.hit, "-o", target},
      {"scan", "-p", fx.tree.path(), "-j", "0", fx.hit, "-o", target},
      {"scan", "-p", fx.tree.path(), fx.tree.Join("sub/readme.txt"), "-o", target},  // not an IOC
      {"scan", "-p", fx.tree.path()},                                                 // no IOC at all
  };
  for (const std::vector<std::string>& args : bad) {
    std::string shown;
    for (const std::string& a : args) shown += a + " ";
    INFO(shown);
    RunResult r = RunIocscan(args);
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_FALSE(r.err.empty());
    CHECK(Listing(out.path()).empty());
  }
}

TEST_CASE("scan cli: -o into a missing folder exits 2 and leaves nothing behind", "[cli][scan]") {
  Fixture fx;
  ScratchDir out;
  const std::string target = out.Join("missing/report.jsonl");
  RunResult r = RunIocscan(fx.Scan({"-o", target, fx.hit}));
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("missing") != std::string::npos);
  CHECK(Listing(out.path()).empty());

  // A folder where the report should go: the rename fails and the temporary file is removed.
  REQUIRE(::mkdir(out.Join("a-folder").c_str(), 0755) == 0);
  r = RunIocscan(fx.Scan({"--format", "json", "-o", out.Join("a-folder"), fx.hit}));
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(Listing(out.path()) == std::set<std::string>{"a-folder"});
  CHECK(Listing(out.Join("a-folder")).empty());
}

TEST_CASE("scan cli: every JSON Lines line parses and conforms with the summary last", "[cli][scan]") {
  Fixture fx;
  RunResult r = RunIocscan(fx.Scan({"--format", "jsonl", fx.iocs.path()}));
  INFO(r.err);
  CHECK(r.exit_code == 1);
  REQUIRE(!r.out.empty());
  CHECK(r.out.back() == '\n');
  std::vector<std::string> lines = Lines(r.out);
  std::set<std::string> ids;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    INFO("line " << i << ": " << lines[i]);
    Json line = Json::parse(lines[i]);
    CHECK(Problems(line) == "");
    REQUIRE(line.contains("type"));
    if (i + 1 == lines.size()) {
      CHECK(line["type"] == "summary");
    } else {
      CHECK(line["type"] != "summary");
    }
    if (line["type"] == "card") ids.insert(line["ioc"]["id"].get<std::string>());
  }
  CHECK(ids == std::set<std::string>{"hit-id", "names-id"});
  Json summary = Json::parse(lines.back());
  CHECK(summary["counts"]["cards"] == 2);
  CHECK(summary["counts"]["iocs_loaded"] == 3);
  CHECK(summary["counts"]["iocs_usable"] == 3);
  CHECK(summary["status"] == "complete");
}

TEST_CASE("scan cli: --format json is one document that conforms to the schema", "[cli][scan]") {
  Fixture fx;
  RunResult r = RunIocscan(fx.Scan({"--format", "json", fx.iocs.path()}));
  INFO(r.err);
  CHECK(r.exit_code == 1);
  Json doc = Json::parse(r.out);
  CHECK(Problems(doc) == "");
  CHECK(Schema().CheckDef("document", doc).empty());
  REQUIRE(doc["cards"].size() == 2);
  CHECK(doc["summary"]["counts"]["cards"] == 2);
  CHECK(doc["summary"]["status"] == "complete");
  CHECK(doc["warnings"].is_array());
}

TEST_CASE("scan cli: -o writes the report atomically and replaces an older one", "[cli][scan]") {
  Fixture fx;
  ScratchDir out;
  const std::string target = out.Join("report.json");
  out.Write("report.json", "an older report");
  for (const char* format : {"json", "jsonl", "text"}) {
    INFO(format);
    RunResult r = RunIocscan(fx.Scan({"--format", format, "-o", target, fx.hit}));
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    // Only the report: no temporary file left beside it.
    CHECK(Listing(out.path()) == std::set<std::string>{"report.json"});
    const std::string written = ReadFile(target);
    CHECK(written.find(fx.tree.Join("dropper.bin")) != std::string::npos);
    if (std::string(format) == "json") CHECK(Problems(Json::parse(written)) == "");
    if (std::string(format) == "jsonl") CHECK(Json::parse(Lines(written).back())["type"] == "summary");
  }
  // No match: still a complete report, exit 0.
  RunResult r = RunIocscan(fx.Scan({"--format", "json", "-o", target, fx.miss}));
  CHECK(r.exit_code == 0);
  CHECK(Json::parse(ReadFile(target))["cards"].empty());
  CHECK(Listing(out.path()) == std::set<std::string>{"report.json"});
}

TEST_CASE("scan cli: names that are not UTF-8 are escaped reversibly in JSON", "[cli][scan]") {
  Fixture fx;
  for (const char* format : {"json", "jsonl"}) {
    INFO(format);
    RunResult r = RunIocscan(fx.Scan({"--format", format, fx.names}));
    INFO(r.err);
    CHECK(r.exit_code == 1);
    Json card;
    if (std::string(format) == "json") {
      Json doc = Json::parse(r.out);  // strict UTF-8: throws on a raw invalid byte
      REQUIRE(doc["cards"].size() == 1);
      card = doc["cards"][0];
    } else {
      card = Json::parse(Lines(r.out).at(0));
    }
    CHECK(Problems(card) == "");
    std::set<std::string> paths, names;
    for (const Json& item : card["items"]) {
      paths.insert(report::JsonUnsafe(item["fields"]["FullPath"].get<std::string>()));
      names.insert(report::JsonUnsafe(item["fields"]["FileName"].get<std::string>()));
    }
    CHECK(paths == std::set<std::string>{fx.tree.Join(kInvalidName), fx.tree.Join(kControlName)});
    CHECK(names == std::set<std::string>{kInvalidName, kControlName});
  }
}

TEST_CASE("scan cli: the text format shows hostile names without raw control characters", "[cli][scan]") {
  Fixture fx;
  RunResult r = RunIocscan(fx.Scan({"--format", "text", fx.names, fx.hit}));
  INFO(r.err);
  CHECK(r.exit_code == 1);
  for (const std::string* stream : {&r.out, &r.err}) {
    std::string raw_controls;
    for (unsigned char c : *stream) {
      if ((c < 0x20 && c != '\n') || c == 0x7f) raw_controls += std::to_string(c) + " ";
    }
    CHECK(raw_controls == "");
  }
  // The names are there, escaped; nothing else in the output breaks a line in the middle of one.
  CHECK(r.out.find("esc\\x1b[31mred\\nline2.bin") != std::string::npos);
  CHECK(r.out.find("bad\\xff\\xfe\\x80name.bin") != std::string::npos);
  CHECK(r.out.find(fx.tree.Join("dropper.bin")) != std::string::npos);
}

TEST_CASE("scan cli: relative scope paths are reported as absolute paths", "[cli][scan]") {
  Fixture fx;
  RunOptions in_tree;
  in_tree.cwd = fx.tree.path();
  // (A ".." is kept as given, on purpose: walk/path_util.h.)
  for (const char* path : {".", "./", ".//", fx.tree.path().c_str()}) {
    INFO(path);
    RunResult r = RunIocscan({"scan", "-p", path, "--format", "jsonl", "--no-progress", fx.hit}, in_tree);
    INFO(r.err);
    CHECK(r.exit_code == 1);
    Json card = Json::parse(Lines(r.out).at(0));
    REQUIRE(card["items"].size() == 1);
    CHECK(card["items"][0]["fields"]["FullPath"] == fx.tree.Join("dropper.bin"));
  }
}

TEST_CASE("scan cli: --max-size keeps big files from being hashed and the summary counts them", "[cli][scan]") {
  Fixture fx;
  const std::string big(4096, 'b');
  fx.tree.Write("big.bin", big);
  const std::string ioc = fx.iocs.Write("big.ioc", Ioc11Xml("big-id", "big by hash", Term11("t1", "is", "FileItem/Md5sum", Md5(big))));
  RunResult limited = RunIocscan(fx.Scan({"--format", "jsonl", "--max-size", "1K", ioc}));
  INFO(limited.err);
  CHECK(limited.exit_code == 0);
  Json summary = Json::parse(Lines(limited.out).back());
  CHECK(summary["counts"]["files_skipped_by_size"] == 1);
  CHECK(summary["counts"]["files_read"] == 4);  // the four small files
  RunResult unlimited = RunIocscan(fx.Scan({"--format", "jsonl", "--max-size", "4K", ioc}));
  CHECK(unlimited.exit_code == 1);
}

TEST_CASE("scan cli: --follow-symlinks and --exclude reach the sweep", "[cli][scan]") {
  Fixture fx;
  REQUIRE(::symlink("dropper.bin", fx.tree.Join("alias").c_str()) == 0);
  auto items = [&](std::vector<std::string> options) {
    options.insert(options.begin(), {"--format", "json"});
    options.push_back(fx.hit);
    RunResult r = RunIocscan(fx.Scan(options));
    UNSCOPED_INFO(r.err);
    std::set<std::string> paths;
    const Json doc = Json::parse(r.out);
    for (const Json& card : doc["cards"]) {
      for (const Json& item : card["items"]) paths.insert(item["fields"]["FullPath"].get<std::string>());
    }
    return paths;
  };
  CHECK(items({}) == std::set<std::string>{fx.tree.Join("dropper.bin")});
  CHECK(items({"--follow-symlinks"}) == std::set<std::string>{fx.tree.Join("alias"), fx.tree.Join("dropper.bin")});
  CHECK(items({"--follow-symlinks", "-x", "alias"}) == std::set<std::string>{fx.tree.Join("dropper.bin")});
  CHECK(items({"-x", fx.tree.path() + "/**"}).empty());
}

TEST_CASE("scan cli: --timeout ends a long scan with status timeout", "[cli][scan]") {
  struct stat st {};
  if (::stat("/usr/lib", &st) != 0) return;
  ScratchDir iocs;
  const std::string ioc = iocs.Write("h.ioc", Ioc11Xml("h", "a digest nothing has",
                                                       Term11("t1", "is", "FileItem/Sha256sum", std::string(63, '0') + "1")));
  RunOptions limit;
  limit.timeout_seconds = 60;
  RunResult r = RunIocscan({"scan", "-p", "/usr", "-j", "1", "--timeout", "1s", "--format", "jsonl", "--no-progress", ioc},
                           limit);
  INFO(r.err);
  CHECK_FALSE(r.timed_out);
  CHECK(r.exit_code == 0);
  Json summary = Json::parse(Lines(r.out).back());
  CHECK(summary["type"] == "summary");
  if (summary["status"] == "complete" && summary["duration_seconds"].get<double>() < 1.0) {
    WARN("/usr was hashed in under a second: too small to test the time limit");
    return;
  }
  CHECK(summary["status"] == "timeout");
  CHECK(Problems(summary) == "");
}

}  // namespace
}  // namespace iocscan::testing
