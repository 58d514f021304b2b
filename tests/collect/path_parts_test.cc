// FileItem's name terms from a full path, in both OS conventions (semantics.md, FileItem fields).
#include "collect/path_parts.h"

#include <catch2/catch.hpp>

namespace iocscan::collect {
namespace {

TEST_CASE("POSIX paths: the folder keeps its leading slash", "[collect][path_parts]") {
  PathParts p = SplitPosixPath("/usr/bin/ls");
  CHECK(p.folder == "/usr/bin");
  CHECK(p.name == "ls");
  CHECK(p.drive.empty());
  CHECK(SplitPosixPath("/vmlinuz").folder == "/");
  CHECK(SplitPosixPath("/vmlinuz").name == "vmlinuz");
  CHECK(SplitPosixPath("/a\\b/c").folder == "/a\\b");  // a backslash is part of a POSIX name
  CHECK(SplitPosixPath("relative").folder.empty());
}

TEST_CASE("Windows paths: the folder has no drive and no leading separator", "[collect][path_parts]") {
  PathParts p = SplitWindowsPath("C:\\Windows\\System32\\cmd.exe");
  CHECK(p.folder == "Windows\\System32");
  CHECK(p.name == "cmd.exe");
  CHECK(p.drive == "C:");
  PathParts root = SplitWindowsPath("D:\\boot.ini");
  CHECK(root.folder.empty());
  CHECK(root.name == "boot.ini");
  CHECK(root.drive == "D:");
  PathParts unc = SplitWindowsPath("\\\\fs01\\share\\tools\\x.exe");
  CHECK(unc.drive == "\\\\fs01\\share");
  CHECK(unc.folder == "tools");
  CHECK(unc.name == "x.exe");
  PathParts mixed = SplitWindowsPath("C:/Users/a\\evil.dll");
  CHECK(mixed.folder == "Users/a");
  CHECK(mixed.name == "evil.dll");
}

}  // namespace
}  // namespace iocscan::collect
