// The Windows walker back end (platform/windows/walk/walker.cc) and the Win32 StatAt/SafeOpen on
// real trees in the temporary folder, checked against std::filesystem's own listing.
#include "walk/walker.h"

#include <windows.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "core/native_path.h"
#include "hash/digest.h"
#include "platform/file_stat.h"
#include "platform/safe_open.h"

namespace iocscan::walk {
namespace {

namespace fs = std::filesystem;

class TempTree {
 public:
  TempTree() {
    static int counter = 0;
    root_ = fs::temp_directory_path() /
            ("iocscan-walk-" + std::to_string(::GetCurrentProcessId()) + "-" + std::to_string(counter++));
    fs::create_directories(root_);
  }
  ~TempTree() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  std::string path() const { return Utf8FromPath(root_); }
  // Writes a file at `rel` ('/'-separated, UTF-8), creating folders; returns its full path.
  std::string Write(const std::string& rel, const std::string& content) const {
    fs::path p = (root_ / PathFromUtf8(rel)).make_preferred();
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return Utf8FromPath(p);
  }
  // Every non-folder below the root, as std::filesystem sees it.
  std::set<std::string> Reference() const {
    std::set<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(root_)) {
      if (!e.is_directory()) out.insert(Utf8FromPath(e.path()));
    }
    return out;
  }

 private:
  fs::path root_;
};

struct Recorded {
  std::mutex mu;
  std::set<std::string> paths;
  std::vector<platform::FileStat> stats;
};

VisitorFactory Recording(Recorded* r) {
  class V : public Visitor {
   public:
    explicit V(Recorded* r) : r_(r) {}
    void OnFile(const Entry& e) override {
      const platform::FileStat* st = e.CachedStat();
      std::lock_guard lock(r_->mu);
      r_->paths.insert(std::string(e.path));
      if (st != nullptr) r_->stats.push_back(*st);
    }

   private:
    Recorded* r_;
  };
  return [r](int) { return std::make_unique<V>(r); };
}

TEST_CASE("windows walk: every file of a generated tree, with 1 and 3 workers", "[windows][walk]") {
  TempTree tree;
  for (int d = 0; d < 6; ++d) {
    for (int f = 0; f < 40; ++f) {
      tree.Write("d" + std::to_string(d) + "/sub" + std::to_string(f % 3) + "/f" + std::to_string(f) + ".txt", "x");
    }
  }
  tree.Write("top.bin", "top");
  tree.Write("d\xc3\xa9j\xc3\xa0/\xe6\xbc\xa2\xe5\xad\x97.txt", "unicode");  // déjà/漢字.txt
  for (int threads : {1, 3}) {
    Recorded seen;
    WalkOptions opt;
    opt.roots = {tree.path()};
    opt.threads = threads;
    WalkStats stats = Walk(opt, Recording(&seen));
    CHECK(seen.paths == tree.Reference());
    CHECK(stats.files == 242);
    CHECK(stats.error_count() == 0);
    CHECK(stats.dirs == 1 + 6 + 18 + 1);
    // The listing gives every entry's stat: size, times and a file id.
    REQUIRE(seen.stats.size() == 242);
    for (const platform::FileStat& st : seen.stats) {
      CHECK(st.type == platform::FileType::kRegular);
      CHECK(st.ino != 0);
      CHECK(st.mtime > 1'600'000'000);
    }
  }
}

TEST_CASE("windows walk: excludes ignore case and accept either separator", "[windows][walk]") {
  TempTree tree;
  tree.Write("Keep/a.txt", "a");
  tree.Write("Cache/b.txt", "b");
  tree.Write("Keep/movie.ISO", "c");
  Recorded seen;
  WalkOptions opt;
  opt.roots = {tree.path()};
  opt.excludes = {tree.path() + "\\cache", "*.iso"};
  WalkStats stats = Walk(opt, Recording(&seen));
  CHECK(seen.paths == std::set<std::string>{tree.path() + "\\Keep\\a.txt"});
  CHECK(stats.skipped_excluded == 2);

  Recorded slashes;
  opt.excludes = {NativeSeparators(tree.path()) + "/KEEP"};
  for (char& c : opt.excludes[0]) c = c == '\\' ? '/' : c;
  Walk(opt, Recording(&slashes));
  CHECK(slashes.paths == std::set<std::string>{tree.path() + "\\Cache\\b.txt"});
}

TEST_CASE("windows walk: roots - a file, a missing one, a duplicate, depth cap, stop", "[windows][walk]") {
  TempTree tree;
  std::string file = tree.Write("a/b/c/deep.txt", "d");
  tree.Write("a/shallow.txt", "s");
  Recorded seen;
  WalkOptions opt;
  opt.roots = {file, tree.path() + "\\missing", tree.path(), tree.path() + "\\"};
  opt.max_depth = 2;
  WalkStats stats = Walk(opt, Recording(&seen));
  CHECK(seen.paths == std::set<std::string>{file, tree.path() + "\\a\\shallow.txt"});
  CHECK(stats.errors[ENOENT] == 1);
  CHECK(stats.depth_capped == 1);  // a\b\c is at depth 3

  std::atomic<bool> stop{true};
  Recorded none;
  opt.roots = {tree.path()};
  opt.stop = &stop;
  WalkStats stopped = Walk(opt, Recording(&none));
  CHECK(stopped.stopped);
  CHECK(none.paths.empty());
}

TEST_CASE("windows StatAt and SafeOpen: identity, refusals and content", "[windows][platform]") {
  TempTree tree;
  std::string file = tree.Write("f.bin", "abc");
  std::optional<platform::FileStat> st = platform::StatAt(platform::kCurrentDir, file.c_str(), false);
  REQUIRE(st);
  CHECK(st->size == 3);
  CHECK(st->type == platform::FileType::kRegular);
  CHECK(st->btime.has_value());

  platform::OpenResult opened = platform::SafeOpen(platform::kCurrentDir, file.c_str(), {st->dev, st->ino});
  REQUIRE(opened.ok());
  char buffer[16];
  REQUIRE(opened.file.Read(buffer, sizeof buffer) == 3);
  hash::MultiDigest d(hash::kSha256);
  d.Update(std::string_view(buffer, 3));
  CHECK(d.Finish().sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

  CHECK(platform::SafeOpen(platform::kCurrentDir, file.c_str(), {st->dev, st->ino + 1}).failure ==
        platform::OpenFailure::kChanged);
  CHECK(platform::SafeOpen(platform::kCurrentDir, tree.path().c_str(), {}).failure ==
        platform::OpenFailure::kPermission);  // a folder: CreateFileW refuses it without backup semantics
  CHECK(platform::SafeOpen(platform::kCurrentDir, (tree.path() + "\\gone").c_str(), {}).failure ==
        platform::OpenFailure::kVanished);
  CHECK(platform::SafeOpen(3, file.c_str(), {}).failure == platform::OpenFailure::kOther);  // no dir fds here
}

}  // namespace
}  // namespace iocscan::walk
