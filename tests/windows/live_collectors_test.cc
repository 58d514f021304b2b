// The Windows ProcessItem, PortItem and ServiceItem collectors on the real OS (Wine in CI), against
// objects the test makes: itself, a child it starts (cmd.exe /k, waiting on a pipe the test holds,
// with a unique marker in its command line), a TCP listener on 127.0.0.1, and the services Wine
// installs (PlugPlay, BITS with its ServiceDll, the winebus driver).
#include <catch2/catch.hpp>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "collect/collector.h"
#include "hash/digest.h"
#include "terms/registry.h"
#include "windows/collector_support.h"

namespace iocscan::collect {
namespace {

// cmd.exe /k with a unique marker, blocked reading a pipe the test never writes; killed at the end.
class WaitingChild {
 public:
  WaitingChild() {
    marker_ = "iocscan-marker-" + std::to_string(::GetCurrentProcessId()) + "-" + std::to_string(::GetTickCount());
    SECURITY_ATTRIBUTES inherit{sizeof inherit, nullptr, TRUE};
    if (!::CreatePipe(&read_, &write_, &inherit, 0)) return;
    ::SetHandleInformation(write_, HANDLE_FLAG_INHERIT, 0);
    STARTUPINFOW si{};
    si.cb = sizeof si;
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = read_;
    si.hStdOutput = si.hStdError = ::GetStdHandle(STD_OUTPUT_HANDLE);
    wchar_t system[MAX_PATH];
    ::GetSystemDirectoryW(system, MAX_PATH);
    exe_ = std::wstring(system) + L"\\cmd.exe";
    std::wstring line = L"cmd.exe /k rem " + std::wstring(marker_.begin(), marker_.end());
    if (::CreateProcessW(exe_.c_str(), line.data(), nullptr, nullptr, TRUE, 0, nullptr, nullptr, &si, &pi_)) {
      ::WaitForInputIdle(pi_.hProcess, 2000);
      ::Sleep(300);  // let it start reading
    }
  }
  ~WaitingChild() {
    if (pi_.hProcess) {
      ::TerminateProcess(pi_.hProcess, 0);
      ::WaitForSingleObject(pi_.hProcess, 5000);
      ::CloseHandle(pi_.hProcess);
      ::CloseHandle(pi_.hThread);
    }
    if (read_) ::CloseHandle(read_);
    if (write_) ::CloseHandle(write_);
  }
  bool ok() const { return pi_.hProcess != nullptr; }
  DWORD pid() const { return pi_.dwProcessId; }
  const std::string& marker() const { return marker_; }

