// The values of VolumeItem on Windows as the collector writes them (collect/windows/volume_fields.h).
#include "collect/windows/volume_fields.h"

#include <catch2/catch.hpp>

namespace iocscan::collect {
namespace {

TEST_CASE("windows: volume serial numbers as vol prints them", "[collect][windows]") {
  CHECK(VolumeSerialText(0x43A1B2C3) == "43A1-B2C3");
  CHECK(VolumeSerialText(0x0000000A) == "0000-000A");
}

TEST_CASE("windows: file system flags by name", "[collect][windows]") {
  CHECK(FileSystemFlagNames(0x0000000A) == "CASE_PRESERVED_NAMES, PERSISTENT_ACLS");
  CHECK(FileSystemFlagNames(0).empty());
  CHECK(FileSystemFlagNames(kFileReadOnlyVolume | 0x1) == "CASE_SENSITIVE_SEARCH, READ_ONLY_VOLUME");
  CHECK(FileSystemFlagNames(0x80000000u | 0x2) == "CASE_PRESERVED_NAMES, 0x80000000");
}

TEST_CASE("windows: the server of a mapped network drive", "[collect][windows]") {
  CHECK(RemoteServerOfDosDevice("\\Device\\LanmanRedirector\\;Z:0000000000012345\\fileserver\\share") ==
        "fileserver");
  CHECK(RemoteServerOfDosDevice("\\Device\\Mup\\;Y:00000000000003e7\\10.0.0.5\\c$") == "10.0.0.5");
  CHECK(RemoteServerOfDosDevice("\\??\\UNC\\nas\\backup") == "nas");
  CHECK(RemoteServerOfDosDevice("\\Device\\HarddiskVolume3").empty());
  CHECK(RemoteServerOfDosDevice("\\Device\\Mup\\;Y:000").empty());
}

}  // namespace
}  // namespace iocscan::collect
