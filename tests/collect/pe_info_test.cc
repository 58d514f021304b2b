#include "collect/pe/pe_info.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "collect/pe/version_resource.h"
#include "collect/pe_builder.h"

namespace pe = iocscan::collect::pe;
using iocscan::testing::BuildPe;
using iocscan::testing::PeImageOptions;

namespace {

std::string VersionValue(const pe::PeInfo& info, const std::string& key) {
  for (const auto& table : info.version_info) {
    for (const auto& [k, v] : table.strings) {
      if (k == key) return v;
    }
  }
  return "<missing>";
}

}  // namespace

TEST_CASE("every field of a built PE32 DLL", "[collect][pe]") {
  std::vector<unsigned char> image = BuildPe();
  REQUIRE(image.size() == 0xC08);
  REQUIRE(iocscan::testing::VersionResource().size() < 0x3A0);
  auto info = pe::ParsePe(image);
  REQUIRE(info);
  CHECK_FALSE(info->truncated);
  CHECK(info->machine == 0x14C);
  CHECK(info->timestamp == 0x5F000000);
  CHECK(info->is_dll);
  CHECK(pe::TypeName(*info) == "DLL");
  CHECK(info->has_optional_header);
  CHECK_FALSE(info->pe32_plus);
  CHECK(info->image_base == 0x10000000);
  CHECK(info->checksum == 0x1234);
  CHECK(pe::SubsystemName(info->subsystem) == "Windows_GUI");

  CHECK(info->number_of_sections == 3);
  REQUIRE(info->sections.size() == 3);
  CHECK(info->sections[0].name == ".text");
  CHECK(info->sections[1].name == ".rdata");
  CHECK(info->sections[2].name == ".rsrc");
  CHECK(info->sections[1].raw_size == 0x400);
  REQUIRE(info->sections[0].entropy);
  CHECK(*info->sections[0].entropy == Approx(8.0));
  REQUIRE(info->sections[2].entropy);
  CHECK(*info->sections[2].entropy > 0.0);
  CHECK(*info->sections[2].entropy < 8.0);

  REQUIRE(info->imports.size() == 1);
  CHECK(info->imports[0].name == "KERNEL32.dll");
  CHECK(info->imports[0].functions == std::vector<std::string>{"CreateFileW", "#7"});

  CHECK(info->has_exports);
  CHECK(info->export_dll_name == "evil.dll");
  CHECK(info->export_timestamp == 0x5F000001);
  CHECK(info->export_function_count == 2);
  CHECK(info->export_name_count == 2);
  CHECK(info->exports == std::vector<std::string>{"DoEvil", "Install"});

  REQUIRE(info->version_info.size() == 1);
  CHECK(info->version_info[0].language == "040904b0");
  CHECK(VersionValue(*info, "CompanyName") == "Evil Corp");
  CHECK(VersionValue(*info, "FileDescription") == "Evil \xC3\xBC tool");  // UTF-16 -> UTF-8
  CHECK(VersionValue(*info, "FileVersion") == "1.2.3.4");
  CHECK(VersionValue(*info, "InternalName") == "evil");
  CHECK(VersionValue(*info, "LegalCopyright") == "(c) nobody");
  CHECK(VersionValue(*info, "OriginalFilename") == "evil.dll");
  CHECK(VersionValue(*info, "ProductName") == "Evil Product");
  CHECK(VersionValue(*info, "ProductVersion") == "1.2");
  CHECK(VersionValue(*info, "Comments") == "");
  CHECK(VersionValue(*info, "SpecialBuild") == "special");
  CHECK(VersionValue(*info, "Translation") == "<missing>");  // VarFileInfo is not a string table

  CHECK(info->signature_exists);
}

TEST_CASE("an executable without a signature", "[collect][pe]") {
  PeImageOptions o;
  o.dll = false;
  o.signature = false;
  auto info = pe::ParsePe(BuildPe(o));
  REQUIRE(info);
  CHECK(pe::TypeName(*info) == "Executable");
  CHECK_FALSE(info->signature_exists);
}

