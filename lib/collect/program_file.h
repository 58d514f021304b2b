// The program a service or a scheduled task runs, found and hashed on the scanned system (live or
// an offline root: platform::RootFs keeps every lookup inside the root).
//
//   std::string path = ResolveProgram(fs, "run-parts", "/usr/bin:/bin");   // "/usr/bin/run-parts"
//   auto digests = std::make_shared<ProgramDigests>(fs, path, hash::kMd5 | hash::kSha256);
//   item.Lazy("TaskItem/md5sum", [digests] { return digests->Md5(); });    // read once, when asked
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "compile/item.h"
#include "hash/digest.h"
#include "platform/posix/root_fs.h"

namespace iocscan::collect {

// An absolute `program` as it is; a bare name searched in the folders of `search_path` (a PATH
// value) for a regular file, as a shell would; anything else (relative paths, not found) as given.
std::string ResolveProgram(const platform::RootFs& fs, std::string_view program, std::string_view search_path);

// The digests of one file, computed together on first use (one read), capped at
// limits::kDefaultMaxReadBytes. A file that cannot be read has none: the hash fields are absent.
class ProgramDigests {
 public:
  ProgramDigests(const platform::RootFs& fs, std::string path, hash::DigestMask mask)
      : fs_(fs), path_(std::move(path)), mask_(mask) {}

  compile::FieldValue Md5() { return Field(&hash::Digests::md5); }
  compile::FieldValue Sha1() { return Field(&hash::Digests::sha1); }
  compile::FieldValue Sha256() { return Field(&hash::Digests::sha256); }

 private:
  compile::FieldValue Field(std::string hash::Digests::*digest);

  const platform::RootFs& fs_;
  std::string path_;
  hash::DigestMask mask_;
  std::optional<hash::Digests> digests_;
};

// The digest mask of the hash terms an IOC set needs, from the three search paths of a document's
// md5, sha1 and sha256 fields (several spellings may share one digest).
template <class Env>
hash::DigestMask NeededDigests(const Env& env, std::initializer_list<std::string_view> md5,
                               std::initializer_list<std::string_view> sha1,
                               std::initializer_list<std::string_view> sha256) {
  hash::DigestMask mask = 0;
  for (std::string_view s : md5) mask |= env.Needs(s) ? hash::kMd5 : 0;
  for (std::string_view s : sha1) mask |= env.Needs(s) ? hash::kSha1 : 0;
  for (std::string_view s : sha256) mask |= env.Needs(s) ? hash::kSha256 : 0;
  return mask;
}

}  // namespace iocscan::collect
