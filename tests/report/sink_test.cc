// The three sinks: what they write, in which order, where, and what happens when they cannot.
#include "report/sink.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "report/escape.h"
#include "report/json_card.h"
#include "report/sample_card.h"
#include "report/text_card.h"

namespace iocscan::report {
namespace {

namespace fs = std::filesystem;
using testing::AwkwardCard;
using testing::MinimalCard;
using testing::SampleSummary;

// A fresh folder under the system temp dir, removed with its contents at the end of the test.
struct TempDir {
  TempDir() {
    std::random_device rd;
    path = fs::temp_directory_path() / ("iocscan-report-test-" + std::to_string(rd()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::vector<std::string> Names() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(path)) names.push_back(e.path().filename().string());
    return names;
  }
  fs::path path;
};

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

SinkOptions Options(Format format, std::string output_path = "", bool quiet = false) {
  SinkOptions options;
  options.format = format;
  options.output_path = std::move(output_path);
  options.quiet = quiet;
  return options;
}

Warning SampleWarning() { return {"bundle.zip:bad.ioc", "not an OpenIOC document"}; }

TEST_CASE("ParseFormat knows text, json and jsonl", "[report][sink]") {
  for (Format f : {Format::kText, Format::kJson, Format::kJsonl}) {
    Result<Format> back = ParseFormat(FormatName(f));
    REQUIRE(back.ok());
    CHECK(back.value() == f);
  }
  CHECK_FALSE(ParseFormat("JSON").ok());
  CHECK_FALSE(ParseFormat("").ok());
}

TEST_CASE("jsonl: the exact line of a minimal card", "[report][sink]") {
  CHECK(JsonLine(CardJson(MinimalCard())) ==
        R"({"type":"card","ioc":{"id":"id-1","name":"Name","description":"","author":"","source":"x.ioc",)"
        R"("version":"1.0"},"host":{"hostname":"h","os":"os"},"time":"1970-01-01T00:00:00Z","items":[{"document":)"
        R"("FileItem","fields":{"FullPath":"/a/b","SizeInBytes":3},"terms":["FileItem/FileName is \"b\""]}],)"
        R"("branch":"FileItem/FileName is \"b\""})"
        "\n");
  CHECK(JsonLine(WarningJson(SampleWarning())) ==
        "{\"type\":\"warning\",\"source\":\"bundle.zip:bad.ioc\",\"message\":\"not an OpenIOC document\"}\n");
}

TEST_CASE("jsonl: one object per line as it comes, the summary last", "[report][sink]") {
  std::ostringstream out, err;
  auto sink = MakeSink(Options(Format::kJsonl), out, err);
  sink->OnWarning(SampleWarning());
  sink->OnCard(AwkwardCard());
  // Written when decided, not at the end.
  REQUIRE(Lines(out.str()).size() == 2);
  sink->OnCard(MinimalCard());
  Summary summary = SampleSummary();
  summary.cards = 99;  // the sink counts for itself
  REQUIRE(sink->Finish(summary).ok());
  CHECK(err.str().empty());

  const std::vector<std::string> lines = Lines(out.str());
  REQUIRE(lines.size() == 4);
  std::vector<std::string> types;
  for (const std::string& line : lines) {
    nlohmann::json j = nlohmann::json::parse(line);  // each line is a complete JSON text
    REQUIRE(j.contains("type"));
    types.push_back(j["type"]);
  }
  CHECK(types == std::vector<std::string>{"warning", "card", "card", "summary"});

  const nlohmann::json card = nlohmann::json::parse(lines[1]);
  const std::string path = card["items"][0]["fields"]["FullPath"];
  CHECK(path == "/tmp/caf%E9\x1b[31m.bin");
  CHECK(JsonUnsafe(path) == testing::kAwkwardPath);
  CHECK(lines[1].find("\\u001b") != std::string::npos);  // ESC written as a JSON escape, never raw
  CHECK(lines[1].find('\x1b') == std::string::npos);
  CHECK(card["items"][0]["fields"]["SizeInBytes"] == 12);
  CHECK(card["items"][0]["fields"]["Modified"] == "2026-11-28T10:00:00Z");
  CHECK(card["items"][0]["fields"]["Entropy"] == 7.5);
  CHECK(card["items"][1]["fields"]["PortList/PortItem/remotePort"] == nlohmann::json::array({443, 8443}));
  CHECK(card["items"][1]["fields"]["Username"].is_null());
  CHECK(card["items"][1]["terms"].size() == 2);
  CHECK(card["time"] == "2026-11-28T12:00:00Z");
  CHECK(card["ioc"]["source"] == "bundle.zip:iocs/evil.ioc");

  const nlohmann::json s = nlohmann::json::parse(lines[3]);
  CHECK(s["status"] == "timeout");
  CHECK(s["counts"]["cards"] == 2);
  CHECK(s["counts"]["warnings"] == 1);
  CHECK(s["counts"]["bytes_read"] == 3ull << 30);
  CHECK(s["unreadable_by_errno"]["EACCES"] == 10);
  CHECK(s["items_per_document"]["ProcessItem"] == 300);
  CHECK(s["skipped_mounts"] == nlohmann::json::array({"/mnt/nfs"}));
  CHECK(s["duration_seconds"] == 12.25);
  CHECK(s["start"] == "2026-11-28T12:00:00Z");
  CHECK(s["end"] == "2026-11-28T12:00:12Z");
}