TEST_CASE("a signature directory pointing past the file is not a signature", "[collect][pe]") {
  auto image = BuildPe();
  image.resize(0xC04);  // the certificate table is cut
  auto info = pe::ParsePe(image);
  REQUIRE(info);
  CHECK_FALSE(info->signature_exists);
  // ...unless the caller says the whole file is bigger (only a prefix was read).
  auto prefix = pe::ParsePe(std::span(image).first(0x800), 0xC08);
  REQUIRE(prefix);
  CHECK(prefix->signature_exists);
  CHECK(prefix->truncated);  // .rsrc is outside the prefix
}

TEST_CASE("not a PE", "[collect][pe]") {
  CHECK_FALSE(pe::ParsePe({}));
  std::vector<unsigned char> text = {'h', 'e', 'l', 'l', 'o'};
  CHECK_FALSE(pe::ParsePe(text));
  auto image = BuildPe();
  image[0x81] = 'X';  // "PX\0\0"
  CHECK_FALSE(pe::ParsePe(image));
  image = BuildPe();
  image[0x3C] = 0xF0, image[0x3D] = 0xFF, image[0x3E] = 0xFF, image[0x3F] = 0xFF;  // e_lfanew far away
  CHECK_FALSE(pe::ParsePe(image));
}

TEST_CASE("every truncation of a valid image parses without crashing", "[collect][pe]") {
  auto image = BuildPe();
  std::size_t parsed = 0;
  for (std::size_t n = 0; n <= image.size(); ++n) {
    auto info = pe::ParsePe(std::span(image).first(n));
    if (info) {
      ++parsed;
      CHECK(info->sections.size() <= 3);
      if (n < image.size() - 8) CHECK(info->truncated);
    }
  }
  CHECK(parsed > 0);
  CHECK_FALSE(pe::ParsePe(std::span(image).first(0x80)));
}

TEST_CASE("random corruption never crashes or hangs", "[collect][pe]") {
  std::mt19937 rng(1234);
  auto valid = BuildPe();
  auto start = std::chrono::steady_clock::now();
  for (int round = 0; round < 3000; ++round) {
    auto image = valid;
    int flips = 1 + static_cast<int>(rng() % 16);
    for (int i = 0; i < flips; ++i) {
      std::size_t at = 0x3C + rng() % (image.size() - 0x3C);  // keep MZ so the parser goes deep
      image[at] = static_cast<unsigned char>(rng());
    }
    auto info = pe::ParsePe(image);
    if (info) CHECK(info->sections.size() <= 256);
  }
  for (int round = 0; round < 1000; ++round) {
    std::vector<unsigned char> junk(rng() % 4096);
    for (auto& b : junk) b = static_cast<unsigned char>(rng());
    if (junk.size() >= 0x40) {
      junk[0] = 'M', junk[1] = 'Z';
      std::uint32_t lfanew = static_cast<std::uint32_t>(rng() % junk.size());
      junk[0x3C] = lfanew & 0xFF, junk[0x3D] = (lfanew >> 8) & 0xFF, junk[0x3E] = 0, junk[0x3F] = 0;
      if (lfanew + 4 <= junk.size()) junk[lfanew] = 'P', junk[lfanew + 1] = 'E', junk[lfanew + 2] = 0, junk[lfanew + 3] = 0;
    }
    (void)pe::ParsePe(junk);
  }
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(30));
}

TEST_CASE("huge counts are capped", "[collect][pe]") {
  auto image = BuildPe();
  image[0x86] = 0xFF, image[0x87] = 0xFF;  // NumberOfSections = 65535
  auto info = pe::ParsePe(image);
  REQUIRE(info);
  CHECK(info->number_of_sections == 65535);
  CHECK(info->sections.size() <= 256);
  CHECK(info->truncated);

  image = BuildPe();
  const std::size_t names = 0x400 + 0x218;  // export NumberOfNames = 0xFFFFFFFF
  image[names] = image[names + 1] = image[names + 2] = image[names + 3] = 0xFF;
  info = pe::ParsePe(image);
  REQUIRE(info);
  CHECK(info->export_name_count == 0xFFFFFFFFu);
  CHECK(info->exports.size() <= 65536);
  CHECK(info->truncated);

  // An import table with no terminating descriptor: every descriptor is non-zero garbage.
  image = BuildPe();
  for (std::size_t i = 0x400; i < 0x800; ++i) image[i] = 0x41;
  info = pe::ParsePe(image);
  REQUIRE(info);
  CHECK(info->imports.size() <= 1024);
}

