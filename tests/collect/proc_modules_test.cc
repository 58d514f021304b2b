// ModuleItem's /proc/modules and modules.dep parsed from literal text, and the .modinfo section
// of a module file built in the test.
#include <catch2/catch.hpp>

#include "collect/system/modinfo.h"
#include "collect/system/proc_modules.h"

namespace iocscan::collect {
namespace {

TEST_CASE("proc modules: used-by lists, hidden addresses, taints", "[collect][system]") {
  std::vector<LoadedModule> m = ParseProcModules(
      "nf_nat 57344 2 nft_chain_nat,xt_MASQUERADE, Live 0xffffffffc0b2c000\n"
      "rootkit 16384 0 - Live 0x0000000000000000 (OE)\n"
      "loading 4096 1 - Loading 0x0\n"
      "garbage line\n"
      "badsize x 0 - Live 0x0\n"
      "ext4 1040384 1 [permanent], Live 0xffffffffc0400000 (E)");
  REQUIRE(m.size() == 4);
  CHECK(m[0].name == "nf_nat");
  CHECK(m[0].size == 57344);
  CHECK(m[0].ref_count == "2");
  CHECK(m[0].used_by == std::vector<std::string>{"nft_chain_nat", "xt_MASQUERADE"});
  CHECK(m[0].state == "Live");
  CHECK(m[0].address == "0xffffffffc0b2c000");
  REQUIRE(m[0].address_value);
  CHECK(*m[0].address_value == 0xffffffffc0b2c000ull);
  CHECK(m[0].taint.empty());
  CHECK(m[1].used_by.empty());
  CHECK_FALSE(m[1].address_value);  // hidden by kptr_restrict
  CHECK(m[1].taint == "OE");
  CHECK(m[2].state == "Loading");
  CHECK(m[3].used_by == std::vector<std::string>{"[permanent]"});
  CHECK(m[3].taint == "E");
}

TEST_CASE("modules.dep: paths, dependencies, dashes as underscores", "[collect][system]") {
  ModuleFiles files = ParseModulesDep(
      "kernel/fs/ext4/ext4.ko.xz: kernel/lib/crc16.ko.xz kernel/fs/jbd2/jbd2.ko.xz\n"
      "kernel/net/netfilter/nf-nat.ko.zst:\n"
      "updates/dkms/evil.ko:\n"
      "no colon here\n");
  REQUIRE(files.size() == 3);
  CHECK(files["ext4"].path == "kernel/fs/ext4/ext4.ko.xz");
  CHECK(files["ext4"].depends == std::vector<std::string>{"crc16", "jbd2"});
  CHECK(files.count("nf_nat") == 1);
  CHECK(files["nf_nat"].depends.empty());
  CHECK(files["evil"].path == "updates/dkms/evil.ko");
  CHECK(ModuleNameOfPath("kernel/drivers/net/e1000e.ko") == "e1000e");
  CHECK(NormalizeModuleName("snd-hda-intel") == "snd_hda_intel");
}

void PutLe(std::string& b, std::size_t at, std::uint64_t v, int size) {
  for (int i = 0; i < size; ++i) b[at + static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xff);
}

// A minimal ELF64 little-endian file with a .modinfo section holding `modinfo`.
std::string ModuleFile(std::string_view modinfo) {
  const std::string names("\0.modinfo\0.shstrtab\0", 20);
  std::string b(64, '\0');
  b.replace(0, 6, "\x7f" "ELF\x02\x01");
  std::size_t modinfo_at = b.size();
  b.append(modinfo);
  std::size_t names_at = b.size();
  b.append(names);
  std::size_t shoff = b.size();
  b.append(3 * 64, '\0');
  PutLe(b, 0x28, shoff, 8);
  PutLe(b, 0x3a, 64, 2);
  PutLe(b, 0x3c, 3, 2);
  PutLe(b, 0x3e, 2, 2);
  auto section = [&](int i, std::uint64_t name, std::size_t at, std::size_t size) {
    std::size_t h = shoff + static_cast<std::size_t>(i) * 64;
    PutLe(b, h, name, 4);
    PutLe(b, h + 0x18, at, 8);
    PutLe(b, h + 0x20, size, 8);
  };
  section(1, 1, modinfo_at, modinfo.size());
  section(2, 10, names_at, names.size());
  return b;
}

TEST_CASE("modinfo: key=value strings of the .modinfo section", "[collect][system]") {
  using namespace std::literals;
  Modinfo info = ParseModinfo(ModuleFile(
      "license=GPL\0alias=fs-ext4\0alias=ext3\0\0vermagic=6.1.0 SMP mod_unload \0retpoline=Y\0noequals\0"sv));
  CHECK(info.Values("license") == std::vector<std::string>{"GPL"});
  CHECK(info.Values("alias") == std::vector<std::string>{"fs-ext4", "ext3"});
  CHECK(info.Values("vermagic") == std::vector<std::string>{"6.1.0 SMP mod_unload "});
  CHECK(info.Values("retpoline") == std::vector<std::string>{"Y"});
  CHECK(info.entries.size() == 5);
}

TEST_CASE("modinfo: compressed, truncated and foreign files give nothing", "[collect][system]") {
  std::string ko = ModuleFile(std::string("license=GPL\0", 12));
  CHECK(ParseModinfo(std::string("\xfd" "7zXZ\0\0", 7) + ko).entries.empty());  // .ko.xz
  CHECK(ParseModinfo(ko.substr(0, ko.size() - 10)).entries.empty());          // section headers cut
  CHECK(ParseModinfo("").entries.empty());
  std::string elf32 = ko;
  elf32[4] = 1;
  CHECK(ParseModinfo(elf32).entries.empty());
  std::string hostile = ko;
  PutLe(hostile, 0x28, ~0ull - 10, 8);  // section headers past the end, offset overflowing
  CHECK(ParseModinfo(hostile).entries.empty());
}

}  // namespace
}  // namespace iocscan::collect
