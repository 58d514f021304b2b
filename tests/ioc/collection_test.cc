// LoadIocs on real files, folders and ZIP archives made in a temporary folder.
#include "ioc/collection.h"

#include <catch2/catch.hpp>

#include <filesystem>

#include "core/limits.h"
#include "ioc/ioc_test_util.h"

namespace iocscan::ioc {
namespace {

using testing::Ioc10;
using testing::Ioc11;
using testing::MakeZip;
using testing::TempDir;

std::vector<std::string> Sources(const LoadedIocs& loaded) {
  std::vector<std::string> out;
  for (const Ioc& ioc : loaded.iocs) out.push_back(ioc.source);
  return out;
}

// The first message (warnings or refused) that names `source` and contains `needle`, or nullptr.
const Warning* Find(const Warnings& list, const std::string& source, const std::string& needle) {
  for (const Warning& w : list) {
    if (w.source == source && w.message.find(needle) != std::string::npos) return &w;
  }
  return nullptr;
}

void CheckOneLine(const LoadedIocs& loaded) {
  for (const Warnings* list : {&loaded.warnings, &loaded.refused}) {
    for (const Warning& w : *list) {
      CHECK(w.Text().find('\n') == std::string::npos);
      CHECK_FALSE(w.source.empty());
    }
  }
}

TEST_CASE("folders: recursive, sorted by name, only *.ioc/*.xml, symlinked folders not followed") {
  TempDir tmp;
  tmp.Write("set/b.ioc", Ioc10("b"));
  tmp.Write("set/a.IOC", Ioc11("a"));
  tmp.Write("set/sub/c.Xml", Ioc10("c"));
  tmp.Write("set/sub/deeper/d.ioc", Ioc11("d"));
  tmp.Write("set/aa/e.ioc", Ioc10("e"));
  tmp.Write("set/notes.txt", "not an ioc");
  tmp.Write("set/sub/f.ioc.bak", Ioc10("f"));
  tmp.Write("outside/g.ioc", Ioc10("g"));
  std::error_code no_symlinks;  // Wine cannot make one; the rest of the test still holds
  std::filesystem::create_directory_symlink(tmp / "outside", tmp / "set/link", no_symlinks);
  std::string set = tmp / "set";
  LoadedIocs loaded = LoadIocs({set});
  CHECK(loaded.refused.empty());
  CHECK(loaded.warnings.empty());
  CHECK(Sources(loaded) == std::vector<std::string>{tmp / "set/a.IOC", tmp / "set/aa/e.ioc", tmp / "set/b.ioc",
                                                    tmp / "set/sub/c.Xml", tmp / "set/sub/deeper/d.ioc"});
  CHECK(loaded.iocs[0].version == Version::k1_1);
  CHECK(loaded.iocs[0].meta.id == "a");
  CHECK(loaded.iocs[0].bytes == Ioc11("a"));
}

TEST_CASE("folder recursion is capped at kMaxCollectionDepth, with one warning") {
  TempDir tmp;
  std::string rel = "root";
  std::string shallow, deep;
  for (int i = 1; i <= limits::kMaxCollectionDepth + 6; ++i) {
    rel += "/d";
    if (i == 10) shallow = tmp.Write(rel + "/shallow.ioc", Ioc10("shallow"));
  }
  deep = tmp.Write(rel + "/deep.ioc", Ioc10("deep"));
  LoadedIocs loaded = LoadIocs({tmp / "root"});
  CHECK(Sources(loaded) == std::vector<std::string>{shallow});
  REQUIRE(loaded.warnings.size() == 1);
  CHECK(loaded.warnings[0].message.find("deeper than 64") != std::string::npos);
  // The same file given directly loads: the cap is on searching, not on paths.
  CHECK(LoadIocs({deep}).iocs.size() == 1);
}

TEST_CASE("files as given keep their order - missing paths and bad files refused, the rest loads") {
  TempDir tmp;
  std::string good1 = tmp.Write("one.ioc", Ioc10("one"));
  std::string good2 = tmp.Write("two.xml", Ioc11("two"));
  std::string noext = tmp.Write("three", Ioc11("three"));  // any file whose root is an IOC
  std::string bad = tmp.Write("bad.ioc", "<ioc xmlns=\"http://schemas.mandiant.com/2010/ioc\"><definition>");
  std::string html = tmp.Write("page.xml", "<html/>");
  std::string missing = tmp / "missing.ioc";
  LoadedIocs loaded = LoadIocs({good2, bad, missing, good1, html, noext});
  CHECK(Sources(loaded) == std::vector<std::string>{good2, good1, noext});
  CHECK(loaded.refused.size() == 3);
  CHECK(Find(loaded.refused, bad, "not well-formed XML") != nullptr);
  CHECK(Find(loaded.refused, missing, "no such file") != nullptr);
  CHECK(Find(loaded.refused, html, "not an OpenIOC document") != nullptr);
  CheckOneLine(loaded);
}

TEST_CASE("a file of 16 MiB + 1 byte is refused before parsing - exactly 16 MiB loads") {
  TempDir tmp;
  auto padded = [](std::uint64_t size) {
    std::string doc = Ioc10("big");
    std::string pad = "<!--" + std::string(size - doc.size() - 7, 'x') + "-->";
    return doc + pad;  // comment after the root: still a well-formed IOC
  };
  std::string exact = tmp.Write("exact.ioc", padded(limits::kMaxIocFileBytes));
  std::string over = tmp.Write("over.ioc", padded(limits::kMaxIocFileBytes + 1));
  REQUIRE(std::filesystem::file_size(exact) == limits::kMaxIocFileBytes);
  REQUIRE(std::filesystem::file_size(over) == limits::kMaxIocFileBytes + 1);
  LoadedIocs loaded = LoadIocs({over, exact});
  CHECK(Sources(loaded) == std::vector<std::string>{exact});
  REQUIRE(loaded.refused.size() == 1);
  CHECK(loaded.refused[0].source == over);
  CHECK(loaded.refused[0].message.find("16 MiB") != std::string::npos);
}

TEST_CASE("duplicate ids across the collection: both kept, one warning naming both sources") {
  TempDir tmp;
  std::string a = tmp.Write("a.ioc", Ioc10("same-id"));
  std::string b = tmp.Write("b.ioc", Ioc11("same-id"));
  std::string c = tmp.Write("c.ioc", Ioc11("other"));
  LoadedIocs loaded = LoadIocs({tmp.path()});
  CHECK(loaded.iocs.size() == 3);
  REQUIRE(loaded.warnings.size() == 1);
  CHECK(loaded.warnings[0].source == b);
  CHECK(loaded.warnings[0].message.find("same-id") != std::string::npos);
  CHECK(loaded.warnings[0].message.find(a) != std::string::npos);
}

TEST_CASE("parse warnings reach the collection with the file as source") {
  TempDir tmp;
  std::string doc = Ioc11("p");
  doc.replace(doc.find("<parameters/>"), 13,
              "<parameters><param id=\"x\" ref-id=\"nowhere\" name=\"note\"><value type=\"string\">n</value></param></parameters>");
  std::string path = tmp.Write("p.ioc", doc);
  LoadedIocs loaded = LoadIocs({path});
  REQUIRE(loaded.iocs.size() == 1);
  CHECK(loaded.iocs[0].parameters.at(0).node == -1);
  CHECK(Find(loaded.warnings, path, "nowhere") != nullptr);
}

TEST_CASE("ZIP: nested folders, folder entries, IOCs without extension, non-IOC entries skipped") {
  TempDir tmp;
  std::string zip = tmp / "bundle.zip";
  REQUIRE(MakeZip(zip, {{"top.ioc", Ioc10("z1")},
                        {"dir/", ""},
                        {"dir/sub/deep.xml", Ioc11("z2")},
                        {"README.txt", "just text"},
                        {"dir/noext", Ioc11("z3")},
                        {"dir/broken.ioc", "<OpenIOC"},
                        {"nested.zip", "PK\x03\x04 not really"}}));
  LoadedIocs loaded = LoadIocs({zip});
  CHECK(Sources(loaded) == std::vector<std::string>{zip + ":top.ioc", zip + ":dir/sub/deep.xml", zip + ":dir/noext"});
  CHECK(loaded.iocs[1].bytes == Ioc11("z2"));
  CHECK(loaded.iocs[1].version == Version::k1_1);
  CHECK(Find(loaded.warnings, zip + ":README.txt", "not an IOC") != nullptr);
  CHECK(Find(loaded.warnings, zip + ":nested.zip", "not an IOC") != nullptr);
  CHECK(loaded.warnings.size() == 2);
  REQUIRE(loaded.refused.size() == 1);
  CHECK(loaded.refused[0].source == zip + ":dir/broken.ioc");
  CheckOneLine(loaded);
}

TEST_CASE("ZIP recognised by its magic whatever the extension - a ZIP inside a folder is not searched") {
  TempDir tmp;
  std::string zip = tmp / "collection.bin";
  REQUIRE(MakeZip(zip, {{"a.ioc", Ioc10("a")}}));
  LoadedIocs loaded = LoadIocs({zip});
  CHECK(Sources(loaded) == std::vector<std::string>{zip + ":a.ioc"});
  REQUIRE(MakeZip(tmp / "folder/inner.zip", {{"a.ioc", Ioc10("a")}}) == false);  // folder does not exist yet
  std::filesystem::create_directory(tmp / "folder");
  REQUIRE(MakeZip(tmp / "folder/inner.zip", {{"a.ioc", Ioc10("a")}}));
  LoadedIocs folder = LoadIocs({tmp / "folder"});
  CHECK(folder.iocs.empty());
  CHECK(folder.refused.empty());
}

TEST_CASE("ZIP: unsafe entry names are refused entries, never paths - the safe ones load") {
  TempDir tmp;
  std::string zip = tmp / "evil.zip";
  REQUIRE(MakeZip(zip, {{"../x.ioc", Ioc10("t1")},
                        {"/abs.ioc", Ioc10("t2")},
                        {"a/../../up.ioc", Ioc10("t3")},
                        {"win\\path.ioc", Ioc10("t4")},
                        {"C:/drive.ioc", Ioc10("t5")},
                        {"ok/..name.ioc", Ioc10("t6")}}));
  LoadedIocs loaded = LoadIocs({zip});
  CHECK(Sources(loaded) == std::vector<std::string>{zip + ":ok/..name.ioc"});
  REQUIRE(loaded.refused.size() == 5);
  for (const char* name : {"../x.ioc", "/abs.ioc", "a/../../up.ioc", "win\\path.ioc", "C:/drive.ioc"}) {
    CHECK(Find(loaded.refused, zip + ":" + name, "unsafe ZIP entry name") != nullptr);
  }
  CHECK_FALSE(std::filesystem::exists(tmp / "x.ioc"));
}

TEST_CASE("ZIP bomb: one entry declaring 300 MiB is refused whole before expansion") {
  TempDir tmp;
  std::string zip = tmp / "bomb.zip";
  std::string zeros(300u << 20, '\0');
  REQUIRE(MakeZip(zip, {{"a.ioc", Ioc10("a")}, {"zeros.ioc", zeros}}));
  zeros = std::string();
  CHECK(std::filesystem::file_size(zip) < (2u << 20));  // it really is a bomb
  std::string other = tmp.Write("fine.ioc", Ioc11("fine"));
  LoadedIocs loaded = LoadIocs({zip, other});
  CHECK(Sources(loaded) == std::vector<std::string>{other});  // nothing of the bomb, the rest loads
  REQUIRE(loaded.refused.size() == 1);
  CHECK(loaded.refused[0].source == zip);
  CHECK(loaded.refused[0].message.find("256 MiB") != std::string::npos);
}

TEST_CASE("ZIP with 10,001 entries is refused whole - 10,000 tiny entries are fine") {
  TempDir tmp;
  std::vector<std::pair<std::string, std::string>> entries;
  for (int i = 0; i < 10000; ++i) entries.push_back({"n/" + std::to_string(i) + ".txt", "x"});
  REQUIRE(MakeZip(tmp / "ok.zip", entries));
  entries.push_back({"one-more.txt", "x"});
  REQUIRE(MakeZip(tmp / "many.zip", entries));
  LoadedIocs many = LoadIocs({tmp / "many.zip"});
  CHECK(many.iocs.empty());
  REQUIRE(many.refused.size() == 1);
  CHECK(many.refused[0].message.find("10001 entries") != std::string::npos);
  CHECK(many.warnings.empty());
  LoadedIocs ok = LoadIocs({tmp / "ok.zip"});
  CHECK(ok.refused.empty());
  CHECK(ok.warnings.size() == 10000);  // each entry skipped as not an IOC
}

TEST_CASE("ZIP: an entry over 16 MiB is refused alone, the archive's other IOCs load") {
  TempDir tmp;
  std::string zip = tmp / "large.zip";
  REQUIRE(MakeZip(zip, {{"big.ioc", std::string((16u << 20) + 1, ' ')}, {"b.ioc", Ioc10("b")}}));
  LoadedIocs loaded = LoadIocs({zip});
  CHECK(Sources(loaded) == std::vector<std::string>{zip + ":b.ioc"});
  REQUIRE(loaded.refused.size() == 1);
  CHECK(loaded.refused[0].source == zip + ":big.ioc");
}

TEST_CASE("ZIP with an encrypted entry is refused whole") {
  TempDir tmp;
  for (zip_uint16_t method : {ZIP_EM_AES_256, ZIP_EM_TRAD_PKWARE}) {
    if (!zip_encryption_method_supported(method, 1)) {
      WARN("libzip cannot encrypt with method " << method);
      continue;
    }
    std::string zip = tmp / ("enc" + std::to_string(method) + ".zip");
    std::string plain = Ioc10("plain");
    std::string secret = Ioc10("secret");
    int err = 0;
    zip_t* z = zip_open(zip.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    REQUIRE(z != nullptr);
    REQUIRE(zip_file_add(z, "plain.ioc", zip_source_buffer(z, plain.data(), plain.size(), 0), 0) == 0);
    zip_int64_t idx = zip_file_add(z, "secret.ioc", zip_source_buffer(z, secret.data(), secret.size(), 0), 0);
    REQUIRE(idx == 1);
    REQUIRE(zip_file_set_encryption(z, 1, method, "password") == 0);
    REQUIRE(zip_close(z) == 0);
    LoadedIocs loaded = LoadIocs({zip});
    CHECK(loaded.iocs.empty());
    REQUIRE(loaded.refused.size() == 1);
    CHECK(loaded.refused[0].source == zip);
    CHECK(loaded.refused[0].message.find("encrypted ZIP entry secret.ioc") != std::string::npos);
  }
}

// Patches a little-endian 32-bit field in `bytes` at `offset`.
void Put32(std::string& bytes, std::size_t offset, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) bytes[offset + i] = static_cast<char>((value >> (8 * i)) & 0xff);
}

// One deflated entry whose declared uncompressed size (local header and central directory alike,
// so the archive stays self-consistent) is replaced by `declared`.
std::string LyingZip(const TempDir& tmp, const std::string& name, std::uint32_t declared) {
  std::string path = tmp / name;
  std::string doc = Ioc10("lie") + std::string(2000, ' ');
  REQUIRE(MakeZip(path, {{"lie.ioc", doc}}));
  std::string bytes = testing::ReadAll(path);
  REQUIRE(bytes.compare(0, 4, "PK\x03\x04") == 0);
  Put32(bytes, 22, declared);
  std::size_t central = bytes.find("PK\x01\x02");
  REQUIRE(central != std::string::npos);
  Put32(bytes, central + 24, declared);
  tmp.Write(name, bytes);
  return path;
}

TEST_CASE("ZIP whose headers lie about sizes is refused whole") {
  TempDir tmp;
  std::string smaller = LyingZip(tmp, "smaller.zip", 100);
  std::string larger = LyingZip(tmp, "larger.zip", 5000);
  for (const std::string& zip : {smaller, larger}) {
    LoadedIocs loaded = LoadIocs({zip});
    CHECK(loaded.iocs.empty());
    REQUIRE(loaded.refused.size() == 1);
    CHECK(loaded.refused[0].source == zip);
    CHECK(loaded.refused[0].message.find("differs from its declared size") != std::string::npos);
  }
}

TEST_CASE("truncated or corrupt ZIP is refused whole - earlier good entries are dropped too") {
  TempDir tmp;
  std::string whole = tmp / "whole.zip";
  REQUIRE(MakeZip(whole, {{"a.ioc", Ioc10("a")}, {"b.ioc", Ioc10("b", std::string(3000, 'q'))}}));
  std::string bytes = testing::ReadAll(whole);
  std::string cut = tmp.Write("cut.zip", bytes.substr(0, bytes.size() / 2));
  std::string tail = tmp.Write("tail.zip", bytes.substr(0, bytes.size() - 5));
  // Damage the second entry's compressed data but keep the directory: found only while reading.
  std::string damaged_bytes = bytes;
  std::size_t second = damaged_bytes.find("PK\x03\x04", 4);
  REQUIRE(second != std::string::npos);
  for (std::size_t i = second + 60; i < second + 90; ++i) damaged_bytes[i] = static_cast<char>(damaged_bytes[i] ^ 0x5a);
  std::string damaged = tmp.Write("damaged.zip", damaged_bytes);
  for (const std::string& zip : {cut, tail, damaged}) {
    LoadedIocs loaded = LoadIocs({zip});
    INFO(zip);
    CHECK(loaded.iocs.empty());
    REQUIRE(loaded.refused.size() == 1);
    CHECK(loaded.refused[0].source == zip);
    CHECK(loaded.refused[0].message.find(zip == damaged ? "corrupt ZIP entry" : "not a readable ZIP") !=
          std::string::npos);
    CheckOneLine(loaded);
  }
  CHECK(LoadIocs({whole}).iocs.size() == 2);
}

}  // namespace
}  // namespace iocscan::ioc
