// ExportZip: a real archive, reloaded by LoadIocs, byte for byte; overwriting needs force.
#include "ioc/export.h"

#include <catch2/catch.hpp>

#include <filesystem>

#include "ioc/collection.h"
#include "ioc/ioc_test_util.h"
#include "ioc/parse.h"

namespace iocscan::ioc {
namespace {

using testing::Ioc10;
using testing::Ioc11;
using testing::TempDir;

std::vector<const Ioc*> Pointers(const std::vector<Ioc>& iocs) {
  std::vector<const Ioc*> out;
  for (const Ioc& ioc : iocs) out.push_back(&ioc);
  return out;
}

TEST_CASE("export then reload: same IOCs, same bytes, entries named by id, unique names") {
  TempDir tmp;
  tmp.Write("in/a.ioc", Ioc10("id-a"));
  tmp.Write("in/b.ioc", Ioc11("id-b"));
  tmp.Write("in/c.ioc", Ioc11("id-a", "other.exe"));  // duplicate id: needs a second name
  std::string no_id = Ioc10("x");
  no_id.replace(no_id.find(" id=\"x\""), 7, "");
  no_id.replace(no_id.find("test x"), 6, "Bad/Name: *?");
  tmp.Write("in/d.ioc", no_id);
  LoadedIocs in = LoadIocs({tmp / "in"});
  REQUIRE(in.iocs.size() == 4);

  std::string zip = tmp / "out.zip";
  Status st = ExportZip(Pointers(in.iocs), zip, false);
  INFO((st.ok() ? "" : st.error().Text()));
  REQUIRE(st.ok());
  LoadedIocs out = LoadIocs({zip});
  CHECK(out.refused.empty());
  REQUIRE(out.iocs.size() == 4);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < out.iocs.size(); ++i) {
    CHECK(out.iocs[i].bytes == in.iocs[i].bytes);
    CHECK(out.iocs[i].meta.id == in.iocs[i].meta.id);
    CHECK(out.iocs[i].nodes.size() == in.iocs[i].nodes.size());
    names.push_back(out.iocs[i].source.substr(zip.size() + 1));
  }
  CHECK(names == std::vector<std::string>{"id-a.ioc", "id-b.ioc", "id-a-2.ioc", "Bad_Name____.ioc"});
}

TEST_CASE("export refuses to overwrite without force, replaces with force") {
  TempDir tmp;
  Ioc ioc = ParseIoc(Ioc10("only"), "only.ioc", nullptr).value();
  std::string zip = tmp.Write("exists.zip", "keep me");
  Status refused = ExportZip({&ioc}, zip, false);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().source == zip);
  CHECK(testing::ReadAll(zip) == "keep me");
  REQUIRE(ExportZip({&ioc}, zip, true).ok());
  LoadedIocs back = LoadIocs({zip});
  REQUIRE(back.iocs.size() == 1);
  CHECK(back.iocs[0].source == zip + ":only.ioc");
  CHECK(back.iocs[0].bytes == Ioc10("only"));
}

TEST_CASE("export of nothing, or into a missing folder, is an error and writes nothing") {
  TempDir tmp;
  CHECK_FALSE(ExportZip({}, tmp / "empty.zip", false).ok());
  CHECK_FALSE(std::filesystem::exists(tmp / "empty.zip"));
  Ioc ioc = ParseIoc(Ioc11("x"), "x.ioc", nullptr).value();
  Status st = ExportZip({&ioc}, tmp / "no/such/dir/x.zip", false);
  CHECK_FALSE(st.ok());
}

}  // namespace
}  // namespace iocscan::ioc
