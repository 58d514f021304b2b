// The loaded kernel modules (/proc/modules) and where their files are (modules.dep), parsed for
// ModuleItem. Pure: text in, records out.
//
// /proc/modules, one line per module (what lsmod prints):
//   nf_nat 57344 2 nft_chain_nat,xt_MASQUERADE, Live 0xffffffffc0b2c000 (E)
//   name   size refs used-by (or "-")         state address            taint flags (optional)
// The address is 0 unless the reader may see kernel pointers (kptr_restrict): it is then absent.
// modules.dep (depmod): "kernel/fs/ext4/ext4.ko.xz: kernel/lib/crc16.ko.xz kernel/fs/jbd2/jbd2.ko.xz"
// Module names treat '-' and '_' as the same (the kernel loads "nf-nat" as nf_nat).
//
//   for (const LoadedModule& m : ParseProcModules(text)) { m.name; m.size; m.used_by; }
//   ModuleFiles files = ParseModulesDep(dep_text);   // files["ext4"].path, .depends
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace iocscan::collect {

struct LoadedModule {
  std::string name;
  std::int64_t size = 0;
  std::string ref_count;             // "2", or "-" when the kernel cannot unload modules
  std::vector<std::string> used_by;  // modules that depend on it ("[permanent]" kept as written)
  std::string state;                 // "Live", "Loading", "Unloading"
  std::string address;               // "0xffffffffc0b2c000" as written
  std::optional<std::uint64_t> address_value;  // absent when hidden (0)
  std::string taint;                 // "E", "OE" (without parentheses), "" when none
};
std::vector<LoadedModule> ParseProcModules(std::string_view text);

struct ModuleFile {
  std::string path;                  // relative to /lib/modules/<release>/, as in modules.dep
  std::vector<std::string> depends;  // names of the modules it needs
};
using ModuleFiles = std::unordered_map<std::string, ModuleFile>;  // by normalized name
ModuleFiles ParseModulesDep(std::string_view text);

// "kernel/net/nf-nat.ko.zst" -> "nf_nat": the file name up to ".ko", '-' as '_'.
std::string ModuleNameOfPath(std::string_view path);
std::string NormalizeModuleName(std::string_view name);

}  // namespace iocscan::collect
