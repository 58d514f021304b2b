#include "platform/windows/collect/volume_collector.h"

#include <windows.h>

#include <string>
#include <vector>

#include "collect/record_item.h"
#include "collect/windows/volume_fields.h"
#include "platform/windows/win_text.h"

namespace iocscan::collect {
namespace {

namespace win = platform::win;
using compile::FieldValue;
using report::CardValue;

struct Volume {
  std::wstring guid_path;  // "\\?\Volume{...}\"; "" for a network drive
  std::vector<std::wstring> paths;  // "C:\", "D:\mnt\data\"
  bool network = false;
};

// "\Device\HarddiskVolume3" for "\\?\Volume{...}\" or "Z:".
std::string DosDeviceTarget(const std::wstring& name) {
  std::wstring device = name;
  if (device.starts_with(L"\\\\?\\")) device = device.substr(4);
  if (!device.empty() && device.back() == L'\\') device.pop_back();
  wchar_t target[MAX_PATH * 2] = {};
  if (::QueryDosDeviceW(device.c_str(), target, MAX_PATH * 2) == 0) return "";
  return win::Utf8(target);
}

std::vector<std::wstring> PathsOf(const std::wstring& guid_path) {
  std::vector<wchar_t> buffer(1024);
  DWORD needed = 0;
  if (!::GetVolumePathNamesForVolumeNameW(guid_path.c_str(), buffer.data(), static_cast<DWORD>(buffer.size()),
                                          &needed)) {
    if (::GetLastError() != ERROR_MORE_DATA) return {};
    buffer.resize(needed);
    if (!::GetVolumePathNamesForVolumeNameW(guid_path.c_str(), buffer.data(), needed, &needed)) return {};
  }
  std::vector<std::wstring> out;
  for (const wchar_t* p = buffer.data(); *p; p += wcslen(p) + 1) out.emplace_back(p);
  return out;
}

std::vector<Volume> Volumes() {
  std::vector<Volume> out;
  wchar_t name[MAX_PATH];
  HANDLE find = ::FindFirstVolumeW(name, MAX_PATH);
  if (find != INVALID_HANDLE_VALUE) {
    do {
      out.push_back({name, PathsOf(name), false});
    } while (::FindNextVolumeW(find, name, MAX_PATH));
    ::FindVolumeClose(find);
  }
  wchar_t drives[512];
  DWORD length = ::GetLogicalDriveStringsW(512, drives);
  if (length > 0 && length < 512) {
    for (const wchar_t* d = drives; *d; d += wcslen(d) + 1) {
      if (::GetDriveTypeW(d) == DRIVE_REMOTE) out.push_back({L"", {d}, true});
    }
  }
  return out;
}

// GetDiskFreeSpace(Ex)W of a local volume, once, on first use.
struct Space {
  std::wstring root;
  bool asked = false, ok = false;
  ULARGE_INTEGER available{}, total{}, free{};
  DWORD sectors_per_cluster = 0, bytes_per_sector = 0, free_clusters = 0, total_clusters = 0;
  void Ask() {
    if (asked) return;
    asked = true;
    ok = ::GetDiskFreeSpaceExW(root.c_str(), &available, &total, &free) &&
         ::GetDiskFreeSpaceW(root.c_str(), &sectors_per_cluster, &bytes_per_sector, &free_clusters, &total_clusters);
  }
  std::uint64_t cluster_bytes() const { return std::uint64_t{sectors_per_cluster} * bytes_per_sector; }
};

void AddSpace(RecordItem& item, const std::wstring& root) {
  auto space = std::make_shared<Space>();
  space->root = root;
  auto field = [space](auto value) {
    return [space, value] {
      space->Ask();
      return space->ok ? FieldValue{RecordItem::Int(static_cast<std::int64_t>(value(*space)))} : FieldValue{};
    };
  };
  item.Lazy("VolumeItem/TotalSize", field([](const Space& s) { return s.total.QuadPart; }))
      .Lazy("VolumeItem/FreeSize", field([](const Space& s) { return s.free.QuadPart; }))
      .Lazy("VolumeItem/TotalAllocationUnits", [space] {
        space->Ask();
        return space->ok ? FieldValue{RecordItem::Text(std::to_string(space->total_clusters))} : FieldValue{};
      })
      .Lazy("VolumeItem/ActualAvailableAllocationUnits", field([](const Space& s) {
        return s.cluster_bytes() ? s.available.QuadPart / s.cluster_bytes() : 0;
      }))
      .Lazy("VolumeItem/BytesPerSector", field([](const Space& s) { return s.bytes_per_sector; }))
      .Lazy("VolumeItem/SectorsPerAllocationUnit", [space] {
        space->Ask();
        return space->ok ? FieldValue{RecordItem::Text(std::to_string(space->sectors_per_cluster))} : FieldValue{};
      });
}

void FillVolume(RecordItem& item, const Volume& v) {
  std::wstring root = !v.paths.empty() ? v.paths.front() : v.guid_path;
  std::string mount = v.paths.empty() ? "" : win::Utf8(v.paths.front());
  std::string device = DosDeviceTarget(v.network ? root.substr(0, 2) : v.guid_path);
  UINT drive_type = ::GetDriveTypeW(root.c_str());
  if (!mount.empty()) item.Add("VolumeItem/MountPoint", RecordItem::Text(mount));
  if (mount.size() == 3 && mount[1] == ':') item.Add("VolumeItem/DriveLetter", RecordItem::Text(mount.substr(0, 2)));
  item.Add("VolumeItem/IsMounted", RecordItem::Bool(!mount.empty()));
  if (!device.empty()) {
    item.Add("VolumeItem/Name", RecordItem::Text(device)).Add("VolumeItem/DevicePath", RecordItem::Text(device));
  }
  if (!v.guid_path.empty()) {
    std::string guid = win::Utf8(v.guid_path);
    item.Add("VolumeItem/DeviceID", RecordItem::Text(guid));
    std::size_t open = guid.find('{'), close = guid.find('}');
    if (open != std::string::npos && close != std::string::npos && close > open) {
      item.Add("VolumeItem/VolumeID", RecordItem::Text(guid.substr(open, close - open + 1)));
    }
  }
  item.Add("VolumeItem/Type", RecordItem::Text(v.network ? "network" : "local"))
      .Add("VolumeItem/RemoteFS", RecordItem::Bool(v.network))
      .Add("VolumeItem/Flags/Removable", RecordItem::Bool(drive_type == DRIVE_REMOVABLE));
  if (v.network) {
    if (std::string server = RemoteServerOfDosDevice(device); !server.empty()) {
      item.Add("VolumeItem/RemoteAddress", RecordItem::Text(server));
    }
  }
  wchar_t label[MAX_PATH + 1] = {}, fs[MAX_PATH + 1] = {};
  DWORD serial = 0, max_component = 0, flags = 0;
  // A network drive's server is asked nothing it might not answer quickly.
  if (!v.network && ::GetVolumeInformationW(root.c_str(), label, MAX_PATH + 1, &serial, &max_component, &flags,
                                            fs, MAX_PATH + 1)) {
    if (label[0]) item.Add("VolumeItem/VolumeName", RecordItem::Text(win::Utf8(label)));
    item.Add("VolumeItem/SerialNumber", RecordItem::Text(VolumeSerialText(serial)))
        .Add("VolumeItem/FileSystemName", RecordItem::Text(win::Utf8(fs)))
        .Add("VolumeItem/FileSystemFlags", RecordItem::Text(FileSystemFlagNames(flags)))
        .Add("VolumeItem/Flags/ReadOnly", RecordItem::Bool((flags & kFileReadOnlyVolume) != 0));
  }
  if (!v.network) AddSpace(item, root);
  item.Show("MountPoint", mount.empty() ? std::vector<CardValue>{} : std::vector{CardValue::Text(mount)})
      .Show("DevicePath", CardValue::Text(device))
      .Show("FileSystemName", CardValue::Text(win::Utf8(fs)))
      .Show("VolumeName", CardValue::Text(win::Utf8(label)));
}

class WinVolumeCollector final : public Collector {
 public:
  bool live_only() const override { return true; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override {
    CollectorStats stats;
    std::vector<Volume> volumes = Volumes();
    if (volumes.empty()) {
      ++stats.errors;
      stats.warnings.push_back({"FindFirstVolumeW", "VolumeItem: no volume could be listed (Win32 error " +
                                                        std::to_string(::GetLastError()) + ")"});
    }
    for (const Volume& v : volumes) {
      if (env.Stopped()) break;
      RecordItem item;
      FillVolume(item, v);
      ++stats.items;
      visit(item);
    }
    return stats;
  }
};

}  // namespace

std::unique_ptr<Collector> MakeWinVolumeCollector() { return std::make_unique<WinVolumeCollector>(); }

}  // namespace iocscan::collect
