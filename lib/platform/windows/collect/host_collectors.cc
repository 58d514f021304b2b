#include "platform/windows/collect/host_collectors.h"

#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <lm.h>
#include <sddl.h>
#include <windows.h>

#include <array>
#include <optional>
#include <cstring>
#include <string>
#include <vector>

#include "collect/network/net_entries.h"
#include "collect/record_item.h"
#include "collect/system/system_files.h"
#include "collect/windows/system_fields.h"
#include "core/ip_address.h"
#include "platform/windows/win_text.h"

namespace iocscan::collect {
namespace {

using report::CardValue;
using platform::win::Utf8;

constexpr wchar_t kCurrentVersion[] = L"SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";
constexpr std::string_view kSystem = "SystemInfoItem/";
constexpr std::string_view kInfo = "SystemInfoItem/networkArray/networkInfo/";

std::string RegistryText(const wchar_t* key, const wchar_t* value) {
  wchar_t buffer[512];
  DWORD bytes = sizeof buffer;
  if (::RegGetValueW(HKEY_LOCAL_MACHINE, key, value, RRF_RT_REG_SZ, nullptr, buffer, &bytes) != ERROR_SUCCESS) {
    return {};
  }
  return Utf8(buffer);
}

std::optional<DWORD> RegistryDword(const wchar_t* key, const wchar_t* value) {
  DWORD data = 0;
  DWORD bytes = sizeof data;
  if (::RegGetValueW(HKEY_LOCAL_MACHINE, key, value, RRF_RT_REG_DWORD, nullptr, &data, &bytes) != ERROR_SUCCESS) {
    return std::nullopt;
  }
  return data;
}

std::string ComputerName(COMPUTER_NAME_FORMAT format) {
  wchar_t name[256];
  DWORD size = 256;
  return ::GetComputerNameExW(format, name, &size) ? Utf8(std::wstring_view(name, size)) : std::string();
}

std::string MachineName() {
  SYSTEM_INFO info{};
  ::GetNativeSystemInfo(&info);
  switch (info.wProcessorArchitecture) {
    case PROCESSOR_ARCHITECTURE_AMD64: return "x86_64";
    case PROCESSOR_ARCHITECTURE_ARM64: return "aarch64";
    case PROCESSOR_ARCHITECTURE_INTEL: return "i686";
    default: return {};
  }
}

class SystemInfoCollector final : public Collector {
 public:
  bool live_only() const override { return true; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override {
    CollectorStats stats;
    RecordItem item;
    auto text = [&item](std::string_view field, const std::string& value, bool show = false) {
      if (value.empty()) return;
      item.Add(std::string(kSystem) + std::string(field), RecordItem::Text(value));
      if (show) item.Show(std::string(field), CardValue::Text(value));
    };
    text("hostname", ComputerName(ComputerNameDnsHostname), true);
    text("domain", ComputerName(ComputerNameDnsDomain));
    std::string product = RegistryText(kCurrentVersion, L"ProductName");
    std::string build = RegistryText(kCurrentVersion, L"CurrentBuildNumber");
    text("OS", WindowsOsName(product, RegistryText(kCurrentVersion, L"DisplayVersion"), build), true);
    text("productName", product);
    text("buildNumber", build);
    text("machine", MachineName(), true);
    text("uptime", FormatUptime(static_cast<std::int64_t>(::GetTickCount64() / 1000)));
    wchar_t user[257];
    DWORD user_size = 257;
    if (::GetUserNameW(user, &user_size)) text("user", Utf8(user));
    DYNAMIC_TIME_ZONE_INFORMATION zone{};
    if (::GetDynamicTimeZoneInformation(&zone) != TIME_ZONE_ID_INVALID) text("timezone", Utf8(zone.TimeZoneKeyName));
    if (std::optional<DWORD> installed = RegistryDword(kCurrentVersion, L"InstallDate")) {
      item.Add("SystemInfoItem/installDate", RecordItem::Date(*installed));
    }
    if (NeedsNetwork(env)) Network(item, stats);
    ++stats.items;
    visit(item);
    return stats;
  }

 private:
  static bool NeedsNetwork(const CollectorEnv& env) {
    for (std::string_view f : {"MAC", "networkArray/networkInfo/adapter", "networkArray/networkInfo/MAC",
                               "networkArray/networkInfo/ipArray/ipInfo/ipAddress",
                               "networkArray/networkInfo/ipArray/ipInfo/ipv6Address",
                               "networkArray/networkInfo/ipArray/ipInfo/subnetMask"}) {
      if (env.Needs(std::string(kSystem) + std::string(f))) return true;
    }
    return false;
  }

  static void Network(RecordItem& item, CollectorStats& stats) {
    std::vector<unsigned char> buffer(16 * 1024);
    ULONG size = static_cast<ULONG>(buffer.size());
    ULONG flags = GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST | GAA_FLAG_SKIP_DNS_SERVER;
    ULONG error = ERROR_BUFFER_OVERFLOW;
    for (int attempt = 0; attempt < 4 && error == ERROR_BUFFER_OVERFLOW; ++attempt) {
      buffer.resize(size);
      error = ::GetAdaptersAddresses(AF_UNSPEC, flags, nullptr,
                                     reinterpret_cast<IP_ADAPTER_ADDRESSES*>(buffer.data()), &size);
    }
    if (error != NO_ERROR) {
      ++stats.errors;
      stats.warnings.push_back({"GetAdaptersAddresses", "SystemInfoItem: interfaces not read (Win32 error " +
                                                            std::to_string(error) + ")"});
      return;
    }
    std::string primary_mac;
    for (auto* a = reinterpret_cast<IP_ADAPTER_ADDRESSES*>(buffer.data()); a != nullptr; a = a->Next) {
      std::string mac = FormatMac({a->PhysicalAddress, a->PhysicalAddressLength});
      item.Add(std::string(kInfo) + "adapter", RecordItem::Text(Utf8(a->FriendlyName)));
      if (!mac.empty()) item.Add(std::string(kInfo) + "MAC", RecordItem::Text(mac));
      for (IP_ADAPTER_UNICAST_ADDRESS* u = a->FirstUnicastAddress; u != nullptr; u = u->Next) {
        const sockaddr* sa = u->Address.lpSockaddr;
        if (sa->sa_family == AF_INET) {
          std::array<std::uint8_t, 4> v4{};
          std::memcpy(v4.data(), &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, 4);
          item.Add(std::string(kInfo) + "ipArray/ipInfo/ipAddress", RecordItem::Text(FormatIpv4(v4)));
          item.Add(std::string(kInfo) + "ipArray/ipInfo/subnetMask",
                   RecordItem::Text(PrefixMask(false, u->OnLinkPrefixLength)));
          if (primary_mac.empty() && v4[0] != 127) primary_mac = mac;
        } else if (sa->sa_family == AF_INET6) {
          std::array<std::uint8_t, 16> v6{};
          std::memcpy(v6.data(), &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, 16);
          item.Add(std::string(kInfo) + "ipArray/ipInfo/ipv6Address", RecordItem::Text(FormatIpv6(v6)));
        }
      }
    }
    if (!primary_mac.empty()) item.Add("SystemInfoItem/MAC", RecordItem::Text(primary_mac));
  }
};

// "S-1-5-21-...-1001" for an account name; "" when it cannot be looked up.
std::string SidOfAccount(const wchar_t* name) {
  BYTE sid[SECURITY_MAX_SID_SIZE];
  DWORD sid_size = sizeof sid;
  wchar_t domain[256];
  DWORD domain_size = 256;
  SID_NAME_USE use{};
  if (!::LookupAccountNameW(nullptr, name, sid, &sid_size, domain, &domain_size, &use)) return {};
  wchar_t* text = nullptr;
  if (!::ConvertSidToStringSidW(sid, &text)) return {};
  std::string out = Utf8(text);
  ::LocalFree(text);
  return out;
}

std::vector<std::string> LocalGroupsOf(const wchar_t* name) {
  std::vector<std::string> out;
  LOCALGROUP_USERS_INFO_0* groups = nullptr;
  DWORD read = 0, total = 0;
  if (::NetUserGetLocalGroups(nullptr, name, 0, LG_INCLUDE_INDIRECT, reinterpret_cast<BYTE**>(&groups),
                              MAX_PREFERRED_LENGTH, &read, &total) == NERR_Success && groups != nullptr) {
    for (DWORD i = 0; i < read; ++i) out.push_back(Utf8(groups[i].lgrui0_name));
  }
  if (groups != nullptr) ::NetApiBufferFree(groups);
  return out;
}

// One local account, from whichever NetUserEnum level the system supports (Wine has 0 and 1).
struct Account {
  std::wstring name, full_name, home_dir, comment, script_path;
  std::optional<DWORD> flags, rid, last_logon;
};

std::wstring Text(const wchar_t* s) { return s != nullptr ? std::wstring(s) : std::wstring(); }

Account AccountOf(const BYTE* entries, DWORD level, DWORD i) {
  Account a;
  if (level == 3) {
    const USER_INFO_3& u = reinterpret_cast<const USER_INFO_3*>(entries)[i];
    a = {Text(u.usri3_name), Text(u.usri3_full_name), Text(u.usri3_home_dir), Text(u.usri3_comment),
         Text(u.usri3_script_path), u.usri3_flags, u.usri3_user_id, u.usri3_last_logon};
  } else if (level == 1) {
    const USER_INFO_1& u = reinterpret_cast<const USER_INFO_1*>(entries)[i];
    a = {Text(u.usri1_name), {}, Text(u.usri1_home_dir), Text(u.usri1_comment), Text(u.usri1_script_path),
         u.usri1_flags, std::nullopt, std::nullopt};
  } else {
    a.name = Text(reinterpret_cast<const USER_INFO_0*>(entries)[i].usri0_name);
  }
  return a;
}

class UserCollector final : public Collector {
 public:
  bool live_only() const override { return true; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override {
    CollectorStats stats;
    NET_API_STATUS status = ERROR_INVALID_LEVEL;
    for (DWORD level : {3u, 1u, 0u}) {
      status = Enumerate(level, env, visit, stats);
      if (status != ERROR_INVALID_LEVEL) break;
    }
    if (status != NERR_Success) {
      ++stats.errors;
      stats.warnings.push_back({"NetUserEnum", "UserItem: accounts not read (error " + std::to_string(status) + ")"});
    }
    return stats;
  }

 private:
  static NET_API_STATUS Enumerate(DWORD level, const CollectorEnv& env, const ItemVisitor& visit, CollectorStats& stats) {
    DWORD resume = 0;
    NET_API_STATUS status = 0;
    do {
      BYTE* entries = nullptr;
      DWORD read = 0, total = 0;
      status = ::NetUserEnum(nullptr, level, FILTER_NORMAL_ACCOUNT, &entries, MAX_PREFERRED_LENGTH, &read, &total,
                             &resume);
      if (status == NERR_Success || status == ERROR_MORE_DATA) {
        for (DWORD i = 0; i < read && !env.Stopped(); ++i) {
          RecordItem item = Item(AccountOf(entries, level, i), env);
          ++stats.items;
          visit(item);
        }
      }
      if (entries != nullptr) ::NetApiBufferFree(entries);
    } while (status == ERROR_MORE_DATA && !env.Stopped());
    return status == ERROR_MORE_DATA ? NERR_Success : status;
  }

  static void AddText(RecordItem& item, std::string_view search, const std::wstring& value) {
    if (!value.empty()) item.Add(search, RecordItem::Text(Utf8(value)));
  }

  static RecordItem Item(const Account& a, const CollectorEnv& env) {
    RecordItem item;
    std::string name = Utf8(a.name);
    item.Add("UserItem/Username", RecordItem::Text(name)).Show("Username", CardValue::Text(name));
    AddText(item, "UserItem/fullname", a.full_name);
    AddText(item, "UserItem/homedirectory", a.home_dir);
    AddText(item, "UserItem/description", a.comment);
    AddText(item, "UserItem/scriptpath", a.script_path);
    if (a.flags) {
      const bool disabled = (*a.flags & UF_ACCOUNTDISABLE) != 0;
      item.Add("UserItem/disabled", RecordItem::Bool(disabled)).Show("disabled", CardValue::Text(disabled ? "true" : "false"));
      item.Add("UserItem/lockedout", RecordItem::Bool((*a.flags & UF_LOCKOUT) != 0));
      item.Add("UserItem/passwordrequired", RecordItem::Bool((*a.flags & UF_PASSWD_NOTREQD) == 0));
    }
    if (a.rid) item.Add("UserItem/userid", RecordItem::Int(*a.rid));
    if (a.last_logon && !IsNeverLoggedOn(*a.last_logon)) {
      item.Add("UserItem/LastLogin", RecordItem::Date(*a.last_logon));
      item.Show("LastLogin", CardValue::Date(*a.last_logon));
    }
    const std::wstring wname = a.name;
    if (env.Needs("UserItem/grouplist/groupname")) {
      item.Lazy("UserItem/grouplist/groupname", [wname] {
        compile::FieldValue groups;
        for (std::string& g : LocalGroupsOf(wname.c_str())) groups.push_back(RecordItem::Text(std::move(g)));
        return groups;
      });
    }
    if (env.Needs("UserItem/SecurityID")) {
      item.Lazy("UserItem/SecurityID", [wname] {
        std::string sid = SidOfAccount(wname.c_str());
        return sid.empty() ? compile::FieldValue{} : compile::FieldValue{RecordItem::Text(sid)};
      });
    }
    return item;
  }
};

}  // namespace

std::unique_ptr<Collector> MakeWinSystemInfoCollector() { return std::make_unique<SystemInfoCollector>(); }
std::unique_ptr<Collector> MakeWinUserCollector() { return std::make_unique<UserCollector>(); }

}  // namespace iocscan::collect