 private:
  std::string marker_;
  std::wstring exe_;
  HANDLE read_ = nullptr, write_ = nullptr;
  PROCESS_INFORMATION pi_{};
};

std::string SelfPath() {
  wchar_t buffer[MAX_PATH];
  DWORD n = ::GetModuleFileNameW(nullptr, buffer, MAX_PATH);
  std::string out;
  for (DWORD i = 0; i < n; ++i) out += static_cast<char>(buffer[i] < 128 ? buffer[i] : '?');
  return out;
}

TEST_CASE("windows ProcessItem: the test itself and a child it starts", "[windows][collect]") {
  WaitingChild child;
  REQUIRE(child.ok());
  DWORD self = ::GetCurrentProcessId();
  std::vector<Fields> seen = CollectWhere("ProcessItem", [&](const Fields& f) {
    std::int64_t pid = Int(f, "ProcessItem/pid");
    return pid == self || pid == child.pid();
  });
  REQUIRE(seen.size() == 2);
  const Fields& me = Int(seen[0], "ProcessItem/pid") == self ? seen[0] : seen[1];
  const Fields& kid = &me == &seen[0] ? seen[1] : seen[0];

  std::string path = SelfPath();  // "C:\...\build-win-proc\tests\test_windows.exe" or a Z: path
  std::string folder = path.substr(3, path.rfind('\\') - 3);
  INFO("self " << path);
  CHECK(Lower(Text(me, "ProcessItem/name")) == "test_windows.exe");
  CHECK(Lower(Text(me, "ProcessItem/path")) == Lower(folder));
  CHECK(Has(me, "ProcessItem/startTime"));
  std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
  CHECK(Int(me, "ProcessItem/startTime") <= now);
  CHECK(Int(me, "ProcessItem/startTime") > now - 3600);
  CHECK(Has(me, "ProcessItem/Username"));
  CHECK(Text(me, "ProcessItem/SecurityID").rfind("S-1-", 0) == 0);
  WARN("self: Username " << Text(me, "ProcessItem/Username") << ", SecurityID " << Text(me, "ProcessItem/SecurityID")
                         << ", arguments " << Text(me, "ProcessItem/arguments"));

  CHECK(Lower(Text(kid, "ProcessItem/name")) == "cmd.exe");
  CHECK(Lower(Text(kid, "ProcessItem/path")) == "windows\\system32");
  CHECK(Int(kid, "ProcessItem/parentpid") == self);
  CHECK(Has(kid, "ProcessItem/startTime"));
  CHECK(Text(kid, "ProcessItem/Username") == Text(me, "ProcessItem/Username"));
  if (Has(kid, "ProcessItem/arguments")) {
    CHECK(Text(kid, "ProcessItem/arguments").find(child.marker()) != std::string::npos);
  } else {
    WARN("this OS gave no command line for the child");
  }
  // The image's digests: the same bytes as cmd.exe read directly.
  REQUIRE(Has(kid, "ProcessItem/HandleList/Handle/Sha256sum"));
  CHECK(Text(kid, "ProcessItem/HandleList/Handle/Sha256sum").size() == 64);
  CHECK(Text(kid, "ProcessItem/HandleList/Handle/Md5sum").size() == 32);
}

TEST_CASE("windows PortItem: a TCP listener the test opens on 127.0.0.1", "[windows][collect]") {
  WSADATA wsa;
  REQUIRE(::WSAStartup(MAKEWORD(2, 2), &wsa) == 0);
  SOCKET s = ::socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  REQUIRE(s != INVALID_SOCKET);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(::listen(s, 1) == 0);
  int len = sizeof addr;
  REQUIRE(::getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  int port = ntohs(addr.sin_port);

  std::vector<Fields> seen = CollectWhere("PortItem", [&](const Fields& f) {
    return Int(f, "PortItem/localPort") == port && Text(f, "PortItem/protocol") == "TCP";
  });
  ::closesocket(s);
  ::WSACleanup();
  INFO("port " << port);
  REQUIRE(seen.size() == 1);
  const Fields& f = seen[0];
  CHECK(Text(f, "PortItem/localIP") == "127.0.0.1");
  CHECK(Text(f, "PortItem/state") == "LISTEN");
  CHECK(Text(f, "PortItem/remoteIP") == "0.0.0.0");
  CHECK(Int(f, "PortItem/remotePort") == 0);
  CHECK(Int(f, "PortItem/isIPv6") == 0);
  if (!Has(f, "PortItem/pid")) {
    // Wine 8's tables carry no owning pid (dwOwningPid 0): nothing to name.
    WARN("this OS's TCP table gave no owner for the listener");
    CHECK_FALSE(Has(f, "PortItem/process"));
    return;
  }
  CHECK(Int(f, "PortItem/pid") == ::GetCurrentProcessId());
  CHECK(Lower(Text(f, "PortItem/process")) == "test_windows.exe");
  CHECK(Lower(Text(f, "PortItem/path")) == Lower(SelfPath()));
}

TEST_CASE("windows ServiceItem: the services Wine installs", "[windows][collect]") {
  std::vector<Fields> seen = CollectWhere("ServiceItem", [](const Fields& f) {
    std::string name = Text(f, "ServiceItem/name");
    return name == "PlugPlay" || name == "BITS" || name == "winebus";
  });
  std::map<std::string, Fields> by_name;
  for (Fields& f : seen) by_name[Text(f, "ServiceItem/name")] = f;
  REQUIRE(by_name.count("PlugPlay"));
  REQUIRE(by_name.count("BITS"));
  REQUIRE(by_name.count("winebus"));

  const Fields& pnp = by_name["PlugPlay"];
  CHECK(Lower(Text(pnp, "ServiceItem/path")) == "c:\\windows\\system32\\plugplay.exe");
  CHECK(Text(pnp, "ServiceItem/arguments").empty());
  CHECK(Text(pnp, "ServiceItem/descriptiveName") == "Plug and Play Service");
  CHECK(Text(pnp, "ServiceItem/mode") == "SERVICE_AUTO_START");
  CHECK(Text(pnp, "ServiceItem/type") == "SERVICE_WIN32_SHARE_PROCESS");
  CHECK(Text(pnp, "ServiceItem/startedAs") == "LocalSystem");
  CHECK(Text(pnp, "ServiceItem/pathsha256sum").size() == 64);
  CHECK(Text(pnp, "ServiceItem/pathsha256sum") == Text(pnp, "ServiceItem/sha256sum"));
  WARN("PlugPlay: status " << Text(pnp, "ServiceItem/status") << ", pid " << Int(pnp, "ServiceItem/pid")
                           << ", description " << Text(pnp, "ServiceItem/description"));
  if (Text(pnp, "ServiceItem/status") == "SERVICE_RUNNING") CHECK(Int(pnp, "ServiceItem/pid") > 0);

  const Fields& bits = by_name["BITS"];
  CHECK(Lower(Text(bits, "ServiceItem/path")) == "c:\\windows\\system32\\svchost.exe");
  CHECK(Text(bits, "ServiceItem/arguments") == "-k netsvcs");
  CHECK(Lower(Text(bits, "ServiceItem/serviceDLL")) == "c:\\windows\\system32\\qmgr.dll");
  CHECK(Text(bits, "ServiceItem/serviceDLLmd5sum").size() == 32);
  CHECK(Text(bits, "ServiceItem/serviceDLLmd5sum") != Text(bits, "ServiceItem/pathmd5sum"));
  CHECK(Text(bits, "ServiceItem/mode") == "SERVICE_DEMAND_START");

  const Fields& bus = by_name["winebus"];
  CHECK(Lower(Text(bus, "ServiceItem/path")) == "c:\\windows\\system32\\drivers\\winebus.sys");
  CHECK(Text(bus, "ServiceItem/type") == "SERVICE_KERNEL_DRIVER");
}

}  // namespace
}  // namespace iocscan::collect
