// Scans of trees built to hurt: FIFOs and sockets that must never be read, symlink loops, links out
// of the scope, unreadable entries, hostile names, a 10,000-deep chain, empty and huge sparse files.
// Every scan runs under a watchdog so a hang fails the test instead of stalling the suite.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <future>
#include <string>
#include <vector>

#include "scan/scan_test_util.h"

namespace iocscan::scan::testing {
namespace {

// Runs the scan on another thread; past `seconds`, opens `fifos` for writing (which releases a
// reader blocked in open or read on them), waits for the scan and fails the test.
ScanOutcome ScanWithWatchdog(const std::vector<std::string>& iocs, const ScanOptions& options,
                             const std::vector<std::string>& fifos = {}, int seconds = 60) {
  Result<PreparedIocs> prepared = PrepareIocs(iocs, {});
  REQUIRE(prepared.ok());
  const compile::CompiledSet& set = prepared.value().set;
  std::future<ScanOutcome> f = std::async(std::launch::async, [&] { return RunScan(set, options, {}); });
  if (f.wait_for(std::chrono::seconds(seconds)) != std::future_status::ready) {
    for (const std::string& fifo : fifos) {
      int fd = ::open(fifo.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
      if (fd >= 0) ::close(fd);
    }
    ScanOutcome out = f.get();
    FAIL("the scan did not finish within " << seconds << " s");
    return out;
  }
  return f.get();
}

void MakeFifo(const ScratchDir& dir, std::string_view name) {
  REQUIRE(::mkfifo(dir.Join(name).c_str(), 0644) == 0);
}

// A bound unix socket at `path`; the descriptor is closed at the end (the node stays).
class UnixSocket {
 public:
  explicit UnixSocket(const std::string& path) {
    fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    REQUIRE(path.size() < sizeof addr.sun_path);
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(fd_, 1) == 0);
  }
  ~UnixSocket() { ::close(fd_); }

 private:
  int fd_ = -1;
};

void Symlink(const std::string& target, const std::string& link) { REQUIRE(::symlink(target.c_str(), link.c_str()) == 0); }

TEST_CASE("scan: FIFOs and sockets are matched by name and never read", "[scan][hostile]") {
  ScratchDir tree;
  const std::string content = "regular content";
  tree.Write("regular.bin", content);
  MakeFifo(tree, "pipe.bin");
  UnixSocket socket(tree.Join("sock.bin"));
  Symlink("pipe.bin", tree.Join("pipe-link.bin"));
  ScratchDir iocs;
  // Every file is asked for its digest: the FIFO and the socket must be refused, not opened.
  iocs.Write("content.ioc", Doc11("content", OR(T11("is", "FileItem/Md5sum", Md5(content)) +
                                                T11("is", "FileItem/Sha256sum", Sha256("")))));
  iocs.Write("names.ioc", Doc11("names", OR(AND(T11("ends-with", "FileItem/FileName", ".bin") +
                                                T11("is", "FileItem/Md5sum", Md5(content), {.negate = true})) +
                                            T11("is", "FileItem/FileName", "sock.bin"))));
  for (bool follow : {false, true}) {
    INFO("follow_symlinks " << follow);
    ScanOptions options = Scope(tree.path(), 1);
    options.follow_symlinks = follow;
    ScanOutcome out = ScanWithWatchdog({iocs.path()}, options, {tree.Join("pipe.bin")});
    CHECK(out.summary.status == report::ScanStatus::kComplete);
    CHECK(out.summary.files_visited == 4);
    CHECK(MatchedNames(out, "content") == std::vector<std::string>{"regular.bin"});
    // The negated digest needs a digest: the FIFO, the socket and the link have none.
    CHECK(MatchedNames(out, "names") == std::vector<std::string>{"sock.bin"});
    // Only regular.bin is ever opened (once for the terms' digests, maybe again for the card's).
    CHECK(out.summary.files_read >= 1);
    CHECK(out.summary.files_read <= 2);
    CHECK(out.summary.bytes_read == out.summary.files_read * content.size());
    if (const report::Card* c = CardOf(out, "names")) {
      REQUIRE(c->items.size() == 1);
      CHECK(TextOf(c->items[0], "FullPath") == tree.Join("sock.bin"));
      CHECK(FieldOf(c->items[0], "Md5sum") == nullptr);
    }
  }
}

TEST_CASE("scan: symlink loops end the walk cleanly and the links are judged as links", "[scan][hostile]") {
  ScratchDir tree;
  Symlink("loop2", tree.Join("loop1"));
  Symlink("loop1", tree.Join("loop2"));
  Symlink("self", tree.Join("self"));
  MkDir(tree, "sub");
  Symlink("..", tree.Join("sub/up"));
  Symlink(tree.path(), tree.Join("sub/root"));
  tree.Write("sub/file.txt", "x");
  ScratchDir iocs;
  iocs.Write("loop.ioc", Doc11("loop", OR(T11("starts-with", "FileItem/FileName", "loop"))));
  iocs.Write("digest.ioc", Doc11("digest", OR(T11("is", "FileItem/Md5sum", Md5("x")))));
  for (bool follow : {false, true}) {
    INFO("follow_symlinks " << follow);
    ScanOptions options = Scope(tree.path(), 2);
    options.follow_symlinks = follow;
    ScanOutcome out = ScanWithWatchdog({iocs.path()}, options);
    CHECK(out.summary.status == report::ScanStatus::kComplete);
    // Folder links are never descended: file.txt is seen once, through sub only.
    const report::Card* digest = CardOf(out, "digest");
    REQUIRE(digest != nullptr);
    CHECK(MatchedPaths(*digest) == std::vector<std::string>{tree.Join("sub/file.txt")});
    // A link that cannot be followed is still there as a link: its name matches.
    CHECK(out.summary.files_visited == 6);
    CHECK(MatchedNames(out, "loop") == std::vector<std::string>{"loop1", "loop2"});
  }
}

TEST_CASE("scan: a symlink out of the scope never matches by its target", "[scan][hostile]") {
  ScratchDir top;
  const std::string secret = "TOP SECRET CONTENT";  // 18 bytes
  const std::string inside = "inside content";
  MkDir(top, "outside");
  MkDir(top, "scope");
  top.Write("outside/secret.bin", secret);
  top.Write("scope/inside.txt", inside);
  Symlink("../outside/secret.bin", top.Join("scope/relative-link"));
  Symlink(top.Join("outside/secret.bin"), top.Join("scope/absolute-link"));
  Symlink("inside.txt", top.Join("scope/in-link"));
  Symlink("../outside", top.Join("scope/outdir"));
  ScratchDir iocs;
  iocs.Write("secret-md5.ioc", Doc11("secret-md5", OR(T11("is", "FileItem/Md5sum", Md5(secret)))));
  iocs.Write("secret-name.ioc", Doc11("secret-name", OR(T11("is", "FileItem/FileName", "secret.bin") +
                                                        T11("contains", "FileItem/FullPath", "/outside/"))));
  iocs.Write("secret-size.ioc", Doc11("secret-size", OR(T11("is", "FileItem/SizeInBytes", "18"))));
  iocs.Write("inside-md5.ioc", Doc11("inside-md5", OR(T11("is", "FileItem/Md5sum", Md5(inside)))));

  SECTION("without --follow-symlinks: links are themselves") {
    ScanOptions options = Scope(top.Join("scope"), 2);
    ScanOutcome out = ScanWithWatchdog({iocs.path()}, options);
    CHECK(out.summary.files_visited == 5);
    CHECK(CardOf(out, "secret-md5") == nullptr);
    CHECK(CardOf(out, "secret-name") == nullptr);
    CHECK(CardOf(out, "secret-size") == nullptr);
    CHECK(MatchedNames(out, "inside-md5") == std::vector<std::string>{"inside.txt"});
  }
  SECTION("with --follow-symlinks: only targets inside the scope are followed") {
    ScanOptions options = Scope(top.Join("scope"), 2);
    options.follow_symlinks = true;
    ScanOutcome out = ScanWithWatchdog({iocs.path()}, options);
    CHECK(CardOf(out, "secret-md5") == nullptr);
    CHECK(CardOf(out, "secret-name") == nullptr);
    CHECK(CardOf(out, "secret-size") == nullptr);
    const report::Card* card = CardOf(out, "inside-md5");
    REQUIRE(card != nullptr);
    // The followed link is reported at its own path, with its target's digests.
    CHECK(MatchedPaths(*card) == std::vector<std::string>{top.Join("scope/in-link"), top.Join("scope/inside.txt")});
    for (const report::CardItem& item : card->items) CHECK(TextOf(item, "Sha256sum") == Sha256(inside));
  }
}

TEST_CASE("scan: unreadable files and folders are counted and not fatal", "[scan][hostile]") {
  ScratchDir tree;
  const std::string locked = "locked content";
  tree.Write("open.bin", "open");
  tree.Write("locked.bin", locked, 0000);
  MkDir(tree, "lockeddir");
  tree.Write("lockeddir/inner.bin", locked);
  REQUIRE(::chmod(tree.Join("lockeddir").c_str(), 0000) == 0);
  ScratchDir iocs;
  iocs.Write("locked.ioc", Doc11("locked", OR(T11("is", "FileItem/Md5sum", Md5(locked)))));
  iocs.Write("names.ioc", Doc11("names", OR(T11("ends-with", "FileItem/FileName", ".bin"))));
  ScanOutcome out = ScanWithWatchdog({iocs.path()}, Scope(tree.path(), 2));
  ::chmod(tree.Join("lockeddir").c_str(), 0755);
  CHECK(out.summary.status == report::ScanStatus::kComplete);
  if (::geteuid() != 0) {
    // The locked file is still matched by name; its content and the folder's entries are out of reach.
    CHECK(CardOf(out, "locked") == nullptr);
    CHECK(MatchedNames(out, "names") == std::vector<std::string>{"locked.bin", "open.bin"});
    CHECK(out.summary.files_visited == 2);
    CHECK(out.summary.unreadable_by_errno.at("EACCES") == 2);
    CHECK(out.summary.errors_by_kind.at("open") == 1);
    CHECK(out.summary.errors_by_kind.at("walk") == 1);
    CHECK(FieldOf(CardOf(out, "names")->items.at(0), "Md5sum") == nullptr);
  } else {
    // root reads mode-0000 files and folders: everything is there.
    CHECK(MatchedNames(out, "locked") == std::vector<std::string>{"inner.bin", "locked.bin"});
    CHECK(MatchedNames(out, "names") == std::vector<std::string>{"inner.bin", "locked.bin", "open.bin"});
    CHECK(out.summary.unreadable_by_errno.empty());
  }
}

TEST_CASE("scan: names with newlines and invalid UTF-8 and leading dashes keep their exact bytes", "[scan][hostile]") {
  ScratchDir tree;
  const std::string newline = "line1\nline2.txt";
  const std::string invalid = "bad\xff\xfe\x80name.bin";
  const std::string dashes = "-rf";
  const std::string control = "esc\x1b[31mred";
  for (const std::string& name : {newline, invalid, dashes, control, std::string("--help")}) tree.Write(name, name);
  ScratchDir iocs;
  iocs.Write("newline.ioc", Doc11("newline", OR(T11("is", "FileItem/FileName", newline))));
  iocs.Write("invalid.ioc", Doc11("invalid", OR(AND(T11("starts-with", "FileItem/FileName", "bad") +
                                                    T11("ends-with", "FileItem/FileName", "name.bin")))));
  iocs.Write("dashes.ioc", Doc11("dashes", OR(T11("is", "FileItem/FileName", dashes) +
                                              T11("is", "FileItem/FullPath", tree.Join("--help")))));
  iocs.Write("control.ioc", Doc11("control", OR(T11("matches", "FileItem/FileName", "^esc.\\[31m"))));
  ScanOutcome out = ScanWithWatchdog({iocs.path()}, Scope(tree.path(), 2));
  CHECK(out.summary.files_visited == 5);

  const report::Card* c = CardOf(out, "newline");
  REQUIRE(c != nullptr);
  REQUIRE(c->items.size() == 1);
  CHECK(TextOf(c->items[0], "FullPath") == tree.Join(newline));
  CHECK(TextOf(c->items[0], "FileName") == newline);
  CHECK(TextOf(c->items[0], "Md5sum") == Md5(newline));
  CHECK(c->items[0].terms == std::vector<std::string>{"FileItem/FileName is \"line1\\nline2.txt\""});

  c = CardOf(out, "invalid");
  REQUIRE(c != nullptr);
  REQUIRE(c->items.size() == 1);
  CHECK(TextOf(c->items[0], "FullPath") == tree.Join(invalid));
  CHECK(TextOf(c->items[0], "FileName") == invalid);

  c = CardOf(out, "dashes");
  REQUIRE(c != nullptr);
  CHECK(MatchedPaths(*c) == std::vector<std::string>{tree.Join("--help"), tree.Join("-rf")});

  c = CardOf(out, "control");
  REQUIRE(c != nullptr);
  REQUIRE(c->items.size() == 1);
  CHECK(TextOf(c->items[0], "FullPath") == tree.Join(control));
}

// A chain root/d/d/.../d (`depth` folders) with bottom.bin at the end, made and removed one level
// at a time through descriptors (the path is far longer than PATH_MAX).
class DeepChain {
 public:
  DeepChain(int root_fd, int depth) : root_fd_(root_fd) {
    int fd = ::dup(root_fd);
    bool ok = fd >= 0;
    for (int i = 0; ok && i < depth; ++i) {
      int next = ::mkdirat(fd, "d", 0755) == 0 ? ::openat(fd, "d", O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
      ::close(fd);
      fd = next;
      ok = fd >= 0;
    }
    if (ok) {
      int file = ::openat(fd, "bottom.bin", O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
      ok = file >= 0;
      if (ok) ::close(file);
      ::close(fd);
    }
    REQUIRE(ok);
  }
  // Goes down to the bottom, then back up through "..", removing each folder on the way.
  ~DeepChain() {
    int fd = ::dup(root_fd_);
    int levels = 0;
    for (int next; (next = ::openat(fd, "d", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0; ++levels) {
      ::close(fd);
      fd = next;
    }
    ::unlinkat(fd, "bottom.bin", 0);
    for (; levels > 0; --levels) {
      int parent = ::openat(fd, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      ::close(fd);
      fd = parent;
      if (fd < 0 || ::unlinkat(fd, "d", AT_REMOVEDIR) != 0) break;
    }
    if (fd >= 0) ::close(fd);
  }

 private:
  int root_fd_;
};

// A scratch folder on tmpfs when there is one: 10,000 mkdir/rmdir on a disk mounted with `discard`
// take half a minute, on tmpfs a fraction of a second.
class FastScratch {
 public:
  FastScratch() {
    std::string base = ::access("/dev/shm", W_OK | X_OK) == 0 ? "/dev/shm" : std::filesystem::temp_directory_path().string();
    std::string tmpl = base + "/iocscan-deep-XXXXXX";
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    path_ = tmpl;
    fd_ = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    REQUIRE(fd_ >= 0);
  }
  ~FastScratch() {
    ::close(fd_);
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  int fd() const { return fd_; }

 private:
  std::string path_;
  int fd_ = -1;
};

TEST_CASE("scan: a 10000-deep folder chain is walked to the cap and the summary says so", "[scan][hostile]") {
  FastScratch tree;
  DeepChain chain(tree.fd(), 10000);
  int top = ::openat(tree.fd(), "top.bin", O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
  REQUIRE(top >= 0);
  ::close(top);
  ScratchDir iocs;
  iocs.Write("deep.ioc", Doc11("deep", OR(T11("ends-with", "FileItem/FileName", ".bin"))));
  ScanOutcome out = ScanWithWatchdog({iocs.path()}, Scope(tree.path(), 2), {}, 300);
  CHECK(out.summary.status == report::ScanStatus::kComplete);
  CHECK(MatchedNames(out, "deep") == std::vector<std::string>{"top.bin"});
  CHECK(out.summary.files_visited == 1);
  CHECK(HasWarningContaining(out.warnings, "1 folder(s) deeper than 4096 levels were not entered"));
}

TEST_CASE("scan: an empty file has the empty digests", "[scan][hostile]") {
  ScratchDir tree;
  tree.Write("empty", "");
  tree.Write("not-empty", "x");
  ScratchDir iocs;
  iocs.Write("md5.ioc", Doc11("md5", OR(T11("is", "FileItem/Md5sum", "d41d8cd98f00b204e9800998ecf8427e"))));
  iocs.Write("sha256.ioc", Doc11("sha256", OR(T11("is", "FileItem/Sha256sum",
                                                  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))));
  Result<PreparedIocs> prepared = PrepareIocs({iocs.path()}, {});
  REQUIRE(prepared.ok());
  // The empty-input digest is legal, and worth a warning (it matches every empty file).
  CHECK(prepared.value().set.report(0).usable());
  ScanOutcome out = RunScan(prepared.value().set, Scope(tree.path(), 1), {});
  for (const char* id : {"md5", "sha256"}) {
    INFO(id);
    const report::Card* c = CardOf(out, id);
    REQUIRE(c != nullptr);
    REQUIRE(c->items.size() == 1);
    CHECK(TextOf(c->items[0], "FileName") == "empty");
    CHECK(TextOf(c->items[0], "Md5sum") == "d41d8cd98f00b204e9800998ecf8427e");
    CHECK(TextOf(c->items[0], "Sha1sum") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    CHECK(FieldOf(c->items[0], "SizeInBytes")->values.at(0).integer == 0);
  }
}

TEST_CASE("scan: files over max_read_bytes keep size and name terms but get no digest", "[scan][hostile]") {
  ScratchDir tree;
  const std::string two_mib(2u << 20, 'z');
  tree.Write("two-mib.bin", two_mib);
  {
    int fd = ::open(tree.Join("sparse-4g.img").c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
    REQUIRE(fd >= 0);
    REQUIRE(::ftruncate(fd, 4ll << 30) == 0);
    ::close(fd);
  }
  ScratchDir iocs;
  iocs.Write("size.ioc", Doc11("size", OR(T11("is", "FileItem/SizeInBytes", "4294967296"))));
  iocs.Write("md5.ioc", Doc11("md5", OR(T11("is", "FileItem/Md5sum", Md5(two_mib)))));
  iocs.Write("zeros.ioc", Doc11("zeros", OR(AND(T11("ends-with", "FileItem/FileName", ".img") +
                                                T11("is", "FileItem/Md5sum", Md5(""), {.negate = true})))));

  SECTION("default limit: the 2 MiB file is hashed, the 4 GiB one is not") {
    ScanOutcome out = ScanWithWatchdog({iocs.path()}, Scope(tree.path(), 2));
    CHECK(MatchedNames(out, "md5") == std::vector<std::string>{"two-mib.bin"});
    CHECK(CardOf(out, "zeros") == nullptr);  // no digest: the negated term fails too
    const report::Card* c = CardOf(out, "size");
    REQUIRE(c != nullptr);
    REQUIRE(c->items.size() == 1);
    CHECK(TextOf(c->items[0], "FullPath") == tree.Join("sparse-4g.img"));
    CHECK(FieldOf(c->items[0], "SizeInBytes")->values.at(0).integer == (4ll << 30));
    CHECK(FieldOf(c->items[0], "Md5sum") == nullptr);
    CHECK(out.summary.files_skipped_by_size == 1);
    // Only the 2 MiB file is opened (once for the term's digest, maybe again for the card's).
    CHECK(out.summary.files_read >= 1);
    CHECK(out.summary.files_read <= 2);
    CHECK(out.summary.bytes_read == out.summary.files_read * two_mib.size());
  }
  SECTION("a 1 MiB limit: neither is hashed") {
    ScanOptions options = Scope(tree.path(), 2);
    options.max_read_bytes = 1u << 20;
    ScanOutcome out = ScanWithWatchdog({iocs.path()}, options);
    CHECK(CardOf(out, "md5") == nullptr);
    CHECK(MatchedNames(out, "size") == std::vector<std::string>{"sparse-4g.img"});
    CHECK(out.summary.files_skipped_by_size == 2);
    CHECK(out.summary.files_read == 0);
    CHECK(out.summary.bytes_read == 0);
  }
}

}  // namespace
}  // namespace iocscan::scan::testing
