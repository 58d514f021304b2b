// SystemInfoItem, VolumeItem and ModuleItem scanned for real: an offline root's os-release,
// hostname, timezone and resolv.conf (and no live-only field, no live-only document); the live
// system's uname, loopback adapter, root mount and (when the kernel has them) modules.
#include <catch2/catch.hpp>

#include <sys/utsname.h>

#include "compile/support.h"
#include "scan/host_scan_util.h"

namespace iocscan::scan {
namespace {

using compile::testing::And;
using compile::testing::Or;
using compile::testing::T;
using namespace iocscan::scan::testing;

// The system files of an image.
struct SystemImage {
  ScratchDir root;
  SystemImage() {
    Put(root, "etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\n");
    Put(root, "etc/hostname", "evidence-host\n");
    Put(root, "etc/timezone", "Europe/Paris\n");
    Put(root, "etc/resolv.conf", "nameserver 10.0.0.1\nsearch corp.example\n");
  }
};

TEST_CASE("SystemInfoItem from an offline root: the image's files, no live-only fields",
          "[scan][system][root]") {
  SystemImage image;
  ScratchDir iocs;
  iocs.Write("host.ioc", Doc11("host", Or(And(T("is", "SystemInfoItem/hostname", "evidence-host") +
                                               T("is", "SystemInfoItem/OS", "Debian GNU/Linux 12 (bookworm)") +
                                               T("is", "SystemInfoItem/productName", "Debian GNU/Linux") +
                                               T("is", "SystemInfoItem/timezone", "Europe/Paris") +
                                               T("is", "SystemInfoItem/domain", "corp.example")))));
  iocs.Write("uptime.ioc", Doc11("uptime", Or(T("contains", "SystemInfoItem/uptime", "d"))));
  iocs.Write("kernel.ioc", Doc11("kernel", Or(T("contains", "SystemInfoItem/kernelVersion", ".", true))));
  iocs.Write("net.ioc", Doc11("net", Or(T("is", "SystemInfoItem/networkArray/networkInfo/adapter", "lo"))));
  // Live-only documents are skipped under a root, with one warning each.
  iocs.Write("vol.ioc", Doc11("vol", Or(T("is", "VolumeItem/MountPoint", "/"))));
  iocs.Write("mod.ioc", Doc11("mod", Or(T("is", "ModuleItem/ModuleName", "ext4"))));
  ScanOutcome out = ScanRoot(iocs, image.root.path());
  CHECK(out.summary.items_per_document["SystemInfoItem"] == 1);
  const report::Card* host = CardOf(out, "host");
  REQUIRE(host);
  REQUIRE(host->items.size() == 1);
  CHECK(TextOf(host->items[0], "hostname") == "evidence-host");
  CHECK_FALSE(FieldOf(host->items[0], "kernelVersion"));
  CHECK_FALSE(CardOf(out, "uptime"));
  CHECK_FALSE(CardOf(out, "kernel"));
  CHECK_FALSE(CardOf(out, "net"));
  CHECK(HasWarningContaining(out.warnings, "VolumeItem describes the running system"));
  CHECK(HasWarningContaining(out.warnings, "ModuleItem describes the running system"));
}

TEST_CASE("SystemInfoItem live: uname, the scanning user and the loopback adapter", "[scan][system][live]") {
  struct utsname u {};
  REQUIRE(::uname(&u) == 0);
  ScratchDir iocs;
  iocs.Write("host.ioc", Doc11("host", Or(And(T("is", "SystemInfoItem/hostname", u.nodename) +
                                               T("is", "SystemInfoItem/kernelVersion", u.release) +
                                               T("is", "SystemInfoItem/machine", u.machine) +
                                               T("matches", "SystemInfoItem/uptime", "^[0-9]+d [0-9]+h [0-9]+m [0-9]+s$")))));
  iocs.Write("lo.ioc", Doc11("lo", Or(And(T("is", "SystemInfoItem/networkArray/networkInfo/adapter", "lo") +
                                           T("is", "SystemInfoItem/networkArray/networkInfo/ipArray/ipInfo/ipAddress",
                                             "127.0.0.1")))));
  ScanOutcome out = ScanRoot(iocs, "");
  CHECK(out.summary.items_per_document["SystemInfoItem"] == 1);
  const report::Card* host = CardOf(out, "host");
  REQUIRE(host);
  CHECK(TextOf(host->items[0], "kernelVersion") == u.release);
  if (!std::filesystem::exists("/sys/class/net/lo")) {
    WARN("no loopback interface on this machine: the adapter check is skipped");
    return;
  }
  CHECK(CardOf(out, "lo"));
}

TEST_CASE("VolumeItem live: the root mount with its size", "[scan][volume][live]") {
  ScratchDir iocs;
  iocs.Write("root.ioc", Doc11("root", Or(And(T("is", "VolumeItem/MountPoint", "/") +
                                               T("is", "VolumeItem/IsMounted", "true") +
                                               T("greater-than", "VolumeItem/TotalSize", "0")))));
  iocs.Write("proc.ioc", Doc11("proc", Or(And(T("is", "VolumeItem/MountPoint", "/proc") +
                                               T("is", "VolumeItem/FileSystemName", "proc") +
                                               T("is", "VolumeItem/Type", "pseudo")))));
  ScanOutcome out = ScanRoot(iocs, "");
  if (out.summary.items_per_document["VolumeItem"] == 0) {
    WARN("no readable /proc/self/mountinfo on this machine: skipped");
    return;
  }
  CHECK(Names(CardOf(out, "root"), "MountPoint") == std::vector<std::string>{"/"});
  CHECK_FALSE(Names(CardOf(out, "proc"), "MountPoint").empty());
}

TEST_CASE("ModuleItem live: a loaded module is found by name", "[scan][module][live]") {
  std::string modules = ReadHostFile("/proc/modules");
  if (modules.empty()) {
    WARN("no /proc/modules on this machine (no loadable modules, or a sandbox): skipped");
    return;
  }
  std::string first = modules.substr(0, modules.find(' '));
  ScratchDir iocs;
  iocs.Write("mod.ioc", Doc11("mod", Or(And(T("is", "ModuleItem/ModuleName", first) +
                                             T("greater-than", "ModuleItem/Size", "0")))));
  ScanOutcome out = ScanRoot(iocs, "");
  CHECK(Names(CardOf(out, "mod"), "ModuleName") == std::vector<std::string>{first});
}

}  // namespace
}  // namespace iocscan::scan
