// FileItem: one file found by the walk, answering for its FileItem/... fields lazily.
//
// Each field is computed on first Get() and kept for the item's life, cheapest first:
//   name/path/extension   free, from the bytes the walker gives
//   stat fields           one statx/fstatat (AT_SYMLINK_NOFOLLOW unless following links)
//   owner                 UserDb lookup (no NSS); Windows: the owner SID and its account name
//   streams               NTFS alternate data streams: one listing (names, sizes)
//   digests               ONE read pass computes every digest the compiled IOCs need
//   PEInfo                reads the header region (first 64 KiB, then up to 16 MiB if it is a PE)
//   StringList            a full streamed pass (ASCII + UTF-16LE strings)
// When one pass reads the whole file anyway, it also feeds the other products the IOCs need and
// that are cheap to add (digests and the PE prefix); string extraction runs only when asked.
// Content fields are absent when the file is not regular, is over --max-size, could not be opened
// safely (platform::SafeOpen) or failed to read. A file never asked for content is never opened.
//
// Threading: a FileContext per worker (it owns the read buffer and the counters); FileItems of
// that worker use it one at a time. FileSchema and UserDb are shared read-only.
//
//   FileContext ctx(schema, users, options);                     // per worker
//   FileItem item(ctx, FileEntry{dir_fd, name, full_path, {}});  // per file
//   const compile::FieldValue* v = item.Get(field_id);           // nullptr: the item lacks it
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "collect/content_reader.h"
#include "collect/file_schema.h"
#include "collect/pe/pe_info.h"
#include "collect/strings.h"
#include "compile/item.h"
#include "core/limits.h"
#include "hash/digest.h"
#include "platform/file_stat.h"
#include "platform/safe_open.h"
#include "platform/users.h"

namespace iocscan::collect {

// Options of the FileItem collector (one set per scan), with defaults:
//   max_read_bytes   (512 MiB) files larger than this are not read: no digest, PE or strings
//   digests          (0)       digests the compiled IOCs need; all are computed in one pass as
//                              soon as any is asked (a digest asked but missing here is added)
//   pe_wanted        (false)   the IOCs use PEInfo terms: a digest/strings pass keeps the PE prefix
//   follow_symlinks  (false)   the walker reports symlinks to files: stat and open the target
//   pe_max_bytes     (16 MiB)  bytes of a PE read for PEInfo (headers, tables, section entropy)
//   strings          caps of the string extraction (collect/strings.h)
struct FileCollectOptions {
  std::uint64_t max_read_bytes = limits::kDefaultMaxReadBytes;
  hash::DigestMask digests = 0;
  bool pe_wanted = false;
  bool follow_symlinks = false;
  std::uint64_t pe_max_bytes = 16ull << 20;
  StringsOptions strings;
};

// Per-worker counters for the scan summary; Add() merges workers.
struct FileCounters {
  std::uint64_t files_opened = 0;      // files opened for content (a second pass on one counts once)
  std::uint64_t bytes_read = 0;        // bytes of content read (bytes re-read by a second pass count once)
  std::uint64_t stat_failed = 0;       // the entry could not be stat'ed (vanished, ...)
  std::uint64_t not_regular = 0;       // content asked of a non-regular entry (never opened)
  std::uint64_t over_max_size = 0;     // content asked of a file over max_read_bytes
  std::uint64_t read_errors = 0;       // opened, then read() failed
  std::uint64_t unreadable[platform::kOpenFailureCount] = {};  // open refused, by OpenFailure

  std::uint64_t Unreadable(platform::OpenFailure f) const { return unreadable[static_cast<int>(f)]; }
  std::uint64_t UnreadableTotal() const;
  void Add(const FileCounters& other);
};

// The per-worker context. Not copyable (items point at it); one per worker thread.
struct FileContext {
  FileContext(const FileSchema& schema, const platform::UserDb& users, FileCollectOptions options,
              ContentReader* reader = nullptr);
  FileContext(const FileContext&) = delete;
  FileContext& operator=(const FileContext&) = delete;

