// The Linux log sources for real: rotated logs found in time order and read line by line (a gzip
// rotation of two members inflated, a cap honoured); journalctl argv and a live read when
// journalctl works on this machine.
#include <catch2/catch.hpp>

#include <zlib.h>

#include <filesystem>

#include "platform/linux/journal_reader.h"
#include "platform/linux/log_files.h"
#include "platform/posix/root_fs.h"
#include "support/scratch_dir.h"

namespace iocscan::platform {
namespace {

using iocscan::testing::ScratchDir;

void Gzip(const std::string& path, const std::vector<std::string>& members) {
  std::string all;
  for (const std::string& m : members) {  // each member a complete gzip stream, concatenated
    gzFile gz = gzopen((path + ".part").c_str(), "wb");
    gzwrite(gz, m.data(), static_cast<unsigned>(m.size()));
    gzclose(gz);
    FILE* f = std::fopen((path + ".part").c_str(), "rb");
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) all.append(buf, n);
    std::fclose(f);
  }
  std::filesystem::remove(path + ".part");
  FILE* f = std::fopen(path.c_str(), "wb");
  std::fwrite(all.data(), 1, all.size(), f);
  std::fclose(f);
}

std::vector<std::string> Lines(const RootFs& fs, const LogFile& file, std::uint64_t max = 1 << 20,
                               bool* truncated = nullptr) {
  std::vector<std::string> lines;
  Result<LogReadStats> r = ReadLogLines(fs, file, max, [](std::int64_t) {},
                                        [&](std::string_view l) { lines.emplace_back(l); return true; });
  REQUIRE(r.ok());
  if (truncated) *truncated = r->truncated;
  return lines;
}

TEST_CASE("rotations are found oldest first and gzip ones are inflated", "[platform][logs]") {
  ScratchDir root;
  std::filesystem::create_directories(root.Join("var/log"));
  root.Write("var/log/auth.log", "now 1\nnow 2");  // no final newline: the last line still counts
  root.Write("var/log/auth.log.1", "yesterday\n");
  Gzip(root.Join("var/log/auth.log.2.gz"), {"old 1\n", "old 2\n"});
  root.Write("var/log/auth.log-20261101.gz", "");
  root.Write("var/log/auth.logger", "not a rotation\n");
  root.Write("var/log/auth.log.bak", "not a rotation\n");
  Result<RootFs> fs = RootFs::Open(root.path());
  REQUIRE(fs.ok());
  Result<std::vector<LogFile>> files = FindLogFiles(fs.value(), "/var/log", "auth.log");
  REQUIRE(files.ok());
  std::vector<std::string> paths;
  for (const LogFile& f : files.value()) paths.push_back(f.path);
  CHECK(paths == std::vector<std::string>{"/var/log/auth.log-20261101.gz", "/var/log/auth.log.2.gz",
                                          "/var/log/auth.log.1", "/var/log/auth.log"});
  CHECK(files.value()[1].gzip);
  CHECK(Lines(fs.value(), files.value()[1]) == std::vector<std::string>{"old 1", "old 2"});
  CHECK(Lines(fs.value(), files.value()[3]) == std::vector<std::string>{"now 1", "now 2"});
  bool truncated = false;
  // A line cut by the cap is not handed out (it would be misread).
  CHECK(Lines(fs.value(), files.value()[3], 8, &truncated) == std::vector<std::string>{"now 1"});
  CHECK(truncated);
  CHECK(FindLogFiles(fs.value(), "/nowhere", "auth.log").value().empty());
}

TEST_CASE("corrupt gzip data is an error after the good lines", "[platform][logs]") {
  ScratchDir root;
  Gzip(root.Join("x.gz"), {"good line\n"});
  {
    FILE* f = std::fopen(root.Join("x.gz").c_str(), "ab");
    std::fputs("garbage that is not gzip", f);
    std::fclose(f);
  }
  Result<RootFs> fs = RootFs::Open(root.path());
  std::vector<std::string> lines;
  Result<LogReadStats> r = ReadLogLines(fs.value(), {"/x.gz", true}, 1 << 20, [](std::int64_t) {},
                                        [&](std::string_view l) { lines.emplace_back(l); return true; });
  CHECK_FALSE(r.ok());
  CHECK(lines == std::vector<std::string>{"good line"});
}

TEST_CASE("journalctl gets argv only, with the window as @epoch bounds", "[platform][journal]") {
  JournalQuery q;
  q.since = 100;
  q.until = 200;
  q.matches = {"SYSLOG_IDENTIFIER=sudo"};
  CHECK(JournalArgs("/usr/bin/journalctl", q) ==
        std::vector<std::string>{"/usr/bin/journalctl", "-o", "json", "--no-pager", "-q", "--since=@100",
                                 "--until=@201", "SYSLOG_IDENTIFIER=sudo"});
}

TEST_CASE("the live journal is read line by line when journalctl works here", "[platform][journal][live]") {
  JournalQuery q;
  q.max_records = 5;
  std::vector<std::string> lines;
  Result<JournalReadStats> r = ReadJournal(q, nullptr, [&](std::string_view l) { lines.emplace_back(l); return true; });
  if (!r.ok() || !r->found) {
    WARN("journalctl missing or failing here: " << (r.ok() ? std::string("not found") : r.error().Text()) << "; skipped");
    return;
  }
  if (lines.empty()) {
    WARN("the journal is empty on this machine; skipped");
    return;
  }
  CHECK(lines.size() <= 5);
  CHECK(lines.front().front() == '{');
  CHECK(lines.front().find("__REALTIME_TIMESTAMP") != std::string::npos);
}

}  // namespace
}  // namespace iocscan::platform
