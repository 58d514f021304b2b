#include "collect/system/volume_collector.h"

#include <memory>
#include <optional>
#include <string>

#include "collect/record_item.h"
#include "collect/system/mount_fields.h"
#include "platform/linux/mounts.h"
#include "platform/linux/volumes.h"
#include "platform/posix/fs_types.h"

namespace iocscan::collect {
namespace {

using report::CardValue;

class VolumeCollector final : public Collector {
 public:
  bool live_only() const override { return true; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override;
};

// The statvfs result of one mount, taken on the first request of any of its fields.
class LazySpace {
 public:
  explicit LazySpace(std::string mount_point) : mount_point_(std::move(mount_point)) {}
  template <class ValueOf>
  compile::FieldValue Field(ValueOf value_of) {
    if (!asked_) space_ = platform::StatVolume(mount_point_);
    asked_ = true;
    if (!space_) return {};
    return {value_of(*space_)};
  }

 private:
  std::string mount_point_;
  bool asked_ = false;
  std::optional<platform::VolumeSpace> space_;
};

void AddSpace(RecordItem& item, const platform::MountInfo& m) {
  using S = platform::VolumeSpace;
  auto space = std::make_shared<LazySpace>(m.mount_point);
  auto bytes = [](std::uint64_t blocks, const S& s) { return RecordItem::Int(static_cast<std::int64_t>(blocks * s.block_size)); };
  item.Lazy("VolumeItem/TotalSize", [space, bytes] { return space->Field([&](const S& s) { return bytes(s.blocks, s); }); })
      .Lazy("VolumeItem/FreeSize", [space, bytes] { return space->Field([&](const S& s) { return bytes(s.free_blocks, s); }); })
      .Lazy("VolumeItem/TotalAllocationUnits",
            [space] { return space->Field([](const S& s) { return RecordItem::Text(std::to_string(s.blocks)); }); })
      .Lazy("VolumeItem/ActualAvailableAllocationUnits", [space] {
        return space->Field([](const S& s) { return RecordItem::Int(static_cast<std::int64_t>(s.avail_blocks)); });
      });
}

void AddDeviceNames(RecordItem& item, const platform::MountInfo& m, const platform::DiskNames& names) {
  if (auto it = names.uuid.find(m.dev()); it != names.uuid.end()) {
    std::string uuid = UnescapeUdevName(it->second);
    item.Add("VolumeItem/VolumeID", RecordItem::Text(uuid)).Add("VolumeItem/SerialNumber", RecordItem::Text(uuid));
  }
  if (auto it = names.label.find(m.dev()); it != names.label.end()) {
    item.Add("VolumeItem/VolumeName", RecordItem::Text(UnescapeUdevName(it->second)));
  }
  if (std::optional<bool> removable = platform::IsRemovableBlockDevice(m.major, m.minor)) {
    item.Add("VolumeItem/Flags/Removable", RecordItem::Bool(*removable));
  }
}

CollectorStats VolumeCollector::Collect(const CollectorEnv& env, const ItemVisitor& visit) {
  CollectorStats stats;
  std::vector<platform::MountInfo> mounts = platform::ReadMountInfo();
  if (mounts.empty()) {
    stats.warnings.push_back({"/proc/self/mountinfo", "VolumeItem: the mount table cannot be read"});
    ++stats.errors;
    return stats;
  }
  bool names_needed = env.Needs("VolumeItem/VolumeID") || env.Needs("VolumeItem/SerialNumber") ||
                      env.Needs("VolumeItem/VolumeName") || env.Needs("VolumeItem/Flags/Removable");
  platform::DiskNames names = names_needed ? platform::ReadDiskNames() : platform::DiskNames{};
  for (const platform::MountInfo& m : mounts) {
    if (env.Stopped()) break;
    platform::FsClass cls = platform::ClassifyFsType(m.fs_type);
    bool remote = cls == platform::FsClass::kNetwork && m.fs_type != "fuseblk";
    std::string flags = MergeMountOptions(m.options, m.super_options);
    RecordItem item;
    item.Add("VolumeItem/MountPoint", RecordItem::Text(m.mount_point))
        .Add("VolumeItem/Name", RecordItem::Text(m.source))
        .Add("VolumeItem/DevicePath", RecordItem::Text(m.source))
        .Add("VolumeItem/DeviceID", RecordItem::Text(std::to_string(m.major) + ":" + std::to_string(m.minor)))
        .Add("VolumeItem/FileSystemName", RecordItem::Text(m.fs_type))
        .Add("VolumeItem/FileSystemFlags", RecordItem::Text(flags))
        .Add("VolumeItem/Flags/ReadOnly", RecordItem::Bool(HasMountOption(m.options, "ro") || HasMountOption(m.super_options, "ro")))
        .Add("VolumeItem/Type", RecordItem::Text(std::string(platform::FsClassName(cls))))
        .Add("VolumeItem/RemoteFS", RecordItem::Bool(remote))
        .Add("VolumeItem/IsMounted", RecordItem::Bool(true));
    if (std::string server = remote ? RemoteAddressOf(m.fs_type, m.source) : ""; !server.empty()) {
      item.Add("VolumeItem/RemoteAddress", RecordItem::Text(server));
    }
    if (cls != platform::FsClass::kNetwork && m.fs_type != "autofs") AddSpace(item, m);
    if (names_needed) AddDeviceNames(item, m, names);
    item.Show("MountPoint", CardValue::Text(m.mount_point))
        .Show("DevicePath", CardValue::Text(m.source))
        .Show("FileSystemName", CardValue::Text(m.fs_type));
    ++stats.items;
    visit(item);
  }
  return stats;
}

}  // namespace

std::unique_ptr<Collector> MakeVolumeCollector() { return std::make_unique<VolumeCollector>(); }

}  // namespace iocscan::collect
