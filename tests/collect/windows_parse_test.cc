// The portable halves of the Windows collectors (collect/windows), on literal values: service
// ImagePath forms, SCM codes, MIB table rows, and the ProcessItem/PortItem/ServiceItem records
// built from them with fake platform sources (the real sources run under Wine, tests/windows).
#include <catch2/catch.hpp>

#include <map>

#include "collect/windows/port_record.h"
#include "collect/windows/process_record.h"
#include "collect/windows/service_image.h"
#include "collect/windows/service_record.h"
#include "collect/windows/socket_row.h"
#include "support/item_values.h"

namespace iocscan::collect {
namespace {

using iocscan::testing::IntsOf;
using iocscan::testing::TextsOf;

const compile::FieldValue* Field(compile::Item& item, std::string_view search) {
  auto id = terms::FindTerm(search);
  REQUIRE(id);
  return item.Get(*id);
}

std::string Text(compile::Item& item, std::string_view search) {
  const compile::FieldValue* v = Field(item, search);
  return v && v->size() == 1 ? v->at(0).text : "<absent>";
}

std::int64_t Int(compile::Item& item, std::string_view search) {
  const compile::FieldValue* v = Field(item, search);
  return v && v->size() == 1 ? v->at(0).integer : -1;
}

bool Absent(compile::Item& item, std::string_view search) {
  const compile::FieldValue* v = Field(item, search);
  return !v || v->empty();
}

std::optional<std::string> Env(std::string_view name) {
  static const std::map<std::string, std::string, std::less<>> kVars = {{"SystemRoot", "C:\\Windows"},
                                                                        {"ProgramFiles", "C:\\Program Files"}};
  auto it = kVars.find(name);
  return it == kVars.end() ? std::nullopt : std::optional(it->second);
}

TEST_CASE("windows: a service ImagePath is split into program and arguments", "[collect][windows]") {
  auto split = [](std::string_view s) {
    ServiceCommand c = SplitImagePath(s);
    return std::pair(c.program, c.arguments);
  };
  CHECK(split("\"C:\\x y\\svc.exe\" -k netsvcs") == std::pair<std::string, std::string>("C:\\x y\\svc.exe", "-k netsvcs"));
  CHECK(split("C:\\windows\\system32\\svchost.exe -k netsvcs") ==
        std::pair<std::string, std::string>("C:\\windows\\system32\\svchost.exe", "-k netsvcs"));
  CHECK(split("C:\\Program Files\\My App\\app.EXE /service  ") ==
        std::pair<std::string, std::string>("C:\\Program Files\\My App\\app.EXE", "/service"));
  CHECK(split("C:\\windows\\system32\\plugplay.exe") ==
        std::pair<std::string, std::string>("C:\\windows\\system32\\plugplay.exe", ""));
  CHECK(split("  \"C:\\a b\\c.exe\"") == std::pair<std::string, std::string>("C:\\a b\\c.exe", ""));
  CHECK(split("\"C:\\unclosed quote.exe -x") == std::pair<std::string, std::string>("C:\\unclosed quote.exe -x", ""));
  CHECK(split("C:\\tools\\run.exe.bak go") == std::pair<std::string, std::string>("C:\\tools\\run.exe.bak", "go"));
  CHECK(split("") == std::pair<std::string, std::string>("", ""));
}

TEST_CASE("windows: service paths in the forms the SCM accepts become full paths", "[collect][windows]") {
  CHECK(FullServicePath("%SystemRoot%\\System32\\qmgr.dll", Env) == "C:\\Windows\\System32\\qmgr.dll");
  CHECK(FullServicePath("%systemroot%\\x.dll", Env) == "%systemroot%\\x.dll");  // our fake env is case-sensitive
  CHECK(FullServicePath("\\SystemRoot\\System32\\drivers\\a.sys", Env) == "C:\\Windows\\System32\\drivers\\a.sys");
  CHECK(FullServicePath("\\systemroot\\a.sys", Env) == "C:\\Windows\\a.sys");
  CHECK(FullServicePath("System32\\drivers\\b.sys", Env) == "C:\\Windows\\System32\\drivers\\b.sys");
  CHECK(FullServicePath("\\??\\C:\\Drivers\\c.sys", Env) == "C:\\Drivers\\c.sys");
  CHECK(FullServicePath("C:\\windows\\system32\\svchost.exe", Env) == "C:\\windows\\system32\\svchost.exe");
  CHECK(FullServicePath("svchost.exe", Env) == "svchost.exe");
  CHECK(FullServicePath("System32\\b.sys", nullptr) == "System32\\b.sys");
  CHECK(ExpandEnvVars("%ProgramFiles%\\%Unknown%\\%SystemRoot%%", Env) == "C:\\Program Files\\%Unknown%\\C:\\Windows%");
  CHECK(ExpandEnvVars("100%", Env) == "100%");
  CHECK(ExpandEnvVars("%%SystemRoot%", Env) == "%C:\\Windows");
}

TEST_CASE("windows: SCM codes have Mandiant's names", "[collect][windows]") {
  CHECK(StartTypeName(0) == "SERVICE_BOOT_START");
  CHECK(StartTypeName(2) == "SERVICE_AUTO_START");
  CHECK(StartTypeName(4) == "SERVICE_DISABLED");
  CHECK(StartTypeName(5).empty());
  CHECK(StateName(1) == "SERVICE_STOPPED");
  CHECK(StateName(4) == "SERVICE_RUNNING");
  CHECK(StateName(0).empty());
  CHECK(StateName(8).empty());
  CHECK(ServiceTypeName(0x20) == "SERVICE_WIN32_SHARE_PROCESS");
  CHECK(ServiceTypeName(0x110) == "SERVICE_WIN32_OWN_PROCESS|SERVICE_INTERACTIVE_PROCESS");
  CHECK(ServiceTypeName(0x1) == "SERVICE_KERNEL_DRIVER");
  CHECK(ServiceTypeName(0).empty());
}

TEST_CASE("windows: MIB table rows read as the Linux collector writes sockets", "[collect][windows]") {
  CHECK(PortOfRowDword(0x5000) == 80);      // bytes 00 50 in memory: port 80
  CHECK(PortOfRowDword(0xBB01) == 443);     // 01 BB
  CHECK(PortOfRowDword(0xFFFF0035) == 13568);  // high bytes ignored: 35 00 -> 0x3500
  CHECK(MibTcpStateName(2) == "LISTEN");
  CHECK(MibTcpStateName(5) == "ESTABLISHED");
  CHECK(MibTcpStateName(11) == "TIME_WAIT");
  CHECK(MibTcpStateName(1) == "CLOSE");
  CHECK(MibTcpStateName(13).empty());

  SocketRow listen;
  listen.local = {127, 0, 0, 1};
  listen.local_port = 0x901F;  // 8080
  listen.remote_port = 0x1234;  // garbage in a listening row
  listen.state = 2;
  listen.pid = 4242;
  PortFields f = PortFieldsOf(listen);
  CHECK(f.protocol == "TCP");
  CHECK_FALSE(f.ipv6);
  CHECK(f.local_ip == "127.0.0.1");
  CHECK(f.local_port == 8080);
  CHECK(f.has_remote);
  CHECK(f.remote_ip == "0.0.0.0");
  CHECK(f.remote_port == 0);
  CHECK(f.state == "LISTEN");
  CHECK(f.pid == 4242);

  SocketRow udp6;
  udp6.tcp = false;
  udp6.ipv6 = true;
  udp6.local = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  udp6.local_port = 0x3500;  // 53
  udp6.state = 5;            // not a UDP notion: ignored
  f = PortFieldsOf(udp6);
  CHECK(f.protocol == "UDP");
  CHECK(f.ipv6);
  CHECK(f.local_ip == "fe80::1");
  CHECK(f.local_port == 53);
  CHECK_FALSE(f.has_remote);
  CHECK(f.state.empty());
}

class FakeProcesses final : public WinProcessSource, public WinProcessIndex {
 public:
  std::optional<std::string> CommandLine(const WinProcess& p) override {
    ++asked;
    return p.pid == 4242 ? std::optional<std::string>("\"C:\\Apps\\tool.exe\" --serve") : std::nullopt;
  }
  std::optional<WinAccount> Owner(const WinProcess&) override {
    ++owner_asked;
    return WinAccount{"NT AUTHORITY\\SYSTEM", "S-1-5-18"};
  }
  std::optional<hash::Digests> ImageDigests(const WinProcess&) override {
    ++digests_asked;
    return hash::Digests{"md5", "sha1", "sha256"};
  }
  std::vector<std::string> MappedFiles(const WinProcess& p) override {
    ++modules_asked;
    if (p.pid != tool.pid) return {};
    return {"C:\\Apps\\tool.exe", "C:\\Windows\\System32\\ntdll.dll", "C:\\Apps\\evil.dll"};
  }
  std::vector<PortFields> Ports(const WinProcess& p) override {
    ++ports_asked;
    if (p.pid != tool.pid) return {};
    SocketRow listen;
    listen.local = {127, 0, 0, 1};
    listen.local_port = 0x901F;  // 8080
    listen.state = 2;            // LISTEN
    listen.pid = 4242;
    SocketRow udp;
    udp.tcp = false;
    udp.local_port = 0x3500;  // 53
    udp.pid = 4242;
    return {PortFieldsOf(listen), PortFieldsOf(udp)};
  }
  std::vector<WinHandle> Handles(const WinProcess& p) override {
    ++handles_asked;
    if (p.pid != tool.pid) return {};
    return {{"Mutant", HandleNames("Mutant", "\\Sessions\\1\\BaseNamedObjects\\THIS324NEWGAME", "")},
            {"File", HandleNames("File", "\\Device\\HarddiskVolume3\\Windows\\twext.exe",
                                 "\\\\?\\C:\\Windows\\twext.exe")},
            {"Event", {}},
            {"Mutant", {}}};
  }
  const WinProcess* Find(std::int64_t pid) override {
    ++index_asked;
    return pid == tool.pid ? &tool : nullptr;
  }
  WinProcess tool{4242, 1000, "tool.exe", "C:\\Apps\\tool.exe", 1700000000};
  int asked = 0, owner_asked = 0, digests_asked = 0, index_asked = 0, modules_asked = 0, ports_asked = 0,
      handles_asked = 0;
};

TEST_CASE("windows: a ProcessItem record, its costly fields read on demand", "[collect][windows]") {
  FakeProcesses source;
  RecordItem item;
  FillProcessRecord(item, source.tool, source);
  CHECK(Int(item, "ProcessItem/pid") == 4242);
  CHECK(Int(item, "ProcessItem/parentpid") == 1000);
  CHECK(Text(item, "ProcessItem/name") == "tool.exe");
  CHECK(Text(item, "ProcessItem/path") == "Apps");
  CHECK(Int(item, "ProcessItem/startTime") == 1700000000);
  CHECK(source.asked + source.owner_asked + source.digests_asked == 0);
  CHECK(Text(item, "ProcessItem/arguments") == "\"C:\\Apps\\tool.exe\" --serve");
  CHECK(Text(item, "ProcessItem/Username") == "NT AUTHORITY\\SYSTEM");
  CHECK(Text(item, "ProcessItem/SecurityID") == "S-1-5-18");
  CHECK(source.owner_asked == 1);  // once for both
  CHECK(Text(item, "ProcessItem/HandleList/Handle/Md5sum") == "md5");
  CHECK(Text(item, "ProcessItem/HandleList/Handle/Sha256sum") == "sha256");
  CHECK(source.digests_asked == 1);
  std::vector<report::CardField> card = item.CardFields();
  REQUIRE(card.size() == 3);
  CHECK(card[2].name == "path");
  CHECK(card[2].values.at(0).text == "Apps");

  CHECK(source.modules_asked + source.ports_asked == 0);
  CHECK(TextsOf(item, "ProcessItem/SectionList/MemorySection/Name") ==
        std::vector<std::string>{"C:\\Apps\\tool.exe", "C:\\Windows\\System32\\ntdll.dll", "C:\\Apps\\evil.dll"});
  CHECK(TextsOf(item, "ProcessItem/PortList/PortItem/protocol") == std::vector<std::string>{"TCP", "UDP"});
  CHECK(TextsOf(item, "ProcessItem/PortList/PortItem/localIP") == std::vector<std::string>{"127.0.0.1", "0.0.0.0"});
  CHECK(IntsOf(item, "ProcessItem/PortList/PortItem/localPort") == std::vector<std::int64_t>{8080, 53});
  CHECK(TextsOf(item, "ProcessItem/PortList/PortItem/state") == std::vector<std::string>{"LISTEN"});  // not UDP
  CHECK(IntsOf(item, "ProcessItem/PortList/PortItem/remotePort") == std::vector<std::int64_t>{0});  // TCP only
  CHECK(IntsOf(item, "ProcessItem/PortList/PortItem/pid") == std::vector<std::int64_t>{4242, 4242});
  CHECK(TextsOf(item, "ProcessItem/PortList/PortItem/path") ==
        std::vector<std::string>{"C:\\Apps\\tool.exe", "C:\\Apps\\tool.exe"});
  CHECK(source.ports_asked == 1);  // once for every PortList field
  CHECK(TextsOf(item, "ProcessItem/HandleList/Handle/Type") == std::vector<std::string>{"Event", "File", "Mutant"});
  CHECK(TextsOf(item, "ProcessItem/HandleList/Handle/Name") ==
        std::vector<std::string>{"\\Sessions\\1\\BaseNamedObjects\\THIS324NEWGAME", "THIS324NEWGAME",
                                 "\\Device\\HarddiskVolume3\\Windows\\twext.exe", "C:\\Windows\\twext.exe"});
  CHECK(source.handles_asked == 1);  // once for Type and Name
  CHECK(source.modules_asked == 1);

  // A process that cannot be opened: a name from the snapshot, no path, no start, no digests.
  WinProcess system{4, 0, "System", "", std::nullopt};
  RecordItem bare;
  FillProcessRecord(bare, system, source);
  CHECK(Absent(bare, "ProcessItem/path"));
  CHECK(Absent(bare, "ProcessItem/startTime"));
  CHECK(Absent(bare, "ProcessItem/arguments"));
  CHECK(Absent(bare, "ProcessItem/HandleList/Handle/Md5sum"));
  CHECK(QualifiedAccount("", "alice") == "alice");
  CHECK(QualifiedAccount("HOST", "alice") == "HOST\\alice");
}

TEST_CASE("windows: handle names, bare mutex names and Win32 file paths", "[collect][windows]") {
  CHECK(HandleNames("Mutant", "\\BaseNamedObjects\\Global-Lock", "") ==
        std::vector<std::string>{"\\BaseNamedObjects\\Global-Lock", "Global-Lock"});
  CHECK(HandleNames("Event", "", "").empty());
  CHECK(HandleNames("Directory", "\\Sessions\\1\\BaseNamedObjects", "") ==
        std::vector<std::string>{"\\Sessions\\1\\BaseNamedObjects"});
  CHECK(HandleNames("Key", "\\REGISTRY\\MACHINE\\SOFTWARE\\Run", "") ==
        std::vector<std::string>{"\\REGISTRY\\MACHINE\\SOFTWARE\\Run"});
  // Wine names files "\??\C:\x"; Windows "\Device\HarddiskVolumeN\x", with the Win32 path apart.
  CHECK(HandleNames("File", "\\??\\C:\\windows\\win.ini", "\\\\?\\C:\\windows\\win.ini") ==
        std::vector<std::string>{"\\??\\C:\\windows\\win.ini", "C:\\windows\\win.ini"});
  CHECK(HandleNames("File", "\\Device\\Mup\\srv\\share\\x.txt", "\\\\?\\UNC\\srv\\share\\x.txt") ==
        std::vector<std::string>{"\\Device\\Mup\\srv\\share\\x.txt", "\\\\srv\\share\\x.txt"});
}

TEST_CASE("windows: a PortItem names its process only when asked", "[collect][windows]") {
  FakeProcesses owners;
  SocketRow row;
  row.local = {10, 0, 0, 5};
  row.local_port = 0x5000;
  row.remote = {93, 184, 216, 34};
  row.remote_port = 0xBB01;
  row.state = 5;
  row.pid = 4242;
  WinPortItem item(PortFieldsOf(row), owners);
  CHECK(Text(item, "PortItem/protocol") == "TCP");
  CHECK(Text(item, "PortItem/localIP") == "10.0.0.5");
  CHECK(Int(item, "PortItem/localPort") == 80);
  CHECK(Text(item, "PortItem/remoteIP") == "93.184.216.34");
  CHECK(Int(item, "PortItem/remotePort") == 443);
  CHECK(Text(item, "PortItem/state") == "ESTABLISHED");
  CHECK(Int(item, "PortItem/pid") == 4242);
  CHECK(Int(item, "PortItem/isIPv6") == 0);
  CHECK(owners.index_asked == 0);
  CHECK(Text(item, "PortItem/process") == "tool.exe");
  CHECK(Text(item, "PortItem/path") == "C:\\Apps\\tool.exe");
  std::vector<report::CardField> card = item.CardFields();
  REQUIRE(card.size() == 8);
  CHECK(card[7].name == "process");
  CHECK(card[7].values.at(0).text == "tool.exe");

  row.pid = 9;  // gone
  row.tcp = false;
  WinPortItem udp(PortFieldsOf(row), owners);
  CHECK(Absent(udp, "PortItem/process"));
  CHECK(Absent(udp, "PortItem/remoteIP"));
  CHECK(Absent(udp, "PortItem/state"));
  CHECK(udp.CardFields()[7].values.empty());

  row.pid = 0;  // no owner known
  int asked = owners.index_asked;
  WinPortItem orphan(PortFieldsOf(row), owners);
  CHECK(Absent(orphan, "PortItem/pid"));
  CHECK(Absent(orphan, "PortItem/process"));
  CHECK(orphan.CardFields()[6].values.empty());
  CHECK(owners.index_asked == asked);
}

TEST_CASE("windows: a ServiceItem record from the SCM's answers", "[collect][windows]") {
  WinService bits;
  bits.name = "BITS";
  bits.display_name = "Background Intelligent Transfer Service";
  bits.description = "Transfers files in the background";
  bits.type = 0x20;
  bits.start_type = 3;
  bits.state = 4;
  bits.pid = 812;
  bits.start_name = "LocalSystem";
  bits.image_path = "%SystemRoot%\\system32\\svchost.exe -k netsvcs -p";
  bits.service_dll = "%SystemRoot%\\System32\\qmgr.dll";
  std::vector<std::string> hashed;
  FileDigester digest = [&hashed](const std::string& path) -> std::optional<hash::Digests> {
    hashed.push_back(path);
    return hash::Digests{"m-" + path, "s1-" + path, "s256-" + path};
  };
  RecordItem item;
  FillServiceRecord(item, bits, Env, digest);
  CHECK(Text(item, "ServiceItem/name") == "BITS");
  CHECK(Text(item, "ServiceItem/descriptiveName") == "Background Intelligent Transfer Service");
  CHECK(Text(item, "ServiceItem/description") == "Transfers files in the background");
  CHECK(Text(item, "ServiceItem/mode") == "SERVICE_DEMAND_START");
  CHECK(Text(item, "ServiceItem/status") == "SERVICE_RUNNING");
  CHECK(Text(item, "ServiceItem/type") == "SERVICE_WIN32_SHARE_PROCESS");
  CHECK(Text(item, "ServiceItem/startedAs") == "LocalSystem");
  CHECK(Int(item, "ServiceItem/pid") == 812);
  CHECK(Text(item, "ServiceItem/path") == "C:\\Windows\\system32\\svchost.exe");
  CHECK(Text(item, "ServiceItem/arguments") == "-k netsvcs -p");
  CHECK(Text(item, "ServiceItem/serviceDLL") == "C:\\Windows\\System32\\qmgr.dll");
  CHECK(hashed.empty());
  CHECK(Text(item, "ServiceItem/pathmd5sum") == "m-C:\\Windows\\system32\\svchost.exe");
  CHECK(Text(item, "ServiceItem/sha256sum") == "s256-C:\\Windows\\system32\\svchost.exe");
  CHECK(Text(item, "ServiceItem/serviceDLLsha1sum") == "s1-C:\\Windows\\System32\\qmgr.dll");
  CHECK(hashed.size() == 2);  // each file read once

  WinService stopped;
  stopped.name = "wineusb";
  stopped.type = 1;
  stopped.start_type = 3;
  stopped.state = 1;
  stopped.image_path = "System32\\drivers\\wineusb.sys";
  RecordItem driver;
  FillServiceRecord(driver, stopped, Env, digest);
  CHECK(Text(driver, "ServiceItem/path") == "C:\\Windows\\System32\\drivers\\wineusb.sys");
  CHECK(Text(driver, "ServiceItem/arguments").empty());
  CHECK(Text(driver, "ServiceItem/status") == "SERVICE_STOPPED");
  CHECK(Absent(driver, "ServiceItem/pid"));
  CHECK(Absent(driver, "ServiceItem/serviceDLL"));
  CHECK(Absent(driver, "ServiceItem/startedAs"));
  CHECK(Absent(driver, "ServiceItem/description"));
}

}  // namespace
}  // namespace iocscan::collect
