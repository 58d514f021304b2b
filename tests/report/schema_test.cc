// schemas/card.schema.json: it parses, the sinks' output conforms to it, and it rejects what it
// should (so a pass means something).
#include <fstream>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "report/json_card.h"
#include "report/sample_card.h"
#include "report/schema_lite.h"
#include "report/sink.h"

namespace iocscan::report {
namespace {

using iocscan::testing::SchemaLite;

nlohmann::json LoadSchema() {
  std::ifstream in(IOCSCAN_SOURCE_DIR "/schemas/card.schema.json");
  REQUIRE(in.good());
  return nlohmann::json::parse(in);  // throws (and fails the test) when it is not JSON
}

std::string Joined(const std::vector<std::string>& errors) {
  std::string out;
  for (const std::string& e : errors) out += e + "\n";
  return out;
}

// The writers' output, reparsed as plain JSON the way a consumer would see it.
nlohmann::json Reparsed(const Json& value) { return nlohmann::json::parse(value.dump()); }

TEST_CASE("the schema is draft 2020-12 and defines card, warning, summary, document", "[report][schema]") {
  const nlohmann::json schema = LoadSchema();
  CHECK(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema");
  for (const char* def : {"card", "warning", "summary", "document", "item", "ioc", "host"}) {
    INFO(def);
    CHECK(schema["$defs"].contains(def));
  }
}

TEST_CASE("every object the writers produce conforms to the schema", "[report][schema]") {
  const SchemaLite schema(LoadSchema());
  for (const Card& card : {testing::AwkwardCard(), testing::MinimalCard(), Card{}}) {
    const nlohmann::json j = Reparsed(CardJson(card));
    INFO(j.dump());
    CHECK(Joined(schema.CheckDef("card", j)) == "");
    CHECK(Joined(schema.Check(j)) == "");  // and exactly one branch of the root oneOf
  }
  for (const Summary& summary : {testing::SampleSummary(), Summary{}}) {
    const nlohmann::json j = Reparsed(SummaryJson(summary));
    INFO(j.dump());
    CHECK(Joined(schema.CheckDef("summary", j)) == "");
    CHECK(Joined(schema.Check(j)) == "");
  }
  const nlohmann::json w = Reparsed(WarningJson({"", "no usable IOC"}));
  CHECK(Joined(schema.Check(w)) == "");
}

TEST_CASE("jsonl and json sink output conforms line by line and as a document", "[report][schema]") {
  const SchemaLite schema(LoadSchema());
  for (Format format : {Format::kJsonl, Format::kJson}) {
    std::ostringstream out, err;
    SinkOptions options;
    options.format = format;
    auto sink = MakeSink(options, out, err);
    sink->OnWarning({"bundle.zip:x.ioc", "term FileItem/Foo is not supported"});
    sink->OnCard(testing::AwkwardCard());
    sink->OnCard(testing::MinimalCard());
    REQUIRE(sink->Finish(testing::SampleSummary()).ok());
    if (format == Format::kJson) {
      const nlohmann::json doc = nlohmann::json::parse(out.str());
      CHECK(Joined(schema.CheckDef("document", doc)) == "");
      CHECK(Joined(schema.Check(doc)) == "");
    } else {
      std::istringstream lines(out.str());
      int count = 0;
      for (std::string line; std::getline(lines, line); ++count) {
        INFO(line);
        CHECK(Joined(schema.Check(nlohmann::json::parse(line))) == "");
      }
      CHECK(count == 4);
    }
  }
}

TEST_CASE("the schema's required keys are exactly what the writers emit", "[report][schema]") {
  // Every key a writer emits is always emitted, so required == the keys written, in both directions.
  const nlohmann::json schema = LoadSchema();
  const auto keys = [](const nlohmann::json& object) {
    std::set<std::string> out;
    for (const auto& [key, value] : object.items()) out.insert(key);
    return out;
  };
  const auto required = [&](const nlohmann::json& def) {
    std::set<std::string> out;
    for (const auto& k : def["required"]) out.insert(k.get<std::string>());
    return out;
  };
  const nlohmann::json card = Reparsed(CardJson(testing::AwkwardCard()));
  const nlohmann::json summary = Reparsed(SummaryJson(testing::SampleSummary()));
  CHECK(keys(card) == required(schema["$defs"]["card"]));
  CHECK(keys(card["ioc"]) == required(schema["$defs"]["ioc"]));
  CHECK(keys(card["host"]) == required(schema["$defs"]["host"]));
  CHECK(keys(card["items"][0]) == required(schema["$defs"]["item"]));
  CHECK(keys(summary) == required(schema["$defs"]["summary"]));
  CHECK(keys(summary["counts"]) == required(schema["$defs"]["summary"]["properties"]["counts"]));
  CHECK(keys(Reparsed(WarningJson({"a", "b"}))) == required(schema["$defs"]["warning"]));
}

TEST_CASE("the schema rejects malformed objects", "[report][schema]") {
  const SchemaLite schema(LoadSchema());
  const nlohmann::json card = Reparsed(CardJson(testing::MinimalCard()));
  const nlohmann::json summary = Reparsed(SummaryJson(testing::SampleSummary()));

  nlohmann::json bad = card;
  bad.erase("branch");
  CHECK_FALSE(schema.Check(bad).empty());
  bad = card;
  bad["extra"] = 1;
  CHECK_FALSE(schema.Check(bad).empty());
  bad = card;
  bad["time"] = "28/11/2026";
  CHECK_FALSE(schema.Check(bad).empty());
  bad = card;
  bad["items"][0]["fields"]["FullPath"] = nlohmann::json::object();
  CHECK_FALSE(schema.Check(bad).empty());
  bad = card;
  bad["items"][0]["terms"] = "FileItem/FileName is \"b\"";
  CHECK_FALSE(schema.Check(bad).empty());
  bad = card;
  bad["type"] = "match";
  CHECK_FALSE(schema.Check(bad).empty());

  bad = summary;
  bad["status"] = "done";
  CHECK_FALSE(schema.Check(bad).empty());
  bad = summary;
  bad["counts"]["cards"] = -1;
  CHECK_FALSE(schema.Check(bad).empty());
  bad = summary;
  bad["counts"]["bytes_read"] = "3G";
  CHECK_FALSE(schema.Check(bad).empty());
  bad = summary;
  bad["unreadable_by_errno"]["EACCES"] = 1.5;
  CHECK_FALSE(schema.Check(bad).empty());

  CHECK_FALSE(schema.Check(nlohmann::json{{"type", "warning"}, {"source", "x"}}).empty());
  CHECK_FALSE(schema.Check(nlohmann::json{{"cards", nlohmann::json::array()}, {"warnings", nlohmann::json::array()}})
                  .empty());
  CHECK_FALSE(schema.Check(nlohmann::json::array()).empty());
}

}  // namespace
}  // namespace iocscan::report
