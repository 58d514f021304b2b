// UrlHistoryItem on the live Windows host: every user profile of the registry's ProfileList
// (HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList\<SID>\ProfileImagePath, so
// profiles outside C:\Users and the service accounts' are seen too), each browser's profile
// folders under it (collect/history/browser_profiles.h, WindowsBrowserLayouts), and each History
// or places.sqlite read with SafeOpen as an in-memory snapshot (collect/history/url_history.h).
// Username is the account of the profile's SID, or the profile folder's name when no authority
// names it. Folders that are reparse points are not followed.
#pragma once

#include <memory>

#include "collect/collector.h"

namespace iocscan::collect {

std::unique_ptr<Collector> MakeWinUrlHistoryCollector();

}  // namespace iocscan::collect
