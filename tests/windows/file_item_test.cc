// FileItem's Windows-only fields on real files (Wine in CI): the drive, the attribute names, the
// owner SID and its account, the alternate data streams and their digests (where the file system
// keeps streams: not under Wine, whose files have none).
#include "collect/file_item.h"

#include <windows.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/native_path.h"
#include "hash/digest.h"
#include "platform/users.h"

namespace iocscan::collect {
namespace {

std::string First(FileItem& item, FileField f) {
  const compile::FieldValue* v = item.GetField(f);
  return v == nullptr || v->empty() ? "<absent>" : v->front().text;
}

TEST_CASE("windows FileItem: drive, attributes, owner and streams", "[windows][collect]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("iocscan-fileitem-" + std::to_string(::GetCurrentProcessId()));
  fs::create_directories(dir);
  const std::string path = Utf8FromPath(dir / "dropper.exe");
  std::ofstream(dir / "dropper.exe", std::ios::binary) << "MZ not really";
  REQUIRE(::SetFileAttributesW((dir / "dropper.exe").c_str(), FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_ARCHIVE));
  // An alternate data stream, as a browser's download marker would be; Wine keeps it only where the
  // Unix file system has extended attributes.
  const std::string zone = "[ZoneTransfer]\r\nZoneId=3\r\n";
  const bool streams = static_cast<bool>(std::ofstream(path + ":Zone.Identifier", std::ios::binary) << zone);

  FileSchema schema = FileSchema::Resolve();
  platform::UserDb users;
  FileContext ctx(schema, users, {});
  FileItem item(ctx, FileEntry{platform::kCurrentDir, path, path, std::nullopt});
  CHECK(First(item, FileField::kDrive) == path.substr(0, 2));
  CHECK(First(item, FileField::kFileName) == "dropper.exe");
  CHECK(First(item, FileField::kFileAttributes) == "Hidden, Archive");
  const std::string sid = First(item, FileField::kSecurityId);
  if (sid == "<absent>") {
    WARN("no owner SID from this system's security descriptors");
  } else {
    CHECK(sid.rfind("S-1-", 0) == 0);
  }
  const compile::FieldValue* names = item.GetField(FileField::kStreamName);
  if (!streams || names == nullptr) {
    WARN("alternate data streams are not kept here (Wine without xattrs)");
    CHECK(item.GetField(FileField::kStreamSha256sum) == nullptr);  // nothing to read
  } else {
    REQUIRE(names->size() == 1);
    CHECK(names->front().text == "Zone.Identifier");
    CHECK(item.GetField(FileField::kStreamSize)->front().integer == 24);
    hash::Digests want = hash::DigestBytes(hash::kAllDigests, zone);
    CHECK(First(item, FileField::kStreamSha256sum) == want.sha256);
    CHECK(First(item, FileField::kStreamMd5sum) == want.md5);
    CHECK(First(item, FileField::kStreamSha1sum) == want.sha1);
  }
  ::SetFileAttributesW((dir / "dropper.exe").c_str(), FILE_ATTRIBUTE_NORMAL);
  std::error_code ec;
  fs::remove_all(dir, ec);
}

}  // namespace
}  // namespace iocscan::collect
