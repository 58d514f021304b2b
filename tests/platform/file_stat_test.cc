#include "platform/file_stat.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <ctime>

#include "support/scratch_dir.h"

using iocscan::platform::StatAt;

TEST_CASE("StatAt agrees with fstatat and does not follow links", "[platform][file_stat]") {
  iocscan::testing::ScratchDir dir;
  dir.Write("f", "12345", 0640);
  REQUIRE(::symlinkat("f", dir.fd(), "l") == 0);
  struct timespec times[2] = {{1000000000, 0}, {1200000000, 0}};
  REQUIRE(::utimensat(dir.fd(), "f", times, AT_SYMLINK_NOFOLLOW) == 0);

  auto f = StatAt(dir.fd(), "f", false);
  REQUIRE(f);
  struct stat st {};
  REQUIRE(::fstatat(dir.fd(), "f", &st, AT_SYMLINK_NOFOLLOW) == 0);
  CHECK(f->size == 5);
  CHECK(f->ino == st.st_ino);
  CHECK(f->dev == st.st_dev);
  CHECK((f->mode & 07777) == 0640);
  CHECK(f->uid == st.st_uid);
  CHECK(f->atime == 1000000000);
  CHECK(f->mtime == 1200000000);
  CHECK(f->ctime == st.st_ctim.tv_sec);
  if (f->btime) {
    CHECK(*f->btime <= std::time(nullptr));
  } else {
    WARN("this filesystem records no birth time");
  }

  auto l = StatAt(dir.fd(), "l", false);
  REQUIRE(l);
  CHECK(S_ISLNK(l->mode));
  auto followed = StatAt(dir.fd(), "l", true);
  REQUIRE(followed);
  CHECK(followed->ino == f->ino);

  int err = 0;
  CHECK_FALSE(StatAt(dir.fd(), "missing", false, &err));
  CHECK(err == ENOENT);
}
