// Every search path and content type the shared corpus of real IOC files uses is known to the
// registry. Skips when the shared corpus is not there (a clone without ../shared).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "terms/registry.h"
#include "terms/value.h"

using namespace iocscan::terms;
namespace fs = std::filesystem;

namespace {

// attribute value -> files that use it, for every `name="..."` in the corpus.
std::map<std::string, std::set<std::string>> AttributeValues(const fs::path& root,
                                                             const std::string& name) {
  std::map<std::string, std::set<std::string>> out;
  const std::regex re("\\b" + name + "\\s*=\\s*\"([^\"]*)\"");
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const std::string ext = entry.path().extension().string();
    if (ext != ".ioc" && ext != ".xml") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    const std::string text = buf.str();
    for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) {
      out[(*it)[1].str()].insert(entry.path().filename().string());
    }
  }
  return out;
}

bool CorpusPresent(fs::path& root) {
  root = fs::path(IOCSCAN_SHARED_DIR) / "corpus";
  if (fs::is_directory(root)) return true;
  WARN("shared corpus not found at " << root.string() << "; skipped");
  return false;
}

}  // namespace

TEST_CASE("every search path of the shared corpus is a known term") {
  fs::path root;
  if (!CorpusPresent(root)) return;
  auto searches = AttributeValues(root, "search");
  CHECK(searches.size() >= 90);  // the shared half alone uses 92 distinct paths
  for (const auto& [search, files] : searches) {
    INFO(search << " (in " << *files.begin() << ")");
    CHECK(FindTerm(search).has_value());
  }
}

TEST_CASE("every Context/@document of the shared corpus is a known document") {
  fs::path root;
  if (!CorpusPresent(root)) return;
  auto documents = AttributeValues(root, "document");
  CHECK(documents.size() >= 20);
  for (const auto& [document, files] : documents) {
    INFO(document << " (in " << *files.begin() << ")");
    CHECK(IsKnownDocument(document));
  }
}

TEST_CASE("every Content/@type of the shared corpus parses") {
  fs::path root;
  if (!CorpusPresent(root)) return;
  // `type=` also appears on Context (mir, event, ...) and on parameter values; take Content only.
  std::set<std::string> types;
  const std::regex re("<Content\\s+type\\s*=\\s*\"([^\"]*)\"");
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    const std::string text = buf.str();
    for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) {
      types.insert((*it)[1].str());
    }
  }
  CHECK(types.count("md5") == 1);
  for (const std::string& type : types) {
    INFO(type);
    CHECK(ParseValueType(type).has_value());
  }
}
