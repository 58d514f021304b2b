// SystemInfoItem and UserItem of the live Windows host (collect/collectors.cc lists them under
// _WIN32):
//   SystemInfoItem  one item: GetComputerNameExW (host, domain), the CurrentVersion registry key
//                   (product, display version, build, install date), GetNativeSystemInfo,
//                   GetTickCount64, GetUserNameW, the time zone key name, and GetAdaptersAddresses
//                   only when an IOC asks for a network field
//   UserItem        one item per local account: NetUserEnum level 3 (name, full name, home folder,
//                   disabled flag, last logon, RID as userid), NetUserGetLocalGroups, the account's
//                   SID (LookupAccountNameW)
// Values are written as collect/windows/system_fields.h says.
#pragma once

#include <memory>

#include "collect/collector.h"

namespace iocscan::collect {

std::unique_ptr<Collector> MakeWinSystemInfoCollector();
std::unique_ptr<Collector> MakeWinUserCollector();

}  // namespace iocscan::collect
