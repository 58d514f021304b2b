#include "walk/glob.h"

#include <catch2/catch.hpp>
#include <string>

using iocscan::walk::Glob;
using iocscan::walk::GlobSet;

TEST_CASE("glob: star stays within one component", "[walk]") {
  Glob g("/home/*/.cache");
  CHECK(g.Matches("/home/alice/.cache"));
  CHECK_FALSE(g.Matches("/home/alice/x/.cache"));
  CHECK_FALSE(g.Matches("/home/.cache"));  // * needs... nothing, but "/home//.cache" is not a path
  CHECK(Glob("/a/*").Matches("/a/"));      // * may be empty
  CHECK_FALSE(Glob("/a/*").Matches("/a/b/c"));
}

TEST_CASE("glob: double star crosses components and double-star-slash also matches none", "[walk]") {
  Glob g("/a/**/b");
  CHECK(g.Matches("/a/b"));
  CHECK(g.Matches("/a/x/b"));
  CHECK(g.Matches("/a/x/y/z/b"));
  CHECK_FALSE(g.Matches("/a/xb"));
  CHECK_FALSE(g.Matches("/a/x/b/c"));
  CHECK(Glob("**/node_modules").Matches("/srv/app/node_modules"));
  CHECK_FALSE(Glob("**/node_modules").Matches("/srv/app/node_modules2"));
  CHECK(Glob("/var/**").Matches("/var/log/syslog"));
  CHECK_FALSE(Glob("/var/**").Matches("/var"));
  CHECK(Glob("/x/**.log").Matches("/x/a/b/c.log"));
}

TEST_CASE("glob: question mark and classes never match a slash", "[walk]") {
  CHECK(Glob("/a?c").Matches("/abc"));
  CHECK_FALSE(Glob("/a?c").Matches("/a/c"));
  CHECK(Glob("/[abc]x").Matches("/bx"));
  CHECK_FALSE(Glob("/[abc]x").Matches("/dx"));
  CHECK(Glob("/f[0-9][0-9]").Matches("/f42"));
  CHECK_FALSE(Glob("/f[0-9]").Matches("/fa"));
  CHECK(Glob("/f[!0-9]").Matches("/fa"));
  CHECK(Glob("/f[^0-9]").Matches("/fa"));
  CHECK_FALSE(Glob("/f[!0-9]").Matches("/f7"));
  CHECK_FALSE(Glob("/a[/]b").Matches("/a/b"));
  CHECK(Glob("/[]]").Matches("/]"));        // ']' first in a class is literal
  CHECK(Glob("/a[bc").Matches("/a[bc"));     // unclosed: '[' is literal
  CHECK(Glob("/a\\*").Matches("/a*"));
  CHECK_FALSE(Glob("/a\\*").Matches("/ab"));
}

TEST_CASE("glob: a pattern without '/' matches the last component", "[walk]") {
  CHECK(Glob("*.iso").Matches("/data/images/x.iso"));
  CHECK_FALSE(Glob("*.iso").Matches("/data/x.iso/y"));
  CHECK(Glob(".git").Matches("/src/repo/.git"));
  CHECK_FALSE(Glob(".git").Matches("/src/repo/.github"));
}

TEST_CASE("glob: bytes not UTF-8 - trailing slash ignored", "[walk]") {
  CHECK(Glob("/d/\xff*").Matches("/d/\xff\xfe"));
  CHECK(Glob("/d/?").Matches("/d/\xff"));
  CHECK(Glob("/tmp/x/").Matches("/tmp/x"));
}

TEST_CASE("glob: many stars do not blow up", "[walk]") {
  Glob g("/**a**a**a**a**a**a**a**a**b");
  std::string path = "/" + std::string(4000, 'a');
  CHECK_FALSE(g.Matches(path));  // backtracking would take forever; the automaton is linear
  CHECK(g.Matches(path + "b"));
  Glob long_pattern(std::string("/") + std::string(100, '?'));  // more states than the stack buffer
  CHECK(long_pattern.Matches("/" + std::string(100, 'z')));
  CHECK_FALSE(long_pattern.Matches("/" + std::string(99, 'z')));
}

TEST_CASE("glob set: any pattern", "[walk]") {
  GlobSet set({"/proc", "*.tmp"});
  CHECK(set.Matches("/proc"));
  CHECK(set.Matches("/home/x.tmp"));
  CHECK_FALSE(set.Matches("/home/x.txt"));
  CHECK(GlobSet().empty());
}
