#include "collect/system/proc_modules.h"

#include <charconv>

#include "collect/text_lines.h"

namespace iocscan::collect {
namespace {

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    std::size_t at = s.find(sep);
    if (at != 0) out.push_back(s.substr(0, at));
    if (at == std::string_view::npos) break;
    s.remove_prefix(at + 1);
  }
  return out;
}

std::optional<std::uint64_t> ParseHex(std::string_view text) {
  if (text.substr(0, 2) != "0x") return std::nullopt;
  text.remove_prefix(2);
  std::uint64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v, 16);
  if (ec != std::errc() || end != text.data() + text.size() || v == 0) return std::nullopt;
  return v;
}

}  // namespace

std::vector<LoadedModule> ParseProcModules(std::string_view text) {
  std::vector<LoadedModule> out;
  ForEachLine(text, [&](std::string_view line) {
    std::vector<std::string_view> f = Split(line, ' ');
    if (f.size() < 6) return;
    LoadedModule m;
    auto [end, ec] = std::from_chars(f[1].data(), f[1].data() + f[1].size(), m.size);
    if (ec != std::errc() || end != f[1].data() + f[1].size()) return;
    m.name = std::string(f[0]);
    m.ref_count = std::string(f[2]);
    if (f[3] != "-") {
      for (std::string_view user : Split(f[3], ',')) m.used_by.emplace_back(user);
    }
    m.state = std::string(f[4]);
    m.address = std::string(f[5]);
    m.address_value = ParseHex(f[5]);
    if (f.size() > 6 && f[6].size() >= 2 && f[6].front() == '(' && f[6].back() == ')') {
      m.taint = std::string(f[6].substr(1, f[6].size() - 2));
    }
    out.push_back(std::move(m));
  });
  return out;
}

std::string NormalizeModuleName(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c == '-') c = '_';
  }
  return out;
}

std::string ModuleNameOfPath(std::string_view path) {
  std::string_view base = path.substr(path.rfind('/') + 1);  // npos + 1 == 0
  return NormalizeModuleName(base.substr(0, base.find(".ko")));
}

ModuleFiles ParseModulesDep(std::string_view text) {
  ModuleFiles out;
  ForEachLine(text, [&](std::string_view line) {
    std::size_t colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos) return;
    ModuleFile file{std::string(line.substr(0, colon)), {}};
    std::string_view rest = line.substr(colon + 1);
    for (std::string_view dep : Split(rest, ' ')) {
      if (dep.back() == '\r' || dep.back() == '\t') dep.remove_suffix(1);
      if (!dep.empty()) file.depends.push_back(ModuleNameOfPath(dep));
    }
    out.try_emplace(ModuleNameOfPath(file.path), std::move(file));
  });
  return out;
}

}  // namespace iocscan::collect
