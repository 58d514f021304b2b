// DnsEntryItem on Windows (dns_collector.h): the hosts file, then the DNS client's cache. The cache
// is listed with DnsGetCacheDataTable (dnsapi.dll, exported but undocumented: looked up at run
// time, so a system without it only loses the cache) and each entry's records are read with
// DnsQuery_W(DNS_QUERY_NO_WIRE_QUERY): from the cache only, never a query on the network.
#include "platform/windows/collect/dns_collector.h"

#include <windows.h>
#include <windns.h>

#include <array>
#include <cstring>
#include <string>

#include "collect/dns/dns_record.h"
#include "collect/dns/hosts_file.h"
#include "core/ip_address.h"
#include "platform/safe_open.h"
#include "platform/windows/win_text.h"

namespace iocscan::collect {
namespace {

constexpr std::uint64_t kMaxHostsBytes = 64u << 20;  // ad-block host lists reach tens of MiB
constexpr std::size_t kMaxCacheEntries = 100'000;

// The layout DnsGetCacheDataTable returns (one node per cached name and type).
struct CacheEntry {
  CacheEntry* next;
  PWSTR name;
  WORD type;
  WORD data_length;
  DWORD flags;
};
using GetCacheDataTableFn = BOOL(WINAPI*)(CacheEntry**);

std::string HostsPath() {
  wchar_t windows[MAX_PATH];
  UINT n = ::GetSystemDirectoryW(windows, MAX_PATH);
  if (n == 0 || n >= MAX_PATH) return "C:\\Windows\\System32\\drivers\\etc\\hosts";
  return platform::win::Utf8(std::wstring_view(windows, n)) + "\\drivers\\etc\\hosts";
}

// The whole file, capped; nullopt (and a warning unless it is simply missing) when unreadable.
std::optional<std::string> ReadHosts(const std::string& path, CollectorStats& stats) {
  platform::OpenResult opened = platform::SafeOpen(platform::kCurrentDir, path.c_str(), {});
  if (!opened.ok()) {
    if (opened.failure != platform::OpenFailure::kVanished) {
      ++stats.errors;
      stats.warnings.push_back({path, "DnsEntryItem: cannot be read (" +
                                          std::string(platform::OpenFailureName(opened.failure)) + ")"});
    }
    return std::nullopt;
  }
  return opened.file.ReadUpTo(kMaxHostsBytes);
}

std::string TypeName(WORD type) {
  switch (type) {
    case DNS_TYPE_A: return "A";
    case DNS_TYPE_AAAA: return "AAAA";
    case DNS_TYPE_CNAME: return "CNAME";
    default: return std::to_string(type);
  }
}

std::string DataOf(const DNS_RECORDW& r) {
  if (r.wType == DNS_TYPE_A) {
    std::array<std::uint8_t, 4> v4{};
    std::memcpy(v4.data(), &r.Data.A.IpAddress, 4);
    return FormatIpv4(v4);
  }
  if (r.wType == DNS_TYPE_AAAA) {
    std::array<std::uint8_t, 16> v6{};
    std::memcpy(v6.data(), &r.Data.AAAA.Ip6Address, 16);
    return FormatIpv6(v6);
  }
  if (r.wType == DNS_TYPE_CNAME && r.Data.CNAME.pNameHost != nullptr) return platform::win::Utf8(r.Data.CNAME.pNameHost);
  return {};
}

// The cached records of one name and type, read from the cache only.
void VisitCached(const CacheEntry& e, const CollectorEnv& env, const ItemVisitor& visit, CollectorStats& stats) {
  PDNS_RECORD records = nullptr;
  DNS_STATUS status = ::DnsQuery_W(e.name, e.type, DNS_QUERY_NO_WIRE_QUERY | DNS_QUERY_NO_HOSTS_FILE, nullptr,
                                   &records, nullptr);
  if (status != 0 || records == nullptr) return;  // expired since the listing
  for (auto* r = reinterpret_cast<DNS_RECORDW*>(records); r != nullptr && !env.Stopped(); r = r->pNext) {
    CachedRecord c{platform::win::Utf8(r->pName != nullptr ? r->pName : e.name), TypeName(r->wType), DataOf(*r),
                   r->dwTtl};
    RecordItem item = CacheEntryItem(c);
    ++stats.items;
    visit(item);
  }
  ::DnsRecordListFree(records, DnsFreeRecordList);
}

void VisitCache(const CollectorEnv& env, const ItemVisitor& visit, CollectorStats& stats) {
  HMODULE dnsapi = ::LoadLibraryExW(L"dnsapi.dll", nullptr, LOAD_LIBRARY_SEARCH_SYSTEM32);
  auto get_table = dnsapi ? reinterpret_cast<GetCacheDataTableFn>(
                                reinterpret_cast<void*>(::GetProcAddress(dnsapi, "DnsGetCacheDataTable")))
                          : nullptr;
  CacheEntry* table = nullptr;
  if (get_table == nullptr || !get_table(&table)) {
    stats.warnings.push_back({"DnsGetCacheDataTable", "DnsEntryItem: the DNS client cache cannot be listed here "
                                                      "(error " + std::to_string(::GetLastError()) +
                                                      "): only the hosts file was read"});
    return;
  }
  std::size_t seen = 0;
  for (CacheEntry* e = table; e != nullptr && seen < kMaxCacheEntries && !env.Stopped(); e = e->next, ++seen) {
    if (e->name != nullptr) VisitCached(*e, env, visit, stats);
  }
  // The table's nodes and names come from the DNS client's allocator.
  for (CacheEntry* e = table; e != nullptr;) {
    CacheEntry* next = e->next;
    ::DnsFree(e->name, DnsFreeFlat);
    ::DnsFree(e, DnsFreeFlat);
    e = next;
  }
}

class DnsEntryCollector final : public Collector {
 public:
  bool live_only() const override { return true; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override {
    CollectorStats stats;
    const std::string hosts = HostsPath();
    if (std::optional<std::string> text = ReadHosts(hosts, stats)) {
      for (const HostsRecord& r : ParseHostsFile(*text)) {
        if (env.Stopped()) break;
        RecordItem item = HostsEntryItem(r, hosts);
        ++stats.items;
        visit(item);
      }
    }
    if (!env.Stopped()) VisitCache(env, visit, stats);
    return stats;
  }
};

}  // namespace

std::unique_ptr<Collector> MakeWinDnsEntryCollector() { return std::make_unique<DnsEntryCollector>(); }

}  // namespace iocscan::collect
