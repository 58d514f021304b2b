// The listing behind `iocscan terms`: selection, JSON shape, aligned text.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "terms/listing.h"

using namespace iocscan::terms;

namespace {

std::vector<std::string_view> Searches(const std::vector<FieldId>& ids) {
  std::vector<std::string_view> out;
  for (FieldId id : ids) out.push_back(Term(id).search);
  return out;
}

bool Contains(const std::vector<std::string_view>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("by default only collected terms are listed; all adds the others") {
  auto collected = SelectTerms({});
  REQUIRE(collected.ok());
  auto all = SelectTerms({"", true});
  REQUIRE(all.ok());
  for (FieldId id : collected.value()) CHECK(Term(id).collected != 0);
  CHECK(Contains(Searches(collected.value()), "FileItem/Md5sum"));
  CHECK_FALSE(Contains(Searches(collected.value()), "RegistryItem/SecurityID"));
  CHECK(Contains(Searches(all.value()), "RegistryItem/SecurityID"));
  CHECK(all.value().size() == AllTerms().size());
  CHECK(collected.value().size() < all.value().size());
}

TEST_CASE("the document filter folds case and rejects unknown documents") {
  auto files = SelectTerms({"fileitem", true});
  REQUIRE(files.ok());
  CHECK(!files.value().empty());
  for (FieldId id : files.value()) CHECK(Term(id).document == "FileItem");

  auto drivers = SelectTerms({"DriverItem", false});
  REQUIRE(drivers.ok());
  CHECK(drivers.value().empty());  // known, collected nowhere

  auto unknown = SelectTerms({"Nope", false});
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().source == "--document");
  CHECK(unknown.error().Text().find("Nope") != std::string::npos);
}

TEST_CASE("JSON has the documented shape") {
  auto ids = SelectTerms({"FileItem", false});
  REQUIRE(ids.ok());
  auto doc = nlohmann::json::parse(FormatTermsJson(ids.value()));
  REQUIRE(doc.contains("terms"));
  REQUIRE(doc["terms"].size() == ids.value().size());
  bool saw_md5 = false;
  for (const auto& row : doc["terms"]) {
    CHECK(row["document"] == "FileItem");
    for (const char* key : {"search", "type", "conditions", "collected", "vendor_platforms",
                            "description"}) {
      CHECK(row.contains(key));
    }
    if (row["search"] == "FileItem/Md5sum") {
      saw_md5 = true;
      CHECK(row["type"] == "md5");
      CHECK(row["conditions"] == nlohmann::json::array({"is"}));
      CHECK(row["collected"] == nlohmann::json::array({"linux", "macos", "windows"}));
      CHECK(row["vendor_platforms"] == nlohmann::json::array({"linux", "macos", "windows"}));
    }
    if (row["search"] == "FileItem/SizeInBytes") {
      CHECK(row["conditions"] == nlohmann::json::array({"is", "greater-than", "less-than"}));
    }
  }
  CHECK(saw_md5);
  // An empty selection is still a valid document.
  CHECK(nlohmann::json::parse(FormatTermsJson({}))["terms"].empty());
}

TEST_CASE("text columns are aligned under their headers") {
  auto ids = SelectTerms({"FileItem", true});
  REQUIRE(ids.ok());
  std::vector<std::string> lines = Lines(FormatTermsText(ids.value()));
  REQUIRE(lines.size() > ids.value().size());
  const std::string& header = lines[0];
  REQUIRE(header.rfind("DOCUMENT", 0) == 0);
  const std::size_t search_col = header.find("SEARCH");
  const std::size_t type_col = header.find("TYPE");
  const std::size_t desc_col = header.find("DESCRIPTION");
  REQUIRE(search_col != std::string::npos);
  for (std::size_t i = 0; i < ids.value().size(); ++i) {
    const TermInfo& t = Term(ids.value()[i]);
    const std::string& line = lines[i + 1];
    INFO(line);
    CHECK(line.compare(search_col, t.search.size(), t.search) == 0);
    CHECK(line.compare(type_col, ValueTypeName(t.type).size(), ValueTypeName(t.type)) == 0);
    CHECK(line.compare(desc_col, t.description.size(), t.description) == 0);
    CHECK(line.back() != ' ');
  }
  std::string md5_line;
  for (const std::string& line : lines) {
    if (line.find("FileItem/Md5sum ") != std::string::npos) md5_line = line;
  }
  CHECK(md5_line.find("linux,macos") != std::string::npos);
  CHECK(lines.back().find("TO") != std::string::npos);  // the range note
}

TEST_CASE("the collected-on filter picks the terms of one platform, both, or one only") {
  auto searches = [](const char* on) {
    std::set<std::string> out;
    const std::vector<FieldId> ids = SelectTerms({"", false, on}).value();
    for (FieldId id : ids) out.insert(std::string(Term(id).search));
    return out;
  };
  const std::set<std::string> windows_only = searches("windows-only"), linux_only = searches("linux-only"),
                              both = searches("both"), on_windows = searches("windows"), on_linux = searches("linux");
  CHECK(windows_only.count("ServiceItem/serviceDLL") == 1);
  CHECK(linux_only.count("FileItem/Permissions") == 1);
  CHECK(both.count("FileItem/Md5sum") == 1);
  CHECK(on_windows.size() == both.size() + windows_only.size());
  CHECK(on_linux.size() == both.size() + linux_only.size());
  for (const std::string& s : both) CHECK((on_windows.count(s) == 1 && on_linux.count(s) == 1));
  for (const std::string& s : windows_only) CHECK(on_linux.count(s) == 0);
  const std::string footer = FormatTermsText(SelectTerms({}).value());
  CHECK(footer.find(std::to_string(both.size()) + " on linux and windows, " + std::to_string(linux_only.size()) +
                    " on linux only, " + std::to_string(windows_only.size()) + " on windows only") != std::string::npos);
  iocscan::Result<std::vector<FieldId>> bad = SelectTerms({"", false, "macos-only"});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().source == "--collected-on");
}
