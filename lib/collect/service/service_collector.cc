#include "collect/service/service_collector.h"

#include <set>
#include <string>

#include "collect/program_file.h"
#include "collect/record_item.h"
#include "collect/service/init_script.h"
#include "collect/service/unit_file.h"
#include "collect/service/unit_scopes.h"
#include "platform/linux/unit_dirs.h"
#include "platform/posix/root_fs.h"

namespace iocscan::collect {
namespace {

constexpr std::uint64_t kMaxScriptHeader = 64u << 10;  // the LSB header is at the top of a script

using report::CardValue;

class ServiceCollector final : public Collector {
 public:
  bool live_only() const override { return false; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override;

 private:
  void Units(const platform::RootFs& fs, const UnitScope& scope);
  void EmitUnit(const platform::RootFs& fs, const UnitScope& scope, const platform::UnitSource& source);
  void InitScripts(const platform::RootFs& fs);
  // The fields every service has; `program` is hashed lazily.
  void AddCommon(RecordItem& item, const platform::RootFs& fs, const std::string& program);
  void Problems(const Warnings& w, std::uint64_t errors);

  const CollectorEnv* env_ = nullptr;
  const ItemVisitor* visit_ = nullptr;
  CollectorStats stats_;
  hash::DigestMask digests_ = 0;
};

void ServiceCollector::Problems(const Warnings& w, std::uint64_t errors) {
  stats_.warnings.insert(stats_.warnings.end(), w.begin(), w.end());
  stats_.errors += errors;
}

void ServiceCollector::AddCommon(RecordItem& item, const platform::RootFs& fs, const std::string& program) {
  auto digests = std::make_shared<ProgramDigests>(fs, program, digests_);
  item.Lazy("ServiceItem/pathmd5sum", [digests] { return digests->Md5(); })
      .Lazy("ServiceItem/pathsha1sum", [digests] { return digests->Sha1(); })
      .Lazy("ServiceItem/pathsha256sum", [digests] { return digests->Sha256(); })
      .Lazy("ServiceItem/md5sum", [digests] { return digests->Md5(); })
      .Lazy("ServiceItem/sha1sum", [digests] { return digests->Sha1(); })
      .Lazy("ServiceItem/sha256sum", [digests] { return digests->Sha256(); });
}

std::string Mode(const platform::UnitSource& source, const UnitFile& unit) {
  if (source.masked) return "masked";
  if (source.enabled) return "enabled";
  if (!unit.HasSection("Install")) return "static";
  return "disabled";
}

void ServiceCollector::EmitUnit(const platform::RootFs& fs, const UnitScope& scope,
                                const platform::UnitSource& source) {
  UnitFile unit;
  ParseUnitText(source.text, &unit);
  for (const std::string& dropin : source.dropin_texts) ParseUnitText(dropin, &unit);
  std::optional<ExecLine> exec = FirstExec(unit);
  std::string program = exec ? ResolveProgram(fs, exec->path, kSystemdExecPath) : "";
  std::string mode = Mode(source, unit);
  std::optional<std::string> description = unit.Last("Unit", "Description");
  // A user manager runs its units as its user (kHome: known; kUser: every user, so none).
  std::string user = scope.kind == UnitScope::Kind::kSystem ? ServiceUser(unit, source.name)
                                                            : unit.Last("Service", "User").value_or(scope.user);

  RecordItem item;
  item.Add("ServiceItem/name", RecordItem::Text(source.name))
      .Add("ServiceItem/mode", RecordItem::Text(mode))
      .Add("ServiceItem/type", RecordItem::Text(ServiceType(unit)));
  if (description) {
    item.Add("ServiceItem/descriptiveName", RecordItem::Text(*description))
        .Add("ServiceItem/description", RecordItem::Text(*description));
  }
  if (exec) {
    item.Add("ServiceItem/path", RecordItem::Text(program));
    item.Add("ServiceItem/arguments", RecordItem::Text(exec->arguments));
    AddCommon(item, fs, program);
  }
  if (!user.empty()) item.Add("ServiceItem/startedAs", RecordItem::Text(user));
  if (fs.live() && scope.kind == UnitScope::Kind::kSystem) {
    item.Lazy("ServiceItem/status", [name = source.name]() -> compile::FieldValue {
      std::optional<bool> active = platform::SystemUnitActive(name);
      if (!active) return {};
      return {RecordItem::Text(*active ? "active" : "inactive")};
    });
  }
  item.Show("name", CardValue::Text(source.name));
  if (exec) item.Show("path", CardValue::Text(program));
  if (exec && !exec->arguments.empty()) item.Show("arguments", CardValue::Text(exec->arguments));
  item.Show("mode", CardValue::Text(mode));
  if (!user.empty()) item.Show("startedAs", CardValue::Text(user));
  item.Show("scope", CardValue::Text(scope.Label()));
  item.Show("unitFile", CardValue::Text(source.path.empty() ? source.masked_by : source.path));
  if (!source.dropin_paths.empty()) {
    std::vector<CardValue> dropins;
    for (const std::string& p : source.dropin_paths) dropins.push_back(CardValue::Text(p));
    item.Show("dropIns", std::move(dropins));
  }
  ++stats_.items;
  (*visit_)(item);
}

void ServiceCollector::Units(const platform::RootFs& fs, const UnitScope& scope) {
  platform::UnitDirs dirs(fs, scope.dirs);
  for (const std::string& name : dirs.Names(".service")) {
    if (env_->Stopped()) break;
    if (std::optional<platform::UnitSource> source = dirs.Load(name)) EmitUnit(fs, scope, *source);
  }
  Problems(dirs.warnings(), dirs.errors());
}

// Names started in a multi-user runlevel: an S link in /etc/rc2.d .. /etc/rc5.d.
std::set<std::string> StartedScripts(const platform::RootFs& fs) {
  std::set<std::string> out;
  for (char level : {'2', '3', '4', '5'}) {
    Result<std::vector<platform::RootFs::Entry>> links = fs.List(std::string("/etc/rc") + level + ".d");
    if (!links.ok()) continue;  // the scripts themselves are what matters; a missing level is normal
    for (const platform::RootFs::Entry& e : links.value()) {
      if (std::optional<std::string> name = RcLinkService(e.name)) out.insert(*name);
    }
  }
  return out;
}

void ServiceCollector::InitScripts(const platform::RootFs& fs) {
  Result<std::vector<platform::RootFs::Entry>> scripts = fs.List("/etc/init.d");
  if (!scripts.ok()) return Problems({{scripts.error().source, scripts.error().message}}, 1);
  std::set<std::string> started = StartedScripts(fs);
  for (const platform::RootFs::Entry& e : scripts.value()) {
    if (env_->Stopped()) break;
    if (e.name.empty() || e.name[0] == '.' || e.type == platform::RootFs::Type::kDir) continue;
    std::string path = "/etc/init.d/" + e.name;
    Result<std::optional<std::string>> text = fs.ReadFile(path, kMaxScriptHeader);
    if (!text.ok()) {
      Problems({{text.error().source, text.error().message}}, 1);
      continue;
    }
    if (!text.value()) continue;
    LsbHeader lsb = ParseLsbHeader(*text.value());
    std::string mode = started.count(e.name) ? "enabled" : "disabled";
    RecordItem item;
    item.Add("ServiceItem/name", RecordItem::Text(e.name))
        .Add("ServiceItem/path", RecordItem::Text(path))
        .Add("ServiceItem/mode", RecordItem::Text(mode))
        .Add("ServiceItem/type", RecordItem::Text("sysv"))
        .Add("ServiceItem/startedAs", RecordItem::Text("root"));
    if (!lsb.short_description.empty()) item.Add("ServiceItem/descriptiveName", RecordItem::Text(lsb.short_description));
    if (!lsb.description.empty()) item.Add("ServiceItem/description", RecordItem::Text(lsb.description));
    AddCommon(item, fs, path);
    if (fs.live()) {
      // systemd runs an init script as the generated unit "<name>.service".
      item.Lazy("ServiceItem/status", [name = e.name + ".service"]() -> compile::FieldValue {
        std::optional<bool> active = platform::SystemUnitActive(name);
        if (!active) return {};
        return {RecordItem::Text(*active ? "active" : "inactive")};
      });
    }
    item.Show("name", CardValue::Text(e.name)).Show("path", CardValue::Text(path)).Show("mode", CardValue::Text(mode));
    item.Show("scope", CardValue::Text("sysv"));
    ++stats_.items;
    (*visit_)(item);
  }
}

CollectorStats ServiceCollector::Collect(const CollectorEnv& env, const ItemVisitor& visit) {
  stats_ = {};
  env_ = &env;
  visit_ = &visit;
  Result<platform::RootFs> fs = platform::RootFs::Open(env.root);
  if (!fs.ok()) {
    Problems({{fs.error().source, "ServiceItem: " + fs.error().message}}, 1);
    return stats_;
  }
  digests_ = NeededDigests(env, {"ServiceItem/pathmd5sum", "ServiceItem/md5sum"},
                           {"ServiceItem/pathsha1sum", "ServiceItem/sha1sum"},
                           {"ServiceItem/pathsha256sum", "ServiceItem/sha256sum"});
  Warnings warnings;
  std::uint64_t errors = 0;
  for (const UnitScope& scope : UnitScopes(fs.value(), &warnings, &errors)) {
    if (env.Stopped()) break;
    Units(fs.value(), scope);
  }
  Problems(warnings, errors);
  if (!env.Stopped()) InitScripts(fs.value());
  return stats_;
}

}  // namespace

std::unique_ptr<Collector> MakeServiceCollector() { return std::make_unique<ServiceCollector>(); }

}  // namespace iocscan::collect
