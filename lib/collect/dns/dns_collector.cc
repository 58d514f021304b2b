#include "collect/dns/dns_collector.h"

#include <string>

#include "collect/dns/dns_record.h"
#include "collect/dns/hosts_file.h"
#include "collect/record_item.h"
#include "platform/posix/root_fs.h"

namespace iocscan::collect {
namespace {

constexpr std::string_view kHostsPath = "/etc/hosts";
constexpr std::uint64_t kMaxHostsBytes = 64u << 20;  // ad-block host lists reach tens of MiB

class DnsEntryCollector final : public Collector {
 public:
  bool live_only() const override { return false; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override;
};

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
    RecordItem item = HostsEntryItem(r, kHostsPath);
    visit(item);
  }
  return stats;
}

}  // namespace

std::unique_ptr<Collector> MakeDnsEntryCollector() { return std::make_unique<DnsEntryCollector>(); }

}  // namespace iocscan::collect