TEST_CASE("json: one document with cards, summary and warnings, written at Finish", "[report][sink]") {
  std::ostringstream out, err;
  auto sink = MakeSink(Options(Format::kJson), out, err);
  sink->OnCard(AwkwardCard());
  sink->OnWarning(SampleWarning());
  sink->OnCard(MinimalCard());
  CHECK(out.str().empty());
  REQUIRE(sink->Finish(SampleSummary()).ok());
  const nlohmann::json doc = nlohmann::json::parse(out.str());
  std::vector<std::string> keys;
  for (const auto& [key, value] : doc.items()) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"cards", "summary", "warnings"});
  CHECK(doc["cards"].size() == 2);
  CHECK(doc["cards"][1]["ioc"]["id"] == "id-1");
  CHECK(doc["warnings"].size() == 1);
  CHECK(doc["warnings"][0]["message"] == "not an OpenIOC document");
  CHECK(doc["summary"]["counts"]["cards"] == 2);
  CHECK(doc["summary"]["counts"]["warnings"] == 1);
}

TEST_CASE("json: an empty scan is still a complete document", "[report][sink]") {
  std::ostringstream out, err;
  auto sink = MakeSink(Options(Format::kJson), out, err);
  REQUIRE(sink->Finish(Summary{}).ok());
  const nlohmann::json doc = nlohmann::json::parse(out.str());
  CHECK(doc["cards"].empty());
  CHECK(doc["warnings"].empty());
  CHECK(doc["summary"]["status"] == "complete");
}

TEST_CASE("text: the exact block of a minimal card", "[report][sink]") {
  CHECK(CardText(MinimalCard(), false) ==
        "MATCH  Name  [id-1]\n"
        "  source       x.ioc (OpenIOC 1.0)\n"
        "  host         h (os)\n"
        "  time         1970-01-01T00:00:00Z\n"
        "  items        1\n"
        "    FileItem\n"
        "      FullPath     /a/b\n"
        "      SizeInBytes  3\n"
        "      matched      FileItem/FileName is \"b\"\n"
        "  branch\n"
        "    FileItem/FileName is \"b\"\n"
        "\n");
}

TEST_CASE("text: cards on out, warnings on err, no raw control character", "[report][sink]") {
  std::ostringstream out, err;
  auto sink = MakeSink(Options(Format::kText), out, err);
  sink->OnWarning({"x.ioc", "bad\x1b]0;title\x07"});
  sink->OnCard(AwkwardCard());
  REQUIRE(sink->Finish(SampleSummary()).ok());
  const std::string text = out.str();
  CHECK(text.find("MATCH  Evil dropper  [6d2a1b5c-0000-4000-8000-000000000001]\n") == 0);
  CHECK(text.find("FullPath     /tmp/caf\\xe9\\x1b[31m.bin\n") != std::string::npos);
  CHECK(text.find("PortList/PortItem/remotePort  443, 8443\n") != std::string::npos);
  CHECK(text.find("Username                      (none)\n") != std::string::npos);
  CHECK(text.find("Modified     2026-11-28T10:00:00Z\n") != std::string::npos);
  CHECK(text.find("  description  Drops a file.\n               Then runs nc.\n") != std::string::npos);
  CHECK(text.find("  branch\n    OR\n      FileItem/Md5sum is") != std::string::npos);
  CHECK(text.find("Scan timed out after 12.2 s: 1 card from 40 IOCs (38 usable)\n") != std::string::npos);
  CHECK(text.find("3.0 GiB") != std::string::npos);
  CHECK(text.find("EACCES 10, ENOENT 2") != std::string::npos);
  CHECK(text.find("warnings     1\n") != std::string::npos);
  CHECK(err.str() == "warning: x.ioc: bad\\x1b]0;title\\x07\n");
  for (const std::string& s : {text, err.str()}) {
    for (char c : s) {
      const unsigned char u = static_cast<unsigned char>(c);
      if (u < 0x20) REQUIRE(c == '\n');
      REQUIRE(u != 0x7F);
    }
  }
}

