#include "walk/path_util.h"

#include <catch2/catch.hpp>
#include <string>

using iocscan::walk::AppendChild;
using iocscan::walk::IsInside;
using iocscan::walk::MakeAbsolute;

TEST_CASE("absolute paths: tidied - relative ones joined to cwd", "[walk]") {
  CHECK(MakeAbsolute("/", "/x") == "/");
  CHECK(MakeAbsolute("//usr///bin/", "/x") == "/usr/bin");
  CHECK(MakeAbsolute("./a/./b", "/home/u") == "/home/u/a/b");
  CHECK(MakeAbsolute("", "/home/u") == "/home/u");
  CHECK(MakeAbsolute(".", "/") == "/");
  CHECK(MakeAbsolute("../y", "/home/u") == "/home/u/../y");  // ".." is the kernel's business
  CHECK(iocscan::walk::HasDotDot("/home/u/../y"));
  CHECK(iocscan::walk::HasDotDot("/a/.."));
  CHECK(iocscan::walk::HasDotDot(".."));
  CHECK_FALSE(iocscan::walk::HasDotDot("/a/..b/c.."));
  CHECK_FALSE(iocscan::walk::HasDotDot("/a/.../b"));
}

TEST_CASE("child paths and scope checks", "[walk]") {
  std::string out;
  AppendChild(&out, "/", "etc");
  CHECK(out == "/etc");
  AppendChild(&out, "/etc", "-rf");
  CHECK(out == "/etc/-rf");
  CHECK(IsInside("/a/b", "/a"));
  CHECK(IsInside("/a", "/a"));
  CHECK_FALSE(IsInside("/ab", "/a"));
  CHECK(IsInside("/anything", "/"));
  CHECK_FALSE(IsInside("/", "/a"));
}
