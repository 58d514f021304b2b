// Work is lazy (a file ruled out by its name is never opened) and a scan stops when told: by the
// interrupt flag (status "interrupted") or its time limit (status "timeout"), cards kept.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "scan/scan_test_util.h"

namespace iocscan::scan::testing {
namespace {

using Clock = std::chrono::steady_clock;

// 20 folders of 20 files, each with its own content; "x" in folder 7 holds kX.
const std::string kX = "the content of x";

struct ManyFiles {
  ScratchDir dir;
  ManyFiles() {
    for (int d = 0; d < 20; ++d) {
      std::string folder = "d" + std::to_string(d);
      MkDir(dir, folder);
      for (int f = 0; f < 20; ++f) dir.Write(folder + "/f" + std::to_string(f) + ".dat", "file " + folder + "/" + std::to_string(f));
    }
    dir.Write("d7/x", kX);
  }
  static constexpr std::uint64_t kFiles = 401;
};

TEST_CASE("scan: name and path and size and date terms never open a file", "[scan][lazy]") {
  ManyFiles tree;
  ScratchDir iocs;
  iocs.Write("names.ioc", Doc11("names", OR(T11("is", "FileItem/FileName", "nope.exe") +
                                            T11("contains", "FileItem/FullPath", "/nowhere/") +
                                            T11("matches", "FileItem/FileExtension", "^(exe|dll)$") +
                                            T11("greater-than", "FileItem/SizeInBytes", "1000000") +
                                            T11("less-than", "FileItem/Modified", "2000-01-01T00:00:00Z") +
                                            T11("is", "FileItem/Username", "no-such-user-iocscan"))));
  for (int threads : {1, 2}) {
    INFO("threads " << threads);
    ScanOutcome out = PrepareAndScan({iocs.path()}, Scope(tree.dir.path(), threads));
    CHECK(out.cards.empty());
    CHECK(out.summary.files_visited == ManyFiles::kFiles);
    CHECK(out.summary.items_per_document.at("FileItem") == ManyFiles::kFiles);
    CHECK(out.summary.files_read == 0);
    CHECK(out.summary.bytes_read == 0);
  }
}

TEST_CASE("scan: a digest behind a name opens only the files with that name", "[scan][lazy]") {
  ManyFiles tree;
  ScratchDir iocs;
  SECTION("the digest does not match: x alone is read") {
    iocs.Write("x.ioc", Doc11("x", OR(AND(T11("is", "FileItem/FileName", "x") +
                                          T11("is", "FileItem/Md5sum", Md5("something else"))))));
    ScanOutcome out = PrepareAndScan({iocs.path()}, Scope(tree.dir.path(), 2));
    CHECK(out.cards.empty());
    CHECK(out.summary.files_read == 1);
    CHECK(out.summary.bytes_read == kX.size());
  }
  SECTION("the digest matches: only x is read, and its card has every digest") {
    iocs.Write("x.ioc", Doc11("x", OR(AND(T11("is", "FileItem/FileName", "x") +
                                          T11("is", "FileItem/Md5sum", Md5(kX))))));
    ScanOutcome out = PrepareAndScan({iocs.path()}, Scope(tree.dir.path(), 2));
    REQUIRE(out.cards.size() == 1);
    REQUIRE(out.cards[0].items.size() == 1);
    CHECK(TextOf(out.cards[0].items[0], "Sha256sum") == Sha256(kX));
    // No other file was opened; x itself may be read again for the card's other digests.
    CHECK(out.summary.files_read >= 1);
    CHECK(out.summary.files_read <= 2);
    CHECK(out.summary.bytes_read == out.summary.files_read * kX.size());
  }
  SECTION("a name that rules out every file: nothing is read") {
    iocs.Write("x.ioc", Doc11("x", OR(AND(T11("starts-with", "FileItem/FileName", "zz") +
                                          T11("is", "FileItem/Sha1sum", Sha1(kX))))));
    ScanOutcome out = PrepareAndScan({iocs.path()}, Scope(tree.dir.path(), 1));
    CHECK(out.cards.empty());
    CHECK(out.summary.files_read == 0);
  }
}

TEST_CASE("scan: a name-only match reads only the matched files for their card", "[scan][lazy]") {
  ManyFiles tree;
  ScratchDir iocs;
  iocs.Write("x.ioc", Doc11("x", OR(T11("is", "FileItem/FileName", "x"))));
  ScanOutcome out = PrepareAndScan({iocs.path()}, Scope(tree.dir.path(), 2));
  REQUIRE(out.cards.size() == 1);
  CHECK(TextOf(out.cards[0].items.at(0), "Md5sum") == Md5(kX));
  CHECK(out.summary.files_read == 1);
  CHECK(out.summary.bytes_read == kX.size());
}

// A scan of /usr that hashes every file: long enough to be stopped.
std::string HashEverything(const ScratchDir& iocs) {
  return iocs.Write("hash.ioc", Doc11("hash", OR(T11("is", "FileItem/Sha256sum", std::string(63, '0') + "1") +
                                                 T11("is", "FileItem/FileName", "ls"))));
}

bool UsrIsBig() {
  struct stat st {};
  return ::stat("/usr/lib", &st) == 0 && S_ISDIR(st.st_mode);
}

TEST_CASE("scan: an interrupt set before the scan stops it as interrupted", "[scan][stop]") {
  if (!UsrIsBig()) return;
  ScratchDir iocs;
  HashEverything(iocs);
  std::atomic<bool> interrupt{true};
  ScanControl control;
  control.interrupt = &interrupt;
  const auto start = Clock::now();
  ScanOutcome out = PrepareAndScan({iocs.path()}, Scope("/usr", 1), control);
  CHECK(Clock::now() - start < std::chrono::seconds(30));
  CHECK(out.summary.status == report::ScanStatus::kInterrupted);
}

TEST_CASE("scan: an interrupt during the scan stops it promptly and keeps the cards", "[scan][stop]") {
  if (!UsrIsBig()) return;
  ScratchDir iocs;
  HashEverything(iocs);
  std::atomic<bool> interrupt{false};
  std::atomic<int> progress_calls{0};
  ScanControl control;
  control.interrupt = &interrupt;
  // Interrupt once the sweep has visited some files (on_progress runs on the monitor thread).
  control.on_progress = [&](const Progress& p) {
    ++progress_calls;
    if (p.files > 0) interrupt = true;
  };
  const auto start = Clock::now();
  ScanOutcome out = PrepareAndScan({iocs.path()}, Scope("/usr", 2), control);
  CHECK(Clock::now() - start < std::chrono::seconds(30));
  CHECK(out.summary.status == report::ScanStatus::kInterrupted);
  CHECK(progress_calls > 0);
  CHECK(out.summary.files_visited > 0);
  CHECK(out.summary.cards == out.cards.size());
}

TEST_CASE("scan: the time limit stops a long scan with status timeout", "[scan][stop]") {
  if (!UsrIsBig()) return;
  ScratchDir iocs;
  HashEverything(iocs);
  ScanOptions options = Scope("/usr", 1);
  options.timeout_seconds = 1;
  const auto start = Clock::now();
  ScanOutcome out = PrepareAndScan({iocs.path()}, options);
  CHECK(Clock::now() - start < std::chrono::seconds(30));
  if (out.summary.status == report::ScanStatus::kComplete && out.summary.duration_seconds < 1.0) {
    WARN("/usr was hashed in under a second: too small to test the time limit");
    return;
  }
  CHECK(out.summary.status == report::ScanStatus::kTimeout);
  CHECK(out.summary.duration_seconds >= 1.0);
  CHECK(out.summary.cards == out.cards.size());
}

TEST_CASE("scan: a short scan with a generous time limit completes", "[scan][stop]") {
  ManyFiles tree;
  ScratchDir iocs;
  iocs.Write("x.ioc", Doc11("x", OR(T11("is", "FileItem/FileName", "x"))));
  ScanOptions options = Scope(tree.dir.path(), 2);
  options.timeout_seconds = 600;
  std::atomic<bool> interrupt{false};
  ScanControl control;
  control.interrupt = &interrupt;
  ScanOutcome out = PrepareAndScan({iocs.path()}, options, control);
  CHECK(out.summary.status == report::ScanStatus::kComplete);
  CHECK(out.cards.size() == 1);
  CHECK(out.summary.end >= out.summary.start);
}

}  // namespace
}  // namespace iocscan::scan::testing
