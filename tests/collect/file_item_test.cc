#include "collect/file_item.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "collect/pe_builder.h"
#include "platform/posix/stat_convert.h"
#include "support/scratch_dir.h"
#include "terms/registry.h"

using iocscan::collect::ContentReader;
using iocscan::collect::FileCollectOptions;
using iocscan::collect::FileContext;
using iocscan::collect::FileEntry;
using iocscan::collect::FileField;
using iocscan::collect::FileItem;
using iocscan::collect::FileSchema;
using iocscan::collect::SafeContentReader;
using iocscan::platform::OpenFailure;
using iocscan::testing::ScratchDir;
namespace hash = iocscan::hash;

namespace {

// The read-counting seam: records every content open.
class CountingReader final : public ContentReader {
 public:
  iocscan::platform::OpenResult Open(int dir_fd, const char* name, iocscan::platform::ListedIdentity expected,
                                     bool follow) override {
    opened.emplace_back(name);
    return real_.Open(dir_fd, name, expected, follow);
  }
  std::vector<std::string> opened;

 private:
  SafeContentReader real_;
};

struct Fixture {
  ScratchDir dir;
  FileSchema schema = FileSchema::Resolve();
  iocscan::platform::UserDb users{iocscan::platform::ParsePasswd("tester:x:" + std::to_string(::geteuid()) + ":0::/:\n"),
                                  iocscan::platform::ParseGroup("testers:x:" + std::to_string(::getegid()) + ":\n")};
  CountingReader reader;
  FileCollectOptions options;

  FileContext Context() { return FileContext(schema, users, options, &reader); }
  FileEntry Entry(const std::string& name) { return FileEntry{dir.fd(), name, dir.Join(name), std::nullopt}; }
};

std::string TextOf(FileItem& item, FileField f) {
  const auto* v = item.GetField(f);
  return v ? v->front().text : "<absent>";
}

std::int64_t IntOf(FileItem& item, FileField f) {
  const auto* v = item.GetField(f);
  REQUIRE(v != nullptr);
  return v->front().integer;
}

std::vector<std::string> TextsOf(FileItem& item, FileField f) {
  std::vector<std::string> out;
  if (const auto* v = item.GetField(f)) {
    for (const auto& s : *v) out.push_back(s.text);
  }
  return out;
}

}  // namespace

TEST_CASE("name and path fields", "[collect][file_item]") {
  Fixture fx;
  FileContext ctx = fx.Context();
  struct Case {
    const char* name;
    const char* extension;
  };
  for (Case c : {Case{"archive.tar.gz", "gz"}, Case{"report.PDF", "PDF"}, Case{".bashrc", "<absent>"},
                 Case{"Makefile", "<absent>"}, Case{"trailing.", "<absent>"}, Case{".hidden.conf", "conf"}}) {
    FileItem item(ctx, fx.Entry(c.name));
    INFO(c.name);
    CHECK(TextOf(item, FileField::kFullPath) == fx.dir.Join(c.name));
    CHECK(TextOf(item, FileField::kFilePath) == fx.dir.path());
    CHECK(TextOf(item, FileField::kFileName) == c.name);
    CHECK(TextOf(item, FileField::kFileExtension) == c.extension);
  }
  FileItem top(ctx, FileEntry{fx.dir.fd(), "vmlinuz", "/vmlinuz", std::nullopt});
  CHECK(TextOf(top, FileField::kFilePath) == "/");
  CHECK(fx.reader.opened.empty());
  CHECK(ctx.counters.stat_failed == 0);  // names need no stat
}

