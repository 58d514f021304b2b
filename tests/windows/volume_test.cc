// The Windows VolumeItem collector on the real OS (Wine in CI, whose drives are volumes too),
// against GetVolumeInformationW and GetDiskFreeSpaceExW of the system drive read here.
#include <windows.h>

#include <catch2/catch.hpp>

#include <string>

#include "collect/windows/volume_fields.h"
#include "windows/collector_support.h"

namespace iocscan::collect {
namespace {

std::string Narrow(const wchar_t* w) {
  std::string out;
  for (; *w; ++w) out += static_cast<char>(*w < 128 ? *w : '?');
  return out;
}

TEST_CASE("windows VolumeItem: the system drive", "[windows][collect]") {
  wchar_t windows[MAX_PATH];
  UINT n = ::GetWindowsDirectoryW(windows, MAX_PATH);
  REQUIRE((n >= 3 && windows[1] == L':'));
  const std::wstring root = std::wstring(windows, 3);  // "C:\"
  wchar_t label[MAX_PATH + 1] = {}, fs[MAX_PATH + 1] = {};
  DWORD serial = 0, max_component = 0, flags = 0;
  REQUIRE(::GetVolumeInformationW(root.c_str(), label, MAX_PATH + 1, &serial, &max_component, &flags, fs,
                                  MAX_PATH + 1));
  ULARGE_INTEGER available{}, total{}, free{};
  REQUIRE(::GetDiskFreeSpaceExW(root.c_str(), &available, &total, &free));

  CollectorStats stats;
  std::vector<Fields> volumes = CollectWhere(
      "VolumeItem", [&](const Fields& f) { return Lower(Text(f, "VolumeItem/MountPoint")) == Lower(Narrow(root.c_str())); },
      &stats);
  CHECK(stats.errors == 0);
  REQUIRE(volumes.size() == 1);
  const Fields& v = volumes[0];
  CHECK(Lower(Text(v, "VolumeItem/DriveLetter")) == Lower(Narrow(root.c_str()).substr(0, 2)));
  CHECK(Int(v, "VolumeItem/IsMounted") == 1);
  CHECK(Text(v, "VolumeItem/FileSystemName") == Narrow(fs));
  CHECK(Text(v, "VolumeItem/SerialNumber") == VolumeSerialText(serial));
  CHECK(Text(v, "VolumeItem/FileSystemFlags") == FileSystemFlagNames(flags));
  CHECK(Text(v, "VolumeItem/Type") == "local");
  CHECK(Int(v, "VolumeItem/RemoteFS") == 0);
  CHECK(Text(v, "VolumeItem/DeviceID").starts_with("\\\\?\\Volume{"));
  CHECK(Text(v, "VolumeItem/VolumeID").starts_with("{"));
  CHECK(Text(v, "VolumeItem/DevicePath").starts_with("\\Device\\"));
  CHECK(Int(v, "VolumeItem/TotalSize") == static_cast<std::int64_t>(total.QuadPart));
  CHECK(Int(v, "VolumeItem/BytesPerSector") > 0);
  CHECK(Has(v, "VolumeItem/FreeSize"));
}

}  // namespace
}  // namespace iocscan::collect