TEST_CASE("a self-referencing resource tree ends", "[collect][pe]") {
  auto image = BuildPe();
  // Level 2 entry points back at the root directory.
  image[0x800 + 0x2C] = 0x00, image[0x800 + 0x2F] = 0x80;
  auto info = pe::ParsePe(image);
  REQUIRE(info);
  CHECK(info->version_info.empty());
}

TEST_CASE("UTF-16LE to UTF-8", "[collect][pe]") {
  std::vector<unsigned char> s = {'A', 0, 0xE9, 0, 0x3D, 0xD8, 0x00, 0xDE, 0x00, 0xD8};  // A é 😀 lone-surrogate
  CHECK(pe::Utf16LeToUtf8(s) == "A\xC3\xA9\xF0\x9F\x98\x80\xEF\xBF\xBD");
}

TEST_CASE("entropy", "[collect][pe]") {
  std::vector<unsigned char> zeros(100, 0);
  CHECK(pe::Entropy(zeros) == 0.0);
  std::vector<unsigned char> two = {0, 1, 0, 1};
  CHECK(pe::Entropy(two) == Approx(1.0));
  CHECK(pe::Entropy({}) == 0.0);
}

namespace {

// What binutils' objdump says about a PE file; empty when objdump is missing or refuses it.
struct ObjdumpFacts {
  bool ok = false;
  std::uint64_t subsystem = 0, image_base = 0, checksum = 0;
  std::vector<std::string> modules;
};

ObjdumpFacts Objdump(const std::string& path) {
  ObjdumpFacts facts;
  std::string cmd = "objdump -p '" + path + "' 2>/dev/null";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return facts;
  char line[4096];
  auto hex_after = [](const std::string& l, const char* key, std::uint64_t* out) {
    if (l.rfind(key, 0) != 0) return false;
    *out = std::stoull(l.substr(std::string(key).size()), nullptr, 16);
    return true;
  };
  while (std::fgets(line, sizeof line, p) != nullptr) {
    std::string l(line);
    while (!l.empty() && (l.back() == '\n' || l.back() == '\r')) l.pop_back();
    if (hex_after(l, "Subsystem\t\t", &facts.subsystem) || hex_after(l, "ImageBase\t\t", &facts.image_base) ||
        hex_after(l, "CheckSum\t\t", &facts.checksum)) {
      facts.ok = true;
    }
    const std::string dll = "\tDLL Name: ";
    if (l.rfind(dll, 0) == 0) facts.modules.push_back(l.substr(dll.size()));
  }
  ::pclose(p);
  return facts;
}

}  // namespace

TEST_CASE("real PE files on this machine agree with objdump", "[collect][pe]") {
  namespace fs = std::filesystem;
  std::vector<fs::path> found;
  for (const char* root : {"/usr/lib", "/usr/share", "/root/.pyenv/versions"}) {
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
    for (std::size_t seen = 0; !ec && it != end && seen < 400000 && found.size() < 40; it.increment(ec), ++seen) {
      std::string ext = it->path().extension().string();
      if ((ext == ".exe" || ext == ".dll" || ext == ".efi") && it->is_regular_file(ec)) found.push_back(it->path());
    }
  }
  if (found.empty()) {
    WARN("no .exe/.dll/.efi files on this machine");
    return;
  }
  std::size_t parsed = 0, compared = 0;
  for (const fs::path& p : found) {
    std::ifstream in(p, std::ios::binary);
    std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto info = pe::ParsePe(bytes);
    if (!info) continue;  // e.g. a .dll that is not a Windows binary
    ++parsed;
    INFO(p.string());
    CHECK(info->has_optional_header);
    CHECK_FALSE(info->sections.empty());
    for (const auto& s : info->sections) {
      if (s.entropy) CHECK((*s.entropy >= 0.0 && *s.entropy <= 8.0));
    }
    ObjdumpFacts facts = Objdump(p.string());
    if (!facts.ok) continue;
    ++compared;
    CHECK(info->subsystem == facts.subsystem);
    CHECK(info->image_base == facts.image_base);
    CHECK(info->checksum == facts.checksum);
    std::vector<std::string> modules;
    for (const auto& m : info->imports) modules.push_back(m.name);
    CHECK(modules == facts.modules);
  }
  CHECK(parsed > 0);
  if (compared == 0) WARN("objdump is missing or cannot read PE files: fields not cross-checked");
}
