#include "collect/dns/dns_collector.h"

#include <string>

#include "collect/dns/hosts_file.h"
#include "collect/record_item.h"
#include "platform/posix/root_fs.h"

namespace iocscan::collect {
namespace {

using report::CardValue;

constexpr std::string_view kHostsPath = "/etc/hosts";
constexpr std::uint64_t kMaxHostsBytes = 64u << 20;  // ad-block host lists reach tens of MiB

class DnsEntryCollector final : public Collector {
 public:
  bool live_only() const override { return false; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override;
};

void Emit(const HostsRecord& r, const ItemVisitor& visit) {
  const char* type = r.ipv6 ? "AAAA" : "A";
  const char* data = r.ipv6 ? "IPv6Address" : "IPv4Address";
  RecordItem item;
  item.Add("DnsEntryItem/Host", RecordItem::Text(r.name))
      .Add("DnsEntryItem/RecordName", RecordItem::Text(r.name))
      .Add("DnsEntryItem/RecordType", RecordItem::Text(type))
      .Add(std::string("DnsEntryItem/RecordData/") + data, RecordItem::Text(r.address))
      .Add("DnsEntryItem/DataLength", RecordItem::Int(r.ipv6 ? 16 : 4));
  item.Show("Host", CardValue::Text(r.name))
      .Show("RecordType", CardValue::Text(type))
      .Show(data, CardValue::Text(r.zone.empty() ? r.address : r.address + "%" + r.zone))
      .Show("source", CardValue::Text(std::string(kHostsPath) + ":" + std::to_string(r.line)));
  visit(item);
}

CollectorStats DnsEntryCollector::Collect(const CollectorEnv& env, const ItemVisitor& visit) {
  CollectorStats stats;
  Result<platform::RootFs> fs = platform::RootFs::Open(env.root);
  Result<std::optional<std::string>> text =
      fs.ok() ? fs->ReadFile(kHostsPath, kMaxHostsBytes) : Result<std::optional<std::string>>(fs.error());
  if (!text.ok()) {
    stats.warnings.push_back({text.error().source, "DnsEntryItem: " + text.error().message});
    ++stats.errors;
    return stats;
  }
  if (!text.value()) return stats;  // no hosts file: no entries
  for (const HostsRecord& r : ParseHostsFile(*text.value())) {
    if (env.Stopped()) break;
    ++stats.items;
    Emit(r, visit);
  }
  return stats;
}

}  // namespace

std::unique_ptr<Collector> MakeDnsEntryCollector() { return std::make_unique<DnsEntryCollector>(); }

}  // namespace iocscan::collect
