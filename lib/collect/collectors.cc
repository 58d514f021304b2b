// The table of collectors: one line per document collected on this platform (FileItem is the
// scan's own sweep and is not listed). A collector joins by adding its line here.
#include <string_view>

#include "collect/collector.h"

#if defined(__linux__)  // they read through lib/platform/linux
#include "collect/history/history_collectors.h"
#include "collect/logs/log_collectors.h"
#include "collect/network/neighbor_route_collectors.h"
#include "collect/network/port_collector.h"
#include "collect/process/process_collector.h"
#include "collect/dns/dns_collector.h"
#include "collect/service/service_collector.h"
#include "collect/system/module_collector.h"
#include "collect/system/system_info_collector.h"
#include "collect/system/volume_collector.h"
#include "collect/task/task_collector.h"
#include "collect/user/user_collectors.h"
#elif defined(_WIN32)  // they read through the Win32 API (lib/platform/windows/collect)
#include "platform/windows/collect/registry_collector.h"
#include "platform/windows/collect/dns_collector.h"
#include "platform/windows/collect/event_log_collector.h"
#include "platform/windows/collect/host_collectors.h"
#include "platform/windows/collect/neighbor_route_collector.h"
#include "platform/windows/collect/scheduled_task_collector.h"
#include "platform/windows/collect/url_history_collector.h"
#include "platform/windows/collect/volume_collector.h"
#include "platform/windows/collect/win_collectors.h"
#endif

namespace iocscan::collect {
namespace {

struct CollectorEntry {
  std::string_view document;
  std::unique_ptr<Collector> (*make)();
};

constexpr CollectorEntry kCollectors[] = {
#if defined(__linux__)
    {"ProcessItem", MakeProcessCollector},
    {"PortItem", MakePortCollector},
    {"ArpEntryItem", MakeArpCollector},
    {"RouteEntryItem", MakeRouteCollector},
    {"ServiceItem", MakeServiceCollector},
    {"TaskItem", MakeTaskCollector},
    {"UserItem", MakeUserCollector},
    {"GroupItem", MakeGroupCollector},
    {"DnsEntryItem", MakeDnsEntryCollector},
    {"SystemInfoItem", MakeSystemInfoCollector},
    {"VolumeItem", MakeVolumeCollector},
    {"ModuleItem", MakeModuleCollector},
    {"Syslog", MakeSyslogCollector},
    {"SudoLogItem", MakeSudoLogCollector},
    {"LoginHistoryItem", MakeLoginHistoryCollector},
    {"ShellHistoryItem", MakeShellHistoryCollector},
    {"UrlHistoryItem", MakeUrlHistoryCollector},
#elif defined(_WIN32)
    {"TaskItem", MakeScheduledTaskCollector},
    {"EventLogItem", MakeEventLogCollector},
    {"RegistryItem", MakeRegistryCollector},
    {"ProcessItem", MakeWinProcessCollector},
    {"PortItem", MakeWinPortCollector},
    {"ServiceItem", MakeWinServiceCollector},
    {"SystemInfoItem", MakeWinSystemInfoCollector},
    {"UserItem", MakeWinUserCollector},
    {"DnsEntryItem", MakeWinDnsEntryCollector},
    {"UrlHistoryItem", MakeWinUrlHistoryCollector},
    {"ArpEntryItem", MakeWinArpCollector},
    {"RouteEntryItem", MakeWinRouteCollector},
    {"VolumeItem", MakeWinVolumeCollector},
#else
    {"", nullptr},  // placeholder so the table is never empty
#endif
};

}  // namespace

std::unique_ptr<Collector> MakeCollector(std::string_view document) {
  for (const CollectorEntry& e : kCollectors) {
    if (e.make && e.document == document) return e.make();
  }
  return nullptr;
}

}  // namespace iocscan::collect
