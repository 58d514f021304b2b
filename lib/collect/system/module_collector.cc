#include "collect/system/module_collector.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "collect/program_file.h"
#include "collect/record_item.h"
#include "collect/system/modinfo.h"
#include "collect/system/proc_modules.h"
#include "platform/linux/pseudo_file.h"
#include "platform/linux/system_identity.h"
#include "platform/posix/root_fs.h"

namespace iocscan::collect {
namespace {

using report::CardValue;

constexpr std::uint64_t kMaxDepBytes = 64u << 20;
constexpr std::uint64_t kMaxModuleBytes = 64u << 20;  // the largest modules (GPU drivers) are ~40 MiB

// The modinfo fields: search path -> modinfo key.
constexpr std::pair<std::string_view, std::string_view> kModinfoFields[] = {
    {"ModuleItem/License", "license"},
    {"ModuleItem/Vermagic", "vermagic"},
    {"ModuleItem/Retpoline", "retpoline"},
    {"ModuleItem/AliasList/Alias/Name", "alias"},
};

// The .modinfo of one module file, read on the first request of any of its fields.
class LazyModinfo {
 public:
  LazyModinfo(const platform::RootFs& fs, std::string path) : fs_(fs), path_(std::move(path)) {}
  compile::FieldValue Field(std::string_view key) {
    if (!info_) {
      Result<std::optional<std::string>> bytes = fs_.ReadFile(path_, kMaxModuleBytes);
      info_ = bytes.ok() && bytes.value() ? ParseModinfo(*bytes.value()) : Modinfo{};
    }
    compile::FieldValue out;
    for (std::string& v : info_->Values(key)) out.push_back(RecordItem::Text(std::move(v)));
    return out;
  }

