#include "platform/posix/dir_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "support/scratch_dir.h"

using iocscan::platform::DirReader;
using iocscan::testing::ScratchDir;

namespace {
std::map<std::string, unsigned char> List(DirReader& r, int fd) {
  std::map<std::string, unsigned char> out;
  REQUIRE(r.Open(fd));
  DirReader::Item item;
  while (r.Next(&item)) out[std::string(item.name)] = item.type;
  REQUIRE(r.error() == 0);
  return out;
}
}  // namespace

TEST_CASE("dir reader: names as bytes and types and no dot entries", "[platform]") {
  ScratchDir dir;
  dir.Write("plain", "x");
  dir.Write(std::string("bad\xff\xfe") + "name", "x");
  dir.Write("new\nline", "x");
  dir.Write("-rf", "x");
  REQUIRE(::mkdirat(dir.fd(), "sub", 0755) == 0);
  REQUIRE(::symlinkat("plain", dir.fd(), "link") == 0);
  DirReader reader;
  auto seen = List(reader, dir.fd());
  CHECK(seen.size() == 6);
  CHECK(seen.count(".") == 0);
  CHECK(seen.count("..") == 0);
  CHECK(seen.count(std::string("bad\xff\xfe") + "name") == 1);
  CHECK(seen.count("new\nline") == 1);
  CHECK(seen.count("-rf") == 1);
  if (seen["sub"] != DT_UNKNOWN) {  // filesystems may not fill d_type
    CHECK(seen["sub"] == DT_DIR);
    CHECK(seen["link"] == DT_LNK);
    CHECK(seen["plain"] == DT_REG);
  }
  // The fd is neither closed nor consumed: a second listing sees the same.
  CHECK(List(reader, dir.fd()).size() == 6);
  CHECK(::fcntl(dir.fd(), F_GETFD) >= 0);
}

TEST_CASE("dir reader: a large folder spans several buffers", "[platform]") {
  ScratchDir dir;
  const int kCount = 3000;  // about 3 x 64 KiB of records with these name lengths
  for (int i = 0; i < kCount; ++i) {
    std::string name = "file-with-a-fairly-long-name-number-" + std::to_string(i);
    int fd = ::openat(dir.fd(), name.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
    REQUIRE(fd >= 0);
    ::close(fd);
  }
  DirReader reader;
  CHECK(List(reader, dir.fd()).size() == static_cast<std::size_t>(kCount));
}
