// The pure parsers of /proc/<pid> files, on literal text as the kernel writes it.
#include <catch2/catch.hpp>

#include "collect/process/proc_parse.h"

namespace iocscan::collect {
namespace {

using namespace std::string_literals;

TEST_CASE("ParseStat reads pid ppid times and a comm with spaces and parentheses", "[collect][proc]") {
  // comm "a) (b c" is legal: the kernel does not escape it, so the last ')' ends it.
  std::string line =
      "4242 (a) (b c) S 17 4242 4242 0 -1 4194560 120 0 0 0 7 3 0 0 20 0 1 0 123456 5746688 171 "
      "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
  std::optional<ProcStat> st = ParseStat(line);
  REQUIRE(st);
  CHECK(st->pid == 4242);
  CHECK(st->comm == "a) (b c");
  CHECK(st->state == 'S');
  CHECK(st->ppid == 17);
  CHECK(st->utime_ticks == 7);
  CHECK(st->stime_ticks == 3);
  CHECK(st->start_ticks == 123456);
}

TEST_CASE("ParseStat of a kernel thread and of malformed lines", "[collect][proc]") {
  std::optional<ProcStat> k = ParseStat("2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 3 0 0 "
                                        "18446744073709551615 0 0 0 0 0 0 0 2147483647 0 0 0 0 0 1 0 0 0 0 0");
  REQUIRE(k);
  CHECK(k->comm == "kthreadd");
  CHECK(k->ppid == 0);
  CHECK(k->start_ticks == 3);
  CHECK_FALSE(ParseStat(""));
  CHECK_FALSE(ParseStat("12 (no close S 1 2 3"));
  CHECK_FALSE(ParseStat("12 (short) S 1 2 3"));
  CHECK_FALSE(ParseStat("x (comm) S 1 4242 4242 0 -1 4194560 120 0 0 0 7 3 0 0 20 0 1 0 123456 5746688"));
}

TEST_CASE("ParseBootTime and ParseStatusEuid find their lines", "[collect][proc]") {
  std::string stat = "cpu  10 0 5 100 0 0 0 0 0 0\ncpu0 10 0 5 100 0 0 0 0 0 0\nintr 12 0\nctxt 99\n"
                     "btime 1764370000\nprocesses 4321\n";
  CHECK(ParseBootTime(stat) == 1764370000);
  CHECK_FALSE(ParseBootTime("cpu 1 2 3\n"));
  std::string status = "Name:\tsleep\nUmask:\t0022\nState:\tS (sleeping)\nPid:\t77\nPPid:\t1\n"
                       "Uid:\t1000\t1001\t1001\t1001\nGid:\t100\t100\t100\t100\n";
  CHECK(ParseStatusEuid(status) == 1001u);
  CHECK_FALSE(ParseStatusEuid("Name:\tx\n"));
}

TEST_CASE("JoinCmdline joins NUL-separated arguments with spaces", "[collect][proc]") {
  CHECK(JoinCmdline("sleep\0" "30\0"s) == "sleep 30");
  CHECK(JoinCmdline("/usr/bin/python3\0-c\0print('a b')\0"s) == "/usr/bin/python3 -c print('a b')");
  CHECK(JoinCmdline("nginx: worker process"s) == "nginx: worker process");  // argv rewritten in place
  CHECK(JoinCmdline(""s).empty());
  CHECK(JoinCmdline("a\0\0b\0"s) == "a  b");  // an empty argument stays visible
}

TEST_CASE("StripDeleted and SplitPath", "[collect][proc]") {
  std::string p = "/tmp/payload (deleted)";
  CHECK(StripDeleted(&p));
  CHECK(p == "/tmp/payload");
  std::string q = "/usr/bin/sleep";
  CHECK_FALSE(StripDeleted(&q));
  CHECK(q == "/usr/bin/sleep");
  CHECK(SplitPath("/usr/bin/sleep").folder == "/usr/bin");
  CHECK(SplitPath("/usr/bin/sleep").name == "sleep");
  CHECK(SplitPath("/init").folder == "/");
  CHECK(SplitPath("/init").name == "init");
  CHECK(SplitPath("/opt/my app/run me").name == "run me");
}

TEST_CASE("ParseMapsFiles lists mapped files once with spaces and deleted files", "[collect][proc]") {
  std::string maps =
      "55f8ec3de000-55f8ec3e0000 r--p 00000000 fe:00 247134                     /usr/bin/cat\n"
      "55f8ec3e0000-55f8ec3e5000 r-xp 00002000 fe:00 247134                     /usr/bin/cat\n"
      "55f8ed000000-55f8ed021000 rw-p 00000000 00:00 0                          [heap]\n"
      "7f0000000000-7f0000001000 r-xp 00000000 fe:00 1001                       /opt/my app/lib x.so\n"
      "7f0000001000-7f0000002000 rw-p 00000000 00:00 0 \n"
      "7f0000002000-7f0000003000 r-xp 00000000 00:1f 5                          /memfd:stage2 (deleted)\n"
      "7f0000003000-7f0000004000 r-xp 00000000 fe:00 66                         /tmp/implant (deleted)\n"
      "7f0000004000-7f0000005000 r--p 00000000 fe:00 247134                     /usr/bin/cat\n"
      "7ffc00000000-7ffc00021000 rw-p 00000000 00:00 0                          [stack]\n"
      "7ffc00022000-7ffc00024000 r-xp 00000000 00:00 0                          [vdso]";
  CHECK(ParseMapsFiles(maps) ==
        std::vector<std::string>{"/usr/bin/cat", "/opt/my app/lib x.so", "/memfd:stage2", "/tmp/implant"});
  CHECK(ParseMapsFiles("").empty());
}

TEST_CASE("ClassifyFdTarget tells files sockets pipes and anonymous inodes apart", "[collect][proc]") {
  FdTarget sock = ClassifyFdTarget("socket:[12345]");
  CHECK(sock.kind == FdKind::kSocket);
  CHECK(sock.inode == 12345);
  CHECK(FdKindName(sock.kind) == "Socket");
  FdTarget pipe = ClassifyFdTarget("pipe:[77]");
  CHECK(pipe.kind == FdKind::kPipe);
  CHECK(pipe.inode == 77);
  FdTarget file = ClassifyFdTarget("/var/log/x y.log (deleted)");
  CHECK(file.kind == FdKind::kFile);
  CHECK(file.name == "/var/log/x y.log");
  CHECK(file.deleted);
  CHECK(file.inode == 0);
  CHECK(ClassifyFdTarget("anon_inode:[eventfd]").kind == FdKind::kAnonInode);
  CHECK(ClassifyFdTarget("net:[4026531840]").kind == FdKind::kOther);
  CHECK(ClassifyFdTarget("socket:[x]").inode == 0);
}

}  // namespace
}  // namespace iocscan::collect
