// Offline scans (--root): files are found under the root and reported with their paths on the
// scanned system, with the real location beside them; owners come from the root's own passwd.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

#include "compile/support.h"
#include "scan/file_sweep.h"
#include "scan/prepare.h"
#include "scan/scan.h"
#include "support/scratch_dir.h"

namespace iocscan::scan {
namespace {

using compile::testing::And;
using compile::testing::Or;
using compile::testing::T;
using iocscan::testing::ScratchDir;

std::string IocXml(const std::string& criteria) {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<OpenIOC xmlns=\"http://openioc.org/schemas/OpenIOC_1.1\" "
         "id=\"root-test\"><metadata><short_description>root test</short_description></metadata><criteria>" +
         criteria + "</criteria></OpenIOC>";
}

const report::CardField* FieldNamed(const report::CardItem& item, std::string_view name) {
  for (const report::CardField& f : item.fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

TEST_CASE("PathInRoot strips the root only at a path boundary", "[scan][root]") {
  CHECK(PathInRoot("/mnt/disk", "/mnt/disk/etc/passwd") == "/etc/passwd");
  CHECK(PathInRoot("/mnt/disk", "/mnt/disk") == "/");
  CHECK(PathInRoot("/mnt/disk", "/mnt/diskette/x") == "/mnt/diskette/x");
  CHECK(PathInRoot("", "/etc/passwd") == "/etc/passwd");
}

TEST_CASE("WalkOptionsFor puts paths and absolute excludes under the root", "[scan][root]") {
  ScanOptions o;
  o.root = "/mnt/disk";
  o.paths = {"/home", "/"};
  o.excludes = {"/home/*/.cache/**", "*.iso"};
  walk::WalkOptions w = WalkOptionsFor(o);
  CHECK(w.roots == std::vector<std::string>{"/mnt/disk/home", "/mnt/disk"});
  CHECK(w.excludes == std::vector<std::string>{"/mnt/disk/home/*/.cache/**", "*.iso"});

  o.paths.clear();
  o.excludes.clear();
  w = WalkOptionsFor(o);
  CHECK(w.roots == std::vector<std::string>{"/mnt/disk"});
  CHECK(std::find(w.excludes.begin(), w.excludes.end(), "/mnt/disk/proc") != w.excludes.end());
}

TEST_CASE("An offline root is scanned with the image's paths and owners", "[scan][root]") {
  ScratchDir image;
  ::mkdir(image.Join("etc").c_str(), 0755);
  ::mkdir(image.Join("opt").c_str(), 0755);
  // The image's own user database names uid of this process "imageuser".
  image.Write("etc/passwd", "imageuser:x:" + std::to_string(::geteuid()) + ":100::/home/imageuser:/bin/sh\n");
  image.Write("opt/implant.bin", "payload");
  ScratchDir iocs;
  iocs.Write("root.ioc", IocXml(Or(And(T("is", "FileItem/FullPath", "/opt/implant.bin") +
                                       T("is", "FileItem/Username", "imageuser")))));

  Result<PreparedIocs> prepared = PrepareIocs({iocs.path()}, {});
  REQUIRE(prepared.ok());
  ScanOptions options;
  options.root = image.path();
  options.threads = 1;
  ScanOutcome out = RunScan(prepared.value().set, options, {});
  REQUIRE(out.cards.size() == 1);
  REQUIRE(out.cards[0].items.size() == 1);
  const report::CardItem& item = out.cards[0].items[0];
  CHECK(FieldNamed(item, "FullPath")->values.at(0).text == "/opt/implant.bin");
  CHECK(FieldNamed(item, "RealPath")->values.at(0).text == image.Join("opt/implant.bin"));
  CHECK(FieldNamed(item, "Username")->values.at(0).text == "imageuser");
  CHECK(out.summary.files_visited == 2);
}

}  // namespace
}  // namespace iocscan::scan
