// ModuleItem's /proc/modules and modules.dep parsed from literal text.
#include <catch2/catch.hpp>

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

}  // namespace
}  // namespace iocscan::collect
