// The Windows SystemInfoItem/UserItem value spellings, on literal inputs.
#include "collect/network/net_entries.h"
#include "collect/windows/system_fields.h"

#include <catch2/catch.hpp>

#include <vector>

namespace iocscan::collect {
namespace {

TEST_CASE("windows system fields: MAC, masks, OS names", "[collect][windows]") {
  std::vector<std::uint8_t> mac = {0x00, 0x1A, 0x2b, 0x3C, 0x4d, 0xFF};
  CHECK(FormatMac(mac) == "00:1a:2b:3c:4d:ff");
  CHECK(FormatMac({}).empty());
  CHECK(PrefixMask(false, 24) == "255.255.255.0");
  CHECK(PrefixMask(false, 99) == "255.255.255.255");  // clamped
  CHECK(WindowsOsName("Windows 10 Pro", "22H2", "19045") == "Windows 10 Pro 22H2 (build 19045)");
  CHECK(WindowsOsName("", "", "7601") == "Windows (build 7601)");
  CHECK(WindowsOsName("Microsoft Windows 7", "", "") == "Microsoft Windows 7");
  CHECK(IsNeverLoggedOn(0));
  CHECK_FALSE(IsNeverLoggedOn(1700000000));
}

}  // namespace
}  // namespace iocscan::collect
