// schemas/job.schema.json: it parses, every sample job file (TOML turned into JSON) conforms to it
// and parses with iocscan, it lists exactly the keys iocscan accepts, and it rejects what the
// parser rejects for structure (unknown keys, wrong types).
#include <catch2/catch.hpp>

#include "job/toml.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "job/job_file.h"
#include "report/schema_lite.h"

namespace iocscan::job {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// The schema without the bound keywords SchemaLite does not implement (the parser checks bounds).
Json Strip(Json j) {
  if (j.is_object()) {
    for (const char* k : {"minLength", "maxLength", "minItems", "maxItems", "maximum", "prefixItems"}) j.erase(k);
    for (auto& [key, value] : j.items()) value = Strip(value);
  } else if (j.is_array()) {
    for (auto& v : j) v = Strip(v);
  }
  return j;
}

Json LoadSchema() {
  std::ifstream in(IOCSCAN_SOURCE_DIR "/schemas/job.schema.json");
  REQUIRE(in);
  return Json::parse(in);
}

Json TomlToJson(const std::string& text) {
  toml::table t = toml::parse(text);
  std::ostringstream out;
  out << toml::json_formatter{t};
  return Json::parse(out.str());
}

std::set<std::string> Keys(const Json& properties) {
  std::set<std::string> out;
  for (auto& [k, v] : properties.items()) out.insert(k);
  return out;
}

TEST_CASE("job schema: parses and lists exactly the keys the parser accepts", "[job][schema]") {
  Json schema = LoadSchema();
  CHECK(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema");
  const Json& p = schema["properties"];
  CHECK(Keys(p) == std::set<std::string>{"name", "iocs", "documents", "results", "retention_days", "time_limit", "scope",
                                         "retrospective", "schedule", "actions"});
  CHECK(Keys(p["scope"]["properties"]) == std::set<std::string>{"paths", "exclude", "max_size", "one_file_system", "follow_symlinks",
                                                                "network_mounts", "low_priority", "threads"});
  CHECK(Keys(p["retrospective"]["properties"]) == std::set<std::string>{"since", "until"});
  CHECK(Keys(p["schedule"]["properties"]) ==
        std::set<std::string>{"frequency", "every", "days", "at", "start", "end", "run_missed", "randomize"});
  CHECK(Keys(p["actions"]["properties"]) == std::set<std::string>{"on_match"});

  // A file using every key parses with iocscan: the schema names no key the parser would refuse.
  const std::string every_key = R"(
name = "all"
iocs = ["/i"]
documents = ["FileItem"]
results = "/r"
retention_days = 1
time_limit = "1h"
[scope]
paths = ["/"]
exclude = ["/x/**"]
max_size = "1M"
one_file_system = true
follow_symlinks = true
network_mounts = true
low_priority = true
threads = 2
[retrospective]
since = "2d"
until = "1d"
[schedule]
frequency = "weekly"
every = 2
days = ["mon"]
at = "01:00"
start = "2026-01-01"
end = "2027-01-01"
run_missed = true
randomize = "1m"
[actions]
on_match = ["/bin/true"]
)";
  Result<JobFile> parsed = ParseJobFile(every_key, "/j.toml");
  INFO((parsed.ok() ? std::string() : parsed.error().Text()));
  CHECK(parsed.ok());
  testing::SchemaLite lite(Strip(schema));
  CHECK(lite.Check(TomlToJson(every_key)).empty());
}

TEST_CASE("job schema: the samples conform, and structural mistakes do not", "[job][schema]") {
  testing::SchemaLite lite(Strip(LoadSchema()));
  int samples = 0;
  for (const auto& e : fs::directory_iterator(IOCSCAN_SOURCE_DIR "/samples/jobs")) {
    if (e.path().extension() != ".toml") continue;
    ++samples;
    INFO(e.path());
    std::ifstream in(e.path());
    std::stringstream text;
    text << in.rdbuf();
    std::vector<std::string> problems = lite.Check(TomlToJson(text.str()));
    for (const std::string& p : problems) UNSCOPED_INFO(p);
    CHECK(problems.empty());
    Result<JobFile> parsed = LoadJobFile(e.path().string());
    INFO((parsed.ok() ? std::string() : parsed.error().Text()));
    CHECK(parsed.ok());
  }
  CHECK(samples >= 3);

  const std::string base = "name = \"x\"\niocs = [\"/i\"]\nresults = \"/r\"\n";
  for (const std::string& bad : std::vector<std::string>{base + "colour = 1\n[schedule]\nfrequency = \"daily\"\n",
                                 base + "[schedule]\nfrequency = \"sometimes\"\n",
                                 base + "[schedule]\nfrequency = \"daily\"\nevery = \"2\"\n",
                                 base + "[schedule]\nfrequency = \"weekly\"\ndays = [\"someday\"]\n",
                                 base + "[schedule]\nfrequency = \"daily\"\nat = \"25:00\"\n",
                                 std::string("name = \"a|b\"\niocs = [\"/i\"]\nresults = \"/r\"\n[schedule]\nfrequency = \"daily\"\n"),
                                 base + "[scope]\nthreads = true\n[schedule]\nfrequency = \"daily\"\n",
                                 "name = \"x\"\nresults = \"/r\"\n[schedule]\nfrequency = \"daily\"\n"}) {
    INFO(bad);
    CHECK_FALSE(lite.Check(TomlToJson(bad)).empty());
    CHECK_FALSE(ParseJobFile(bad, "/j.toml").ok());
  }
}

}  // namespace
}  // namespace iocscan::job
