// The Windows SystemInfoItem and UserItem collectors on the real OS (Wine in CI), against what the
// test reads itself through other calls: the computer name, the loopback address, the user.
#include <catch2/catch.hpp>

#include <windows.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "windows/collector_support.h"

namespace iocscan::collect {
namespace {

std::string Utf8Of(const wchar_t* w) {
  int n = ::WideCharToMultiByte(CP_UTF8, 0, w, -1, nullptr, 0, nullptr, nullptr);
  std::string out(static_cast<std::size_t>(n > 0 ? n - 1 : 0), '\0');
  ::WideCharToMultiByte(CP_UTF8, 0, w, -1, out.data(), n, nullptr, nullptr);
  return out;
}

TEST_CASE("windows SystemInfoItem: one item with the host's own facts", "[windows][collect]") {
  std::vector<Fields> items = CollectWhere("SystemInfoItem", [](const Fields&) { return true; });
  REQUIRE(items.size() == 1);
  const Fields& f = items[0];
  wchar_t name[256];
  DWORD size = 256;
  REQUIRE(::GetComputerNameExW(ComputerNameDnsHostname, name, &size));
  CHECK(Text(f, "SystemInfoItem/hostname") == Utf8Of(name));
  CHECK(Text(f, "SystemInfoItem/machine") == "x86_64");
  CHECK(Text(f, "SystemInfoItem/OS").find("Windows") != std::string::npos);
  CHECK(Has(f, "SystemInfoItem/uptime"));
  wchar_t user[257];
  DWORD user_size = 257;
  REQUIRE(::GetUserNameW(user, &user_size));
  CHECK(Text(f, "SystemInfoItem/user") == Utf8Of(user));
  // Network fields were asked for: the loopback adapter is listed with its address and mask.
  const compile::FieldValue& ips = f.at("SystemInfoItem/networkArray/networkInfo/ipArray/ipInfo/ipAddress");
  CHECK(std::any_of(ips.begin(), ips.end(), [](const compile::Scalar& s) { return s.text == "127.0.0.1"; }));
  CHECK(Has(f, "SystemInfoItem/networkArray/networkInfo/adapter"));
  CHECK(Has(f, "SystemInfoItem/networkArray/networkInfo/ipArray/ipInfo/subnetMask"));
}

TEST_CASE("windows UserItem: the account running the test is listed", "[windows][collect]") {
  wchar_t user[257];
  DWORD user_size = 257;
  REQUIRE(::GetUserNameW(user, &user_size));
  const std::string me = Lower(Utf8Of(user));
  std::vector<Fields> mine =
      CollectWhere("UserItem", [&](const Fields& f) { return Lower(Text(f, "UserItem/Username")) == me; });
  REQUIRE(mine.size() == 1);
  // Wine's NetUserEnum has no level 3: flags, RID and last logon are there only on Windows.
  if (Has(mine[0], "UserItem/userid")) CHECK(Int(mine[0], "UserItem/userid") > 0);
}

TEST_CASE("windows DnsEntryItem: a line the test adds to the hosts file, then the cache", "[windows][collect]") {
  wchar_t system[MAX_PATH];
  UINT n = ::GetSystemDirectoryW(system, MAX_PATH);
  const std::filesystem::path hosts = std::filesystem::path(std::wstring(system, n)) / "drivers" / "etc" / "hosts";
  std::string original;
  {
    std::ifstream in(hosts, std::ios::binary);
    original.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const std::string name = "iocscan-test-" + std::to_string(::GetCurrentProcessId()) + ".example";
  std::filesystem::create_directories(hosts.parent_path());
  std::ofstream(hosts, std::ios::binary | std::ios::app) << "\r\n203.0.113.77 " << name << "  # planted by a test\r\n";
  CollectorStats stats;
  std::vector<Fields> mine =
      CollectWhere("DnsEntryItem", [&](const Fields& f) { return Text(f, "DnsEntryItem/Host") == name; }, &stats);
  std::ofstream(hosts, std::ios::binary | std::ios::trunc) << original;
  REQUIRE(mine.size() == 1);
  CHECK(Text(mine[0], "DnsEntryItem/RecordType") == "A");
  CHECK(Text(mine[0], "DnsEntryItem/RecordData/IPv4Address") == "203.0.113.77");
  CHECK(Int(mine[0], "DnsEntryItem/DataLength") == 4);
  // The cache is listed, or one warning says why not (Wine has no DNS client cache).
  CHECK(stats.warnings.size() <= 1);
}

}  // namespace
}  // namespace iocscan::collect