TEST_CASE("stat and owner fields", "[collect][file_item]") {
  Fixture fx;
  fx.dir.Write("f.bin", "0123456789", 0640);
  struct timespec times[2] = {{1000000000, 0}, {1200000000, 0}};
  REQUIRE(::utimensat(fx.dir.fd(), "f.bin", times, 0) == 0);
  struct stat st {};
  REQUIRE(::fstatat(fx.dir.fd(), "f.bin", &st, AT_SYMLINK_NOFOLLOW) == 0);
  FileContext ctx = fx.Context();
  FileItem item(ctx, fx.Entry("f.bin"));
  CHECK(IntOf(item, FileField::kSizeInBytes) == 10);
  CHECK(item.GetField(FileField::kSizeInBytes)->front().text == "10");
  CHECK(IntOf(item, FileField::kAccessed) == 1000000000);
  CHECK(IntOf(item, FileField::kModified) == 1200000000);
  CHECK(IntOf(item, FileField::kChanged) == st.st_ctim.tv_sec);
  CHECK(IntOf(item, FileField::kPermissions) == 0640);
  CHECK(IntOf(item, FileField::kINode) == static_cast<std::int64_t>(st.st_ino));
  CHECK(TextOf(item, FileField::kUsername) == "tester");
  CHECK(TextOf(item, FileField::kGroup) == "testers");
  CHECK(TextOf(item, FileField::kGroupId) == std::to_string(::getegid()));
  if (const auto* created = item.GetField(FileField::kCreated)) {
    CHECK(created->front().integer >= st.st_ctim.tv_sec - 5);
  } else {
    WARN("no birth time on this filesystem");
  }
  CHECK(fx.reader.opened.empty());  // stat fields never open the file
  // POSIX files have no alternate data streams: no stream, nothing to read for their digests.
  CHECK(item.GetField(FileField::kStreamName) == nullptr);
  CHECK(item.GetField(FileField::kStreamSha256sum) == nullptr);
  CHECK(ctx.counters.UnreadableTotal() == 0);

  // Unknown owners are numbers.
  iocscan::platform::UserDb empty;
  FileContext bare(fx.schema, empty, fx.options, &fx.reader);
  FileItem other(bare, fx.Entry("f.bin"));
  CHECK(TextOf(other, FileField::kUsername) == std::to_string(::geteuid()));
}

TEST_CASE("a walker-given stat is used, and Created still comes from statx", "[collect][file_item]") {
  Fixture fx;
  fx.dir.Write("g", "x");
  struct stat st {};
  REQUIRE(::fstatat(fx.dir.fd(), "g", &st, AT_SYMLINK_NOFOLLOW) == 0);
  auto given = iocscan::platform::FromStat(st);
  given.size = 777;  // proves the given stat is used rather than a new one
  FileContext ctx = fx.Context();
  FileItem item(ctx, FileEntry{fx.dir.fd(), "g", fx.dir.Join("g"), given});
  CHECK(IntOf(item, FileField::kSizeInBytes) == 777);
  auto direct = iocscan::platform::StatAt(fx.dir.fd(), "g", false);
  REQUIRE(direct);
  if (direct->btime) {
    REQUIRE(item.GetField(FileField::kCreated) != nullptr);
    CHECK(item.GetField(FileField::kCreated)->front().integer == *direct->btime);
  }
}

TEST_CASE("the card of an item stat'ed without a birth time still shows Created", "[collect][file_item]") {
  Fixture fx;
  fx.dir.Write("h", "x");
  auto direct = iocscan::platform::StatAt(fx.dir.fd(), "h", false);
  REQUIRE(direct);
  if (!direct->btime) {
    WARN("skipped: this filesystem keeps no birth time");
    return;
  }
  auto given = *direct;
  given.btime.reset();  // what a followed symlink's stat gives the walker
  FileContext ctx = fx.Context();
  FileItem item(ctx, FileEntry{fx.dir.fd(), "h", fx.dir.Join("h"), given});
  CHECK(item.Card().created == direct->btime);
}

TEST_CASE("a matched file re-read for its card's digests counts as one file read", "[collect][file_item]") {
  Fixture fx;
  fx.dir.Write("m", "matched");
  fx.options.digests = hash::kSha256;
  FileContext ctx = fx.Context();
  FileItem item(ctx, fx.Entry("m"));
  REQUIRE(TextOf(item, FileField::kSha256sum) == hash::DigestBytes(hash::kSha256, "matched").sha256);
  item.CompleteDigests(hash::kAllDigests);
  hash::Digests want = hash::DigestBytes(hash::kAllDigests, "matched");
  CHECK(item.Card().md5 == want.md5);
  CHECK(item.Card().sha1 == want.sha1);
  CHECK(fx.reader.opened.size() == 2);
  CHECK(ctx.counters.files_opened == 1);
  CHECK(ctx.counters.bytes_read == std::string("matched").size());
}