  const FileSchema& schema;
  const platform::UserDb& users;
  FileCollectOptions options;
  ContentReader& reader;                 // the given one, or the context's own SafeContentReader
  FileCounters counters;
  std::vector<char> buffer;              // reused read buffer (1 MiB)
  std::vector<unsigned char> pe_buffer;  // reused PE prefix buffer

 private:
  SafeContentReader safe_reader_;
};

// What the walker knows about one entry.
struct FileEntry {
  int dir_fd = -1;          // open directory holding the entry; must stay open for the item's life
  std::string name;         // the entry's name in dir_fd (bytes, one path component)
  std::string full_path;    // absolute path (bytes, never assumed UTF-8)
  std::optional<platform::FileStat> stat;  // when the walker already stat'ed it (see StatAt)
};

// The identifying fields of a matched file, for its card. Optional parts are present when known.
struct FileCard {
  std::string full_path;
  std::string file_name;
  std::optional<std::uint64_t> size;
  std::optional<std::int64_t> modified, accessed, changed, created;
  std::string md5, sha1, sha256;  // empty unless computed
};

class FileItem final : public compile::Item {
 public:
  FileItem(FileContext& context, FileEntry entry);

  const compile::FieldValue* Get(terms::FieldId field) override;
  // The same by FileField (what Get uses after the schema lookup); handy for tests and cards.
  const compile::FieldValue* GetField(FileField field);

  // Identifying fields; stats the file if not done yet (cheap), never reads content.
  FileCard Card();
  // Computes in one read pass every digest of `mask` not computed yet, so that the card of a
  // matched file can show all of them. Does nothing when the content may not be read.
  void CompleteDigests(hash::DigestMask mask);

  const FileEntry& entry() const { return entry_; }
  // The stat of the entry (computed on first use); nullopt when it could not be stat'ed.
  const std::optional<platform::FileStat>& Stat();
  // Why content fields are absent (kNone when they are present or were never asked).
  platform::OpenFailure content_failure() const { return content_failure_; }

 private:
  struct PassPlan {
    hash::DigestMask digests = 0;
    bool pe = false;
    bool strings = false;
    bool whole_file = false;
  };

  void Compute(FileField f);
  void ComputeName(FileField f);
  void ComputeStat();
  void ComputeCreated();
  void ComputeOwner();
  void ComputeStreams();
  void ComputeStreamDigests();
  void ComputeDigest(FileField f);
  void ComputePe();
  void ComputeStrings();
  bool ContentAllowed();
  bool RunPass(const PassPlan& plan);
  bool FailPass(const PassPlan& plan, platform::OpenFailure why);
  void StorePe(std::uint64_t file_size);
  compile::FieldValue& Slot(FileField f) { return values_[static_cast<std::size_t>(f)]; }
  void Done(FileField f) { done_.set(static_cast<std::size_t>(f)); }

  FileContext& ctx_;
  FileEntry entry_;
  bool stat_done_ = false;
  bool stat_has_btime_query_ = false;  // the stat came from statx, so a missing btime is final
  std::optional<platform::FileStat> stat_;
  bool content_checked_ = false;
  bool content_allowed_ = false;
  bool content_failed_ = false;
  bool opened_before_ = false;        // a content pass opened the file already
  std::uint64_t bytes_counted_ = 0;   // the file's bytes counted in bytes_read so far (its prefix)
  platform::OpenFailure content_failure_ = platform::OpenFailure::kNone;
  hash::DigestMask digests_done_ = 0;  // digests computed (or attempted) so far
  hash::Digests digests_;
  bool pe_done_ = false;
  bool strings_done_ = false;
  std::array<compile::FieldValue, kFileFieldCount> values_{};
  std::bitset<kFileFieldCount> done_;
};

}  // namespace iocscan::collect
