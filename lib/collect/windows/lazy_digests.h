// The digests of one file computed together on first use (one read) by a reader the platform
// gives, shared by the md5/sha1/sha256 fields of an item: a Windows collector's lazy hash fields.
//
//   auto d = std::make_shared<LazyDigests>([path] { return DigestFile(path, mask); });
//   item.Lazy("ServiceItem/pathmd5sum", [d] { return d->Md5(); });
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "compile/item.h"
#include "hash/digest.h"

namespace iocscan::collect {

class LazyDigests {
 public:
  // nullopt: the file could not be read (the hash fields are then absent).
  using Reader = std::function<std::optional<hash::Digests>()>;
  explicit LazyDigests(Reader read) : read_(std::move(read)) {}

  compile::FieldValue Md5() { return Field(&hash::Digests::md5); }
  compile::FieldValue Sha1() { return Field(&hash::Digests::sha1); }
  compile::FieldValue Sha256() { return Field(&hash::Digests::sha256); }

 private:
  compile::FieldValue Field(std::string hash::Digests::*digest) {
    if (read_) {
      digests_ = read_();
      read_ = nullptr;
    }
    if (!digests_ || ((*digests_).*digest).empty()) return {};
    return {compile::Scalar{(*digests_).*digest, 0, 0}};
  }

  Reader read_;
  std::optional<hash::Digests> digests_;
};

}  // namespace iocscan::collect
