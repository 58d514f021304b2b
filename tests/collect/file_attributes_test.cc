#include "collect/file_attributes.h"

#include <catch2/catch.hpp>

namespace iocscan::collect {
namespace {

TEST_CASE("FileAttributes text: .NET names in bit order, unknown bits in hex", "[collect][file_attributes]") {
  CHECK(FileAttributesText(0).empty());
  CHECK(FileAttributesText(0x20) == "Archive");
  CHECK(FileAttributesText(0x27) == "ReadOnly, Hidden, System, Archive");
  CHECK(FileAttributesText(0x400 | 0x10) == "Directory, ReparsePoint");
  CHECK(FileAttributesText(0x80 | 0x00100000) == "Normal, 0x00100000");
}

}  // namespace
}  // namespace iocscan::collect