 private:
  const platform::RootFs& fs_;
  std::string path_;
  std::optional<Modinfo> info_;
};

class ModuleCollector final : public Collector {
 public:
  bool live_only() const override { return true; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override;

 private:
  void LoadFiles(const CollectorEnv& env);
  void AddFile(RecordItem& item, const LoadedModule& m);

  CollectorStats stats_;
  std::optional<platform::RootFs> fs_;
  std::string module_dir_;  // /lib/modules/<release>
  ModuleFiles files_;
  hash::DigestMask digests_ = 0;
  bool modinfo_needed_ = false;
};

// modules.dep of the running kernel, read only when some IOC asks for a file field.
void ModuleCollector::LoadFiles(const CollectorEnv& env) {
  digests_ = NeededDigests(env, {"ModuleItem/Md5sum"}, {"ModuleItem/Sha1sum"}, {"ModuleItem/Sha256sum"});
  for (const auto& [search, key] : kModinfoFields) modinfo_needed_ = modinfo_needed_ || env.Needs(search);
  if (!digests_ && !modinfo_needed_ && !env.Needs("ModuleItem/Filename") && !env.Needs("ModuleItem/ModulePath") &&
      !env.Needs("ModuleItem/DependsList/Depends/Module")) {
    return;
  }
  std::optional<platform::KernelIdentity> kernel = platform::RunningKernel();
  Result<platform::RootFs> fs = platform::RootFs::Open("");
  if (!kernel || !fs.ok()) return;
  fs_ = std::move(fs).value();
  module_dir_ = "/lib/modules/" + kernel->release;
  Result<std::optional<std::string>> dep = fs_->ReadFile(module_dir_ + "/modules.dep", kMaxDepBytes);
  if (!dep.ok()) {
    stats_.warnings.push_back({dep.error().source, "ModuleItem: " + dep.error().message});
    ++stats_.errors;
  } else if (dep.value()) {
    files_ = ParseModulesDep(*dep.value());
  }
}

void ModuleCollector::AddFile(RecordItem& item, const LoadedModule& m) {
  auto it = files_.find(NormalizeModuleName(m.name));
  if (it == files_.end()) return;
  std::string path = module_dir_ + "/" + it->second.path;
  item.Add("ModuleItem/Filename", RecordItem::Text(path)).Add("ModuleItem/ModulePath", RecordItem::Text(path));
  for (const std::string& dep : it->second.depends) item.Add("ModuleItem/DependsList/Depends/Module", RecordItem::Text(dep));
  if (digests_) {
    auto d = std::make_shared<ProgramDigests>(*fs_, path, digests_);
    item.Lazy("ModuleItem/Md5sum", [d] { return d->Md5(); })
        .Lazy("ModuleItem/Sha1sum", [d] { return d->Sha1(); })
        .Lazy("ModuleItem/Sha256sum", [d] { return d->Sha256(); });
  }
  if (modinfo_needed_) {
    auto info = std::make_shared<LazyModinfo>(*fs_, path);
    for (const auto& [search, key] : kModinfoFields) {
      item.Lazy(search, [info, key = key] { return info->Field(key); });
    }
  }
  item.Show("Filename", CardValue::Text(path));
}

compile::FieldValue SysModuleParameters(const std::string& name) {
  compile::FieldValue out;
  for (const std::string& p : platform::ListPseudoDir("/sys/module/" + name + "/parameters")) {
    out.push_back(RecordItem::Text(p));
  }
  return out;
}

CollectorStats ModuleCollector::Collect(const CollectorEnv& env, const ItemVisitor& visit) {
  stats_ = {};
  modinfo_needed_ = false;
  Result<std::optional<std::string>> text = platform::ReadPseudoFile("/proc/modules");
  if (!text.ok() || !text.value()) {
    // No /proc/modules: a kernel without loadable modules (or a sandbox that hides them).
    stats_.warnings.push_back({"/proc/modules", text.ok() ? "ModuleItem: does not exist on this system"
                                                          : "ModuleItem: " + text.error().message});
    stats_.errors += text.ok() ? 0 : 1;
    return stats_;
  }
  LoadFiles(env);
  for (const LoadedModule& m : ParseProcModules(*text.value())) {
    if (env.Stopped()) break;
    RecordItem item;
    item.Add("ModuleItem/ModuleName", RecordItem::Text(m.name))
        .Add("ModuleItem/Module", RecordItem::Text(m.name))
        .Add("ModuleItem/Size", RecordItem::Int(m.size))
        .Add("ModuleItem/ModuleSize", RecordItem::Int(m.size))
        .Add("ModuleItem/Status", RecordItem::Text(m.state))
        .Add("ModuleItem/Address", RecordItem::Text(m.address))
        .Add("ModuleItem/Taint", RecordItem::Text(m.taint))
        .Add("ModuleItem/Intree", RecordItem::Text(m.taint.find('O') == std::string::npos ? "Y" : "N"));
    if (m.address_value) {
      auto address = static_cast<std::int64_t>(*m.address_value);
      item.Add("ModuleItem/ModuleAddress", RecordItem::Int(address)).Add("ModuleItem/ModuleBase", RecordItem::Int(address));
    }
    for (const std::string& user : m.used_by) item.Add("ModuleItem/UsedByList/Module", RecordItem::Text(user));
    item.Lazy("ModuleItem/SrcVersion", [name = m.name]() -> compile::FieldValue {
      std::string v = platform::ReadPseudoValue("/sys/module/" + name + "/srcversion");
      if (v.empty()) return {};
      return {RecordItem::Text(v)};
    });
    item.Lazy("ModuleItem/ParmList/Parm/Name", [name = m.name] { return SysModuleParameters(name); });
    item.Show("ModuleName", CardValue::Text(m.name)).Show("Size", CardValue::Int(m.size));
    if (!m.taint.empty()) item.Show("Taint", CardValue::Text(m.taint));
    AddFile(item, m);
    ++stats_.items;
    visit(item);
  }
  return stats_;
}

}  // namespace

std::unique_ptr<Collector> MakeModuleCollector() { return std::make_unique<ModuleCollector>(); }

}  // namespace iocscan::collect
