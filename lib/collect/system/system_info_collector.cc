#include "collect/system/system_info_collector.h"

#include <string>

#include "collect/record_item.h"
#include "collect/system/system_files.h"
#include "platform/linux/net_interfaces.h"
#include "platform/linux/system_identity.h"
#include "platform/posix/root_fs.h"
#include "platform/users.h"

namespace iocscan::collect {
namespace {

using report::CardValue;

constexpr std::uint64_t kMaxTextBytes = 1u << 20;  // these files are a few hundred bytes

// The fields that need the interface list (a netlink query): read only when an IOC asks.
constexpr std::string_view kNetworkFields[] = {
    "SystemInfoItem/MAC",
    "SystemInfoItem/networkArray/networkInfo/adapter",
    "SystemInfoItem/networkArray/networkInfo/MAC",
    "SystemInfoItem/networkArray/networkInfo/ipArray/ipInfo/ipAddress",
    "SystemInfoItem/networkArray/networkInfo/ipArray/ipInfo/ipv6Address",
    "SystemInfoItem/networkArray/networkInfo/ipArray/ipInfo/subnetMask",
};

class SystemInfoCollector final : public Collector {
 public:
  bool live_only() const override { return false; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override;

 private:
  std::string Read(std::string_view path);
  void AddText(std::string_view field, const std::string& value, bool show = false);
  void FromFiles();
  void FromRunningSystem(const CollectorEnv& env, const std::optional<platform::KernelIdentity>& kernel);
  void Network();

  const platform::RootFs* fs_ = nullptr;
  CollectorStats stats_;
  RecordItem item_;
  std::string hostname_;
};

// A text file of the scanned system; "" when missing. Unreadable: a warning and an error.
std::string SystemInfoCollector::Read(std::string_view path) {
  Result<std::optional<std::string>> text = fs_->ReadFile(path, kMaxTextBytes);
  if (!text.ok()) {
    stats_.warnings.push_back({text.error().source, "SystemInfoItem: " + text.error().message});
    ++stats_.errors;
    return {};
  }
  return text.value().value_or("");
}

void SystemInfoCollector::AddText(std::string_view field, const std::string& value, bool show) {
  if (value.empty()) return;
  item_.Add(std::string("SystemInfoItem/") + std::string(field), RecordItem::Text(value));
  if (show) item_.Show(std::string(field), CardValue::Text(value));
}

void SystemInfoCollector::FromFiles() {
  OsRelease os = ParseOsRelease(Read("/etc/os-release"));
  if (os.values.empty()) os = ParseOsRelease(Read("/usr/lib/os-release"));
  std::string pretty = os.Get("PRETTY_NAME");
  if (pretty.empty()) pretty = os.Get("NAME") + (os.Get("VERSION").empty() ? "" : " " + os.Get("VERSION"));
  AddText("OS", pretty, true);
  AddText("productName", os.Get("NAME"));
  AddText("buildNumber", os.Get("VERSION_ID"));

  std::string domain = ResolvConfDomain(Read("/etc/resolv.conf"));
  AddText("domain", domain.empty() ? DomainOfHostname(hostname_) : domain);

  std::string zone = ZoneFromTimezoneFile(Read("/etc/timezone"));
  if (zone.empty()) zone = ZoneFromLocaltimeLink(fs_->ReadLink("/etc/localtime").value_or(""));
  AddText("timezone", zone);
}

void SystemInfoCollector::FromRunningSystem(const CollectorEnv& env, const std::optional<platform::KernelIdentity>& kernel) {
  if (kernel) {
    AddText("kernelVersion", kernel->release, true);
    AddText("machine", kernel->machine, true);
  }
  if (std::optional<std::int64_t> up = platform::UptimeSeconds()) AddText("uptime", FormatUptime(*up));
  AddText("user", platform::UserDb::Load(env.root).UserName(platform::EffectiveUid()));
  for (std::string_view field : kNetworkFields) {
    if (env.Needs(field)) {
      Network();
      return;
    }
  }
}

void SystemInfoCollector::Network() {
  Result<std::vector<platform::NetInterface>> list = platform::ListNetInterfaces();
  if (!list.ok()) {
    stats_.warnings.push_back({list.error().source, "SystemInfoItem: interfaces not read: " + list.error().message});
    ++stats_.errors;
    return;
  }
  constexpr std::string_view kInfo = "SystemInfoItem/networkArray/networkInfo/";
  std::string primary_mac;
  for (const platform::NetInterface& i : list.value()) {
    item_.Add(std::string(kInfo) + "adapter", RecordItem::Text(i.name));
    if (!i.mac.empty()) item_.Add(std::string(kInfo) + "MAC", RecordItem::Text(i.mac));
    for (std::size_t k = 0; k < i.ipv4.size(); ++k) {
      item_.Add(std::string(kInfo) + "ipArray/ipInfo/ipAddress", RecordItem::Text(i.ipv4[k]));
      if (!i.ipv4_masks[k].empty()) {
        item_.Add(std::string(kInfo) + "ipArray/ipInfo/subnetMask", RecordItem::Text(i.ipv4_masks[k]));
      }
      if (primary_mac.empty() && i.ipv4[k].rfind("127.", 0) != 0) primary_mac = i.mac;
    }
    for (const std::string& a : i.ipv6) item_.Add(std::string(kInfo) + "ipArray/ipInfo/ipv6Address", RecordItem::Text(a));
  }
  AddText("MAC", primary_mac);
}

CollectorStats SystemInfoCollector::Collect(const CollectorEnv& env, const ItemVisitor& visit) {
  stats_ = {};
  item_ = RecordItem();
  Result<platform::RootFs> fs = platform::RootFs::Open(env.root);
  if (!fs.ok()) {
    stats_.warnings.push_back({fs.error().source, "SystemInfoItem: " + fs.error().message});
    ++stats_.errors;
    return stats_;
  }
  fs_ = &fs.value();
  std::optional<platform::KernelIdentity> kernel = env.root.empty() ? platform::RunningKernel() : std::nullopt;
  hostname_ = kernel ? kernel->nodename : HostnameFromFile(Read("/etc/hostname"));
  AddText("hostname", hostname_, true);
  FromFiles();
  if (env.root.empty()) FromRunningSystem(env, kernel);
  ++stats_.items;
  visit(item_);
  return stats_;
}

}  // namespace

std::unique_ptr<Collector> MakeSystemInfoCollector() { return std::make_unique<SystemInfoCollector>(); }

}  // namespace iocscan::collect