TEST_CASE("one read pass computes every needed digest", "[collect][file_item]") {
  Fixture fx;
  std::string content(3 << 20, 'z');  // several buffer fills
  content += "tail";
  fx.dir.Write("data.bin", content);
  fx.options.digests = hash::kAllDigests;
  FileContext ctx = fx.Context();
  FileItem item(ctx, fx.Entry("data.bin"));
  hash::Digests want = hash::DigestBytes(hash::kAllDigests, content);
  CHECK(TextOf(item, FileField::kMd5sum) == want.md5);
  CHECK(TextOf(item, FileField::kSha1sum) == want.sha1);
  CHECK(TextOf(item, FileField::kSha256sum) == want.sha256);
  CHECK(fx.reader.opened.size() == 1);
  CHECK(ctx.counters.files_opened == 1);
  CHECK(ctx.counters.bytes_read == content.size());
}

TEST_CASE("a digest the options did not list is still computed when asked", "[collect][file_item]") {
  Fixture fx;
  fx.dir.Write("a", "abc");
  fx.options.digests = hash::kMd5;
  FileContext ctx = fx.Context();
  FileItem item(ctx, fx.Entry("a"));
  CHECK(TextOf(item, FileField::kMd5sum) == "900150983cd24fb0d6963f7d28e17f72");
  CHECK(TextOf(item, FileField::kSha1sum) == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(fx.reader.opened.size() == 2);
  CHECK(TextOf(item, FileField::kMd5sum) == "900150983cd24fb0d6963f7d28e17f72");  // cached
  CHECK(fx.reader.opened.size() == 2);
}

TEST_CASE("an empty file has the digests of empty content", "[collect][file_item]") {
  Fixture fx;
  fx.dir.Write("empty", "");
  fx.options.digests = hash::kAllDigests;
  FileContext ctx = fx.Context();
  FileItem item(ctx, fx.Entry("empty"));
  CHECK(TextOf(item, FileField::kMd5sum) == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(TextOf(item, FileField::kSha256sum) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(IntOf(item, FileField::kSizeInBytes) == 0);
  CHECK(item.GetField(FileField::kPeType) == nullptr);
}

TEST_CASE("a sparse 4 GiB file over max-size has a size but no content fields", "[collect][file_item]") {
  Fixture fx;
  int fd = ::openat(fx.dir.fd(), "huge.img", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::ftruncate(fd, 4ll << 30) == 0);
  ::close(fd);
  fx.options.max_read_bytes = 1 << 20;
  fx.options.digests = hash::kAllDigests;
  FileContext ctx = fx.Context();
  FileItem item(ctx, fx.Entry("huge.img"));
  CHECK(IntOf(item, FileField::kSizeInBytes) == (4ll << 30));
  CHECK(item.GetField(FileField::kMd5sum) == nullptr);
  CHECK(item.GetField(FileField::kSha256sum) == nullptr);
  CHECK(item.GetField(FileField::kStrings) == nullptr);
  CHECK(item.GetField(FileField::kPeType) == nullptr);
  CHECK(fx.reader.opened.empty());
  CHECK(ctx.counters.over_max_size == 1);
  CHECK(ctx.counters.bytes_read == 0);
  FileItem again(ctx, fx.Entry("huge.img"));
  CHECK(again.Card().size == (4ull << 30));
}

TEST_CASE("a non-UTF-8 name is kept as bytes", "[collect][file_item]") {
  Fixture fx;
  std::string name = "caf\xE9\xFF.txt";
  fx.dir.Write(name, "abc");
  FileContext ctx = fx.Context();
  FileItem item(ctx, fx.Entry(name));
  CHECK(TextOf(item, FileField::kFileName) == name);
  CHECK(TextOf(item, FileField::kFileExtension) == "txt");
  CHECK(TextOf(item, FileField::kMd5sum) == "900150983cd24fb0d6963f7d28e17f72");
}

TEST_CASE("a file ruled out by its name is never opened", "[collect][file_item]") {
  Fixture fx;
  for (const char* n : {"a.txt", "b.log", "evil.exe", "c.dat"}) fx.dir.Write(n, n);
  fx.options.digests = hash::kMd5;
  FileContext ctx = fx.Context();
  // What the evaluator does for AND(FileName is "evil.exe", Md5sum is X): name first, cheapest.
  int hashed = 0;
  for (const char* n : {"a.txt", "b.log", "evil.exe", "c.dat"}) {
    FileItem item(ctx, fx.Entry(n));
    if (TextOf(item, FileField::kFileName) != "evil.exe") continue;
    ++hashed;
    CHECK(item.GetField(FileField::kMd5sum) != nullptr);
  }
  CHECK(hashed == 1);
  CHECK(fx.reader.opened == std::vector<std::string>{"evil.exe"});
  CHECK(ctx.counters.files_opened == 1);
}

TEST_CASE("special entries are never opened", "[collect][file_item]") {
  Fixture fx;
  REQUIRE(::mkfifoat(fx.dir.fd(), "pipe", 0644) == 0);
  REQUIRE(::mkdirat(fx.dir.fd(), "sub", 0755) == 0);
  fx.dir.Write("target", "abc");
  REQUIRE(::symlinkat("target", fx.dir.fd(), "link") == 0);
  fx.options.digests = hash::kMd5;
  FileContext ctx = fx.Context();
  for (const char* n : {"pipe", "sub", "link"}) {
    FileItem item(ctx, fx.Entry(n));
    INFO(n);
    CHECK(item.GetField(FileField::kMd5sum) == nullptr);
    CHECK(item.GetField(FileField::kStrings) == nullptr);
    CHECK(item.GetField(FileField::kSizeInBytes) != nullptr);
  }
  CHECK(fx.reader.opened.empty());
  CHECK(ctx.counters.not_regular == 3);

  // With --follow-symlinks the link is the target.
  fx.options.follow_symlinks = true;
  FileContext follow = fx.Context();
  FileItem link(follow, fx.Entry("link"));
  CHECK(TextOf(link, FileField::kMd5sum) == "900150983cd24fb0d6963f7d28e17f72");
  CHECK(TextOf(link, FileField::kFileName) == "link");
}

TEST_CASE("vanished and swapped files are counted as unreadable", "[collect][file_item]") {
  Fixture fx;
  fx.options.digests = hash::kMd5;
  FileContext ctx = fx.Context();

  fx.dir.Write("gone", "x");
  FileItem gone(ctx, fx.Entry("gone"));
  REQUIRE(gone.Stat());
  REQUIRE(::unlinkat(fx.dir.fd(), "gone", 0) == 0);
  CHECK(gone.GetField(FileField::kMd5sum) == nullptr);
  CHECK(gone.content_failure() == OpenFailure::kVanished);
  CHECK(ctx.counters.Unreadable(OpenFailure::kVanished) == 1);

  fx.dir.Write("swapped", "original");
  FileItem swapped(ctx, fx.Entry("swapped"));
  REQUIRE(swapped.Stat());
  fx.dir.Write("new", "replacement");
  REQUIRE(::renameat(fx.dir.fd(), "new", fx.dir.fd(), "swapped") == 0);
  CHECK(swapped.GetField(FileField::kMd5sum) == nullptr);
  CHECK(swapped.GetField(FileField::kStrings) == nullptr);  // not retried
  CHECK(ctx.counters.Unreadable(OpenFailure::kChanged) == 1);
  CHECK(ctx.counters.UnreadableTotal() == 2);
  CHECK(fx.reader.opened.size() == 2);

  FileItem missing(ctx, fx.Entry("never-existed"));
  CHECK(missing.GetField(FileField::kSizeInBytes) == nullptr);
  CHECK(missing.GetField(FileField::kMd5sum) == nullptr);
  CHECK(ctx.counters.stat_failed == 1);
}

TEST_CASE("PEInfo fields of a PE file on disk", "[collect][file_item]") {
  Fixture fx;
  auto image = iocscan::testing::BuildPe();
  fx.dir.Write("evil.dll", std::string(image.begin(), image.end()));
  FileContext ctx = fx.Context();
  FileItem item(ctx, fx.Entry("evil.dll"));
  CHECK(TextOf(item, FileField::kPeType) == "DLL");
  CHECK(TextOf(item, FileField::kPeSubsystem) == "Windows_GUI");
  CHECK(IntOf(item, FileField::kPeTimeStamp) == 0x5F000000);
  CHECK(IntOf(item, FileField::kPeBaseAddress) == 0x10000000);
  CHECK(IntOf(item, FileField::kPeChecksum) == 0x1234);
  CHECK(IntOf(item, FileField::kPeSignatureExists) == 1);
  CHECK(IntOf(item, FileField::kPeNumberOfSections) == 3);
  CHECK(TextsOf(item, FileField::kPeSectionName) == std::vector<std::string>{".text", ".rdata", ".rsrc"});
  CHECK(TextsOf(item, FileField::kPeSectionSize) == std::vector<std::string>{"512", "1024", "1024"});
  REQUIRE(item.GetField(FileField::kPeSectionEntropy) != nullptr);
  CHECK(item.GetField(FileField::kPeSectionEntropy)->front().real == Approx(8.0));
  CHECK(TextsOf(item, FileField::kPeModuleName) == std::vector<std::string>{"KERNEL32.dll"});
  CHECK(TextsOf(item, FileField::kPeImportedFunction) == std::vector<std::string>{"CreateFileW", "#7"});
  CHECK(IntOf(item, FileField::kPeModuleFunctionCount) == 2);
  CHECK(TextOf(item, FileField::kPeExportDllName) == "evil.dll");
  CHECK(TextsOf(item, FileField::kPeExportedFunction) == std::vector<std::string>{"DoEvil", "Install"});
  CHECK(IntOf(item, FileField::kPeExportFunctionCount) == 2);
  CHECK(TextOf(item, FileField::kPeVersionCompanyName) == "Evil Corp");
  CHECK(TextOf(item, FileField::kPeVersionFileDescription) == "Evil \xC3\xBC tool");
  CHECK(TextOf(item, FileField::kPeVersionFileVersion) == "1.2.3.4");
  CHECK(TextOf(item, FileField::kPeVersionInternalName) == "evil");
  CHECK(TextOf(item, FileField::kPeVersionLegalCopyright) == "(c) nobody");
  CHECK(TextOf(item, FileField::kPeVersionOriginalFilename) == "evil.dll");
  CHECK(TextOf(item, FileField::kPeVersionProductName) == "Evil Product");
  CHECK(TextOf(item, FileField::kPeVersionProductVersion) == "1.2");
  CHECK(TextOf(item, FileField::kPeVersionSpecialBuild) == "special");
  CHECK(TextOf(item, FileField::kPeVersionComments) == "<absent>");  // empty value
  CHECK(TextOf(item, FileField::kPeVersionLegalTrademarks) == "<absent>");
  CHECK(TextOf(item, FileField::kPeVersionLanguage) == "040904b0");
  CHECK(fx.reader.opened.size() == 1);  // one PE read served every field
}

TEST_CASE("a non-PE costs one small read for PEInfo", "[collect][file_item]") {
  Fixture fx;
  fx.dir.Write("notes.txt", std::string(1 << 20, 'n'));
  FileContext ctx = fx.Context();
  FileItem item(ctx, fx.Entry("notes.txt"));
  CHECK(item.GetField(FileField::kPeType) == nullptr);
  CHECK(item.GetField(FileField::kPeSignatureExists) == nullptr);
  CHECK(ctx.counters.bytes_read == 64u << 10);
}

TEST_CASE("strings share the pass with digests and PE", "[collect][file_item]") {
  Fixture fx;
  auto image = iocscan::testing::BuildPe();
  std::string content(image.begin(), image.end());
  content += std::string("\0http://c2.example/gate.php\0", 28);
  content += "\x01\x01";  // ends the ASCII NUL-padded run, so the UTF-16 string starts clean
  content += std::string("G\0l\0o\0b\0a\0l\0\\\0m\0u\0t\0e\0x\0\0\0", 26);
  fx.dir.Write("dropper.exe", content);
  fx.options.digests = hash::kMd5 | hash::kSha256;
  fx.options.pe_wanted = true;
  FileContext ctx = fx.Context();
  FileItem item(ctx, fx.Entry("dropper.exe"));
  auto strings = TextsOf(item, FileField::kStrings);
  CHECK(std::find(strings.begin(), strings.end(), "http://c2.example/gate.php") != strings.end());
  CHECK(std::find(strings.begin(), strings.end(), "Global\\mutex") != strings.end());
  CHECK(std::find(strings.begin(), strings.end(), "KERNEL32.dll") != strings.end());
  CHECK(TextOf(item, FileField::kMd5sum) == hash::DigestBytes(hash::kMd5, content).md5);
  CHECK(TextOf(item, FileField::kPeType) == "DLL");
  CHECK(fx.reader.opened.size() == 1);
  CHECK(ctx.counters.bytes_read == content.size());
}

TEST_CASE("a digest pass keeps the PE prefix when PEInfo is wanted", "[collect][file_item]") {
  Fixture fx;
  auto image = iocscan::testing::BuildPe();
  fx.dir.Write("x.dll", std::string(image.begin(), image.end()));
  fx.options.digests = hash::kSha1;
  fx.options.pe_wanted = true;
  FileContext ctx = fx.Context();
  FileItem item(ctx, fx.Entry("x.dll"));
  CHECK(item.GetField(FileField::kSha1sum) != nullptr);
  CHECK(TextOf(item, FileField::kPeExportDllName) == "evil.dll");
  CHECK(fx.reader.opened.size() == 1);
}

TEST_CASE("Get by registry id", "[collect][file_item]") {
  Fixture fx;
  fx.dir.Write("a", "abc");
  FileContext ctx = fx.Context();
  FileItem item(ctx, fx.Entry("a"));
  auto md5 = iocscan::terms::FindTerm("FileItem/MD5SUM");
  REQUIRE(md5);
  REQUIRE(item.Get(*md5) != nullptr);
  CHECK(item.Get(*md5)->front().text == "900150983cd24fb0d6963f7d28e17f72");
  auto name = iocscan::terms::FindTerm("FileItem/FileName");
  REQUIRE(name);
  CHECK(item.Get(*name)->front().text == "a");
  auto process = iocscan::terms::FindTerm("ProcessItem/name");
  REQUIRE(process);
  CHECK(item.Get(*process) == nullptr);
  CHECK(item.Get(65535) == nullptr);
}

TEST_CASE("the schema resolves the minimum set and tells content needs", "[collect][file_item]") {
  FileSchema schema = FileSchema::Resolve();
  for (FileField f : {FileField::kFullPath, FileField::kFilePath, FileField::kFileName, FileField::kFileExtension,
                      FileField::kSizeInBytes, FileField::kMd5sum, FileField::kSha1sum, FileField::kSha256sum,
                      FileField::kModified, FileField::kAccessed, FileField::kChanged, FileField::kCreated,
                      FileField::kUsername, FileField::kStrings, FileField::kPeType}) {
    INFO(iocscan::collect::FileFieldSearch(f));
    REQUIRE(schema.Id(f));
    CHECK(schema.Field(*schema.Id(f)) == f);
  }
  std::vector<iocscan::terms::FieldId> used = {*schema.Id(FileField::kFileName), *schema.Id(FileField::kSha256sum),
                                               *schema.Id(FileField::kPeVersionCompanyName)};
  auto needs = schema.NeedsOf(used);
  CHECK(needs.digests == hash::kSha256);
  CHECK(needs.pe);
  CHECK_FALSE(needs.strings);
}

TEST_CASE("the card carries identifying fields", "[collect][file_item]") {
  Fixture fx;
  fx.dir.Write("c.bin", "abc");
  fx.options.digests = hash::kMd5;
  FileContext ctx = fx.Context();
  FileItem item(ctx, fx.Entry("c.bin"));
  auto before = item.Card();
  CHECK(before.full_path == fx.dir.Join("c.bin"));
  CHECK(before.file_name == "c.bin");
  CHECK(before.size == 3u);
  CHECK(before.md5.empty());
  CHECK(fx.reader.opened.empty());  // a card never reads content
  item.GetField(FileField::kMd5sum);
  CHECK(item.Card().md5 == "900150983cd24fb0d6963f7d28e17f72");
}

TEST_CASE("counters merge across workers", "[collect][file_item]") {
  iocscan::collect::FileCounters a, b;
  a.files_opened = 2, a.bytes_read = 10, a.unreadable[static_cast<int>(OpenFailure::kPermission)] = 1;
  b.files_opened = 3, b.over_max_size = 4, b.unreadable[static_cast<int>(OpenFailure::kPermission)] = 2;
  a.Add(b);
  CHECK(a.files_opened == 5);
  CHECK(a.bytes_read == 10);
  CHECK(a.over_max_size == 4);
  CHECK(a.Unreadable(OpenFailure::kPermission) == 3);
  CHECK(a.UnreadableTotal() == 3);
}
