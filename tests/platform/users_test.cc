#include "platform/users.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "support/scratch_dir.h"

using iocscan::platform::ParseGroup;
using iocscan::platform::ParsePasswd;
using iocscan::platform::UserDb;

TEST_CASE("passwd text is parsed", "[platform][users]") {
  auto users = ParsePasswd(
      "root:x:0:0:root:/root:/bin/bash\n"
      "# a comment:x:5:\n"
      "\n"
      "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\r\n"
      "+nisuser::::::\n"
      "broken line\n"
      "bad:x:notanumber:0::/:\n"
      "neg:x:-1:0::/:\n"
      ":x:9:9::/:\n"
      "alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash\n"
      "alias:x:1000:1000::/home/alias:/bin/sh\n"
      "last:x:4242");
  CHECK(users.size() == 4);
  CHECK(users.at(0) == "root");
  CHECK(users.at(1) == "daemon");       // CR of a CRLF line dropped
  CHECK(users.at(1000) == "alice");     // first entry of an id wins
  CHECK(users.at(4242) == "last");      // no trailing newline, no trailing fields
  CHECK(users.count(5) == 0);
  CHECK(users.count(9) == 0);
}

TEST_CASE("group text is parsed", "[platform][users]") {
  auto groups = ParseGroup("root:x:0:\nadm:x:4:syslog,alice\nwheel:*:10:\n");
  CHECK(groups.size() == 3);
  CHECK(groups.at(4) == "adm");
  CHECK(groups.at(10) == "wheel");
}

TEST_CASE("unknown ids are written as numbers", "[platform][users]") {
  UserDb db(ParsePasswd("root:x:0:0::/:\n"), ParseGroup("wheel:x:10:\n"));
  CHECK(db.UserName(0) == "root");
  CHECK(db.UserName(31337) == "31337");
  CHECK(db.GroupName(10) == "wheel");
  CHECK(db.GroupName(0) == "0");
}

TEST_CASE("a root prefix reads that tree's files", "[platform][users]") {
  iocscan::testing::ScratchDir dir;
  REQUIRE(::mkdirat(dir.fd(), "etc", 0755) == 0);
  dir.Write("etc/passwd", "imageuser:x:777:777::/home/i:/bin/sh\n");
  dir.Write("etc/group", "imagegroup:x:778:\n");
  UserDb db = UserDb::Load(dir.path() + "/");
  CHECK(db.UserName(777) == "imageuser");
  CHECK(db.GroupName(778) == "imagegroup");
  CHECK(db.UserName(0) == "0");  // not the host's root: the image has none

  UserDb missing = UserDb::Load(dir.Join("nothing-here"));
  CHECK(missing.user_count() == 0);
  CHECK(missing.UserName(0) == "0");
}

TEST_CASE("the host database names root", "[platform][users]") {
  UserDb db = UserDb::Load("");
  if (db.user_count() == 0) {
    WARN("no /etc/passwd on this host");
    return;
  }
  CHECK(db.UserName(0) == "root");
}