TEST_CASE("text: colour only when asked and only around the header", "[report][sink]") {
  Card card = MinimalCard();
  card.ioc.name = "x\x1b[2Jy";
  const std::string plain = CardText(card, false);
  const std::string colored = CardText(card, true);
  CHECK(plain.find('\x1b') == std::string::npos);
  CHECK(colored.find("\x1b[1;31mMATCH\x1b[0m") == 0);
  CHECK(colored.find("x\\x1b[2Jy") != std::string::npos);  // the name's own ESC stays escaped
}

TEST_CASE("text: quiet drops warnings and the summary block", "[report][sink]") {
  std::ostringstream out, err;
  auto sink = MakeSink(Options(Format::kText, "", /*quiet=*/true), out, err);
  sink->OnWarning(SampleWarning());
  sink->OnCard(MinimalCard());
  REQUIRE(sink->Finish(SampleSummary()).ok());
  CHECK(err.str().empty());
  CHECK(out.str() == CardText(MinimalCard(), false));
}

TEST_CASE("output file (-o): nothing is written before Finish, then the whole report at once", "[report][sink]") {
  for (Format format : {Format::kJsonl, Format::kJson, Format::kText}) {
    INFO(FormatName(format));
    TempDir dir;
    const fs::path target = dir.path / "cards.out";
    std::ostringstream out, err;
    SinkOptions options = Options(format, target.string());
    options.color = true;
    auto sink = MakeSink(options, out, err);
    sink->OnCard(AwkwardCard());
    sink->OnWarning(SampleWarning());
    CHECK(dir.Names().empty());  // no partial file while the scan runs
    REQUIRE(sink->Finish(SampleSummary()).ok());
    CHECK(out.str().empty());
    CHECK(dir.Names() == std::vector<std::string>{"cards.out"});  // no temporary left behind
    const std::string written = ReadFile(target);
    if (format == Format::kJsonl) {
      const std::vector<std::string> lines = Lines(written);
      REQUIRE(lines.size() == 3);
      CHECK(nlohmann::json::parse(lines.back())["type"] == "summary");
    } else if (format == Format::kJson) {
      CHECK(nlohmann::json::parse(written)["cards"].size() == 1);
    } else {
      CHECK(written.find("MATCH  Evil dropper") == 0);  // no colour in a file
      CHECK(written.find("Scan timed out after") != std::string::npos);
      CHECK(err.str().find("warning: bundle.zip:bad.ioc") == 0);
    }
  }
}

TEST_CASE("output file (-o): a file that cannot be written is an error and leaves nothing behind", "[report][sink]") {
  TempDir dir;
  std::ostringstream out, err;
  const fs::path missing = dir.path / "no-such-folder" / "cards.jsonl";
  auto sink = MakeSink(Options(Format::kJsonl, missing.string()), out, err);
  sink->OnCard(MinimalCard());
  Status status = sink->Finish(SampleSummary());
  CHECK_FALSE(status.ok());
  CHECK_FALSE(status.error().Text().empty());
  CHECK(dir.Names().empty());
  CHECK(out.str().empty());
}

TEST_CASE("output file (-o): with Overwrite::kRefuse an existing file is kept as it was", "[report][sink]") {
  TempDir dir;
  const fs::path target = dir.path / "cards.json";
  std::ofstream(target) << "old";
  std::ostringstream out, err;
  SinkOptions options = Options(Format::kJson, target.string());
  options.overwrite = Overwrite::kRefuse;
  auto sink = MakeSink(options, out, err);
  sink->OnCard(MinimalCard());
  CHECK_FALSE(sink->Finish(SampleSummary()).ok());
  CHECK(ReadFile(target) == "old");
  CHECK(dir.Names() == std::vector<std::string>{"cards.json"});
}

TEST_CASE("output file (-o): the default replaces an existing file", "[report][sink]") {
  TempDir dir;
  const fs::path target = dir.path / "cards.jsonl";
  std::ofstream(target) << "old";
  std::ostringstream out, err;
  auto sink = MakeSink(Options(Format::kJsonl, target.string()), out, err);
  REQUIRE(sink->Finish(SampleSummary()).ok());
  CHECK(nlohmann::json::parse(ReadFile(target))["type"] == "summary");
}

TEST_CASE("a stream that fails is reported by Finish", "[report][sink]") {
  std::ostringstream out, err;
  out.setstate(std::ios::badbit);  // like a closed pipe
  auto sink = MakeSink(Options(Format::kJsonl), out, err);
  sink->OnCard(MinimalCard());
  CHECK_FALSE(sink->Finish(SampleSummary()).ok());
}

TEST_CASE("HumanBytes", "[report][sink]") {
  CHECK(HumanBytes(0) == "0 B");
  CHECK(HumanBytes(1023) == "1023 B");
  CHECK(HumanBytes(1536) == "1.5 KiB");
  CHECK(HumanBytes(64ull << 20) == "64.0 MiB");
  CHECK(HumanBytes(UINT64_MAX) == "16.0 EiB");
}

}  // namespace
}  // namespace iocscan::report
