// VolumeItem's mount fields parsed from literal text: options, network sources, udev names.
#include <catch2/catch.hpp>

#include "collect/system/mount_fields.h"

namespace iocscan::collect {
namespace {

TEST_CASE("mount options: exact option names and merged flags", "[collect][system]") {
  CHECK(HasMountOption("ro,nosuid", "ro"));
  CHECK(HasMountOption("rw,nosuid,relatime", "relatime"));
  CHECK_FALSE(HasMountOption("rw,rootcontext=x", "ro"));
  CHECK_FALSE(HasMountOption("", "ro"));
  CHECK(MergeMountOptions("rw,relatime", "rw,errors=remount-ro") == "rw,relatime,errors=remount-ro");
  CHECK(MergeMountOptions("", "ro") == "ro");
}

TEST_CASE("remote address of network mount sources", "[collect][system]") {
  CHECK(RemoteAddressOf("nfs4", "fileserver:/export/home") == "fileserver");
  CHECK(RemoteAddressOf("nfs", "10.0.0.5:/srv") == "10.0.0.5");
  CHECK(RemoteAddressOf("cifs", "//nas.corp/share") == "nas.corp");
  CHECK(RemoteAddressOf("fuse.sshfs", "alice@jump.example:/home/alice") == "jump.example");
  CHECK(RemoteAddressOf("nfs4", "[fd00::5]:/export") == "fd00::5");
  CHECK(RemoteAddressOf("ceph", "10.0.0.1:6789,10.0.0.2:6789:/") == "10.0.0.1:6789");
  CHECK(RemoteAddressOf("fuse.rclone", "gdrive:").empty());
  CHECK(RemoteAddressOf("tmpfs", "tmpfs").empty());
}

TEST_CASE("udev name escapes", "[collect][system]") {
  CHECK(UnescapeUdevName("My\\x20Disk") == "My Disk");
  CHECK(UnescapeUdevName("plain-label") == "plain-label");
  CHECK(UnescapeUdevName("bad\\x2") == "bad\\x2");
}

}  // namespace
}  // namespace iocscan::collect
