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
  // The modules loaded here: the image itself and kernel32.dll at least.
  REQUIRE(Has(me, "ProcessItem/SectionList/MemorySection/Name"));
  bool image = false, kernel32 = false;
  for (const compile::Scalar& m : me.at("ProcessItem/SectionList/MemorySection/Name")) {
    image |= Lower(m.text) == Lower(path);
    kernel32 |= Lower(m.text).ends_with("\\kernel32.dll");
  }
  CHECK(image);
  CHECK(kernel32);

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

TEST_CASE("windows ProcessItem: the handles the test holds, a named mutex and a file", "[windows][collect]") {
  const std::string mutex_name = "iocscan-test-mutex-" + std::to_string(::GetCurrentProcessId());
  HANDLE mutex = ::CreateMutexW(nullptr, FALSE, std::wstring(mutex_name.begin(), mutex_name.end()).c_str());
  REQUIRE(mutex);
  wchar_t windows[MAX_PATH];
  UINT n = ::GetWindowsDirectoryW(windows, MAX_PATH);
  std::wstring ini = std::wstring(windows, n) + L"\\win.ini";
  HANDLE file = ::CreateFileW(ini.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr, OPEN_EXISTING,
                              0, nullptr);
  const std::int64_t self = ::GetCurrentProcessId();
  std::vector<Fields> me = CollectWhere("ProcessItem", [&](const Fields& f) { return Int(f, "ProcessItem/pid") == self; });
  ::CloseHandle(mutex);
  if (file != INVALID_HANDLE_VALUE) ::CloseHandle(file);
  REQUIRE(me.size() == 1);
  REQUIRE(Has(me[0], "ProcessItem/HandleList/Handle/Type"));
  std::vector<std::string> types, names;
  for (const compile::Scalar& t : me[0].at("ProcessItem/HandleList/Handle/Type")) types.push_back(t.text);
  for (const compile::Scalar& v : me[0].at("ProcessItem/HandleList/Handle/Name")) names.push_back(Lower(v.text));
  auto has = [](const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  CHECK(has(types, "Mutant"));
  CHECK(has(types, "File"));
  CHECK(has(names, mutex_name));  // the bare name, as IOCs write mutexes
  bool full = false, win_ini = false;
  for (const std::string& name : names) {
    full |= name.ends_with("\\basenamedobjects\\" + mutex_name);
    win_ini |= name == Lower(std::string(ini.begin(), ini.end()));
  }
  CHECK(full);
  CHECK(win_ini);  // the Win32 path of the open file
}

// A TCP socket listening on 127.0.0.1 at a port the OS picks.
class LoopbackListener {
 public:
  LoopbackListener() {
    WSADATA wsa;
    if (::WSAStartup(MAKEWORD(2, 2), &wsa) != 0) return;
    started_ = true;
    socket_ = ::socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int len = sizeof addr;
    if (socket_ == INVALID_SOCKET || ::bind(socket_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(socket_, 1) != 0 || ::getsockname(socket_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      return;
    }
    port_ = ntohs(addr.sin_port);
  }
  ~LoopbackListener() { Close(); }
  bool ok() const { return port_ != 0; }
  int port() const { return port_; }
  void Close() {
    if (socket_ != INVALID_SOCKET) ::closesocket(socket_);
    socket_ = INVALID_SOCKET;
    if (started_) ::WSACleanup();
    started_ = false;
  }

 private:
  bool started_ = false;
  SOCKET socket_ = INVALID_SOCKET;
  int port_ = 0;
};

TEST_CASE("windows PortItem: a TCP listener the test opens on 127.0.0.1", "[windows][collect]") {
  LoopbackListener listener;
  REQUIRE(listener.ok());
  const int port = listener.port();

  std::vector<Fields> seen = CollectWhere("PortItem", [&](const Fields& f) {
    return Int(f, "PortItem/localPort") == port && Text(f, "PortItem/protocol") == "TCP";
  });
  listener.Close();
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

TEST_CASE("windows ProcessItem: the PortList of the test holds its listener", "[windows][collect]") {
  LoopbackListener listener;
  REQUIRE(listener.ok());
  const std::int64_t port = listener.port();
  const std::int64_t self = ::GetCurrentProcessId();
  std::vector<Fields> ports = CollectWhere("PortItem", [&](const Fields& f) { return Int(f, "PortItem/localPort") == port; });
  std::vector<Fields> me = CollectWhere("ProcessItem", [&](const Fields& f) { return Int(f, "ProcessItem/pid") == self; });
  listener.Close();
  REQUIRE(me.size() == 1);
  REQUIRE(ports.size() == 1);
  if (!Has(ports[0], "PortItem/pid")) {
    WARN("this OS's TCP table gave no owner for the listener: no PortList to check");
    CHECK_FALSE(Has(me[0], "ProcessItem/PortList/PortItem/localPort"));
    return;
  }
  REQUIRE(Has(me[0], "ProcessItem/PortList/PortItem/localPort"));
  bool listed = false;
  for (const compile::Scalar& p : me[0].at("ProcessItem/PortList/PortItem/localPort")) listed |= p.integer == port;
  CHECK(listed);
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
