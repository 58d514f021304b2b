// MultiDigest over OpenSSL EVP (Linux and other POSIX builds; Windows uses CNG).
#include "hash/digest.h"

#include <openssl/evp.h>

#include <array>

namespace iocscan::hash {
namespace {

const EVP_MD* Algorithm(DigestKind kind) {
  switch (kind) {
    case kMd5: return EVP_md5();
    case kSha1: return EVP_sha1();
    case kSha256: return EVP_sha256();
  }
  return nullptr;
}

}  // namespace

struct MultiDigest::State {
  DigestMask mask = 0;
  bool ok = true;
  std::array<EVP_MD_CTX*, 3> ctx = {nullptr, nullptr, nullptr};

  ~State() {
    for (EVP_MD_CTX* c : ctx) EVP_MD_CTX_free(c);  // accepts nullptr
  }
};

MultiDigest::MultiDigest(DigestMask mask) : state_(std::make_unique<State>()) {
  state_->mask = mask & kAllDigests;
  for (std::size_t i = 0; i < kDigestKinds.size(); ++i) {
    if (!(state_->mask & kDigestKinds[i])) continue;
    EVP_MD_CTX* c = EVP_MD_CTX_new();
    if (c == nullptr || EVP_DigestInit_ex(c, Algorithm(kDigestKinds[i]), nullptr) != 1) {
      EVP_MD_CTX_free(c);
      state_->ok = false;
      continue;
    }
    state_->ctx[i] = c;
  }
}

MultiDigest::~MultiDigest() = default;
MultiDigest::MultiDigest(MultiDigest&&) noexcept = default;
MultiDigest& MultiDigest::operator=(MultiDigest&&) noexcept = default;

bool MultiDigest::ok() const { return state_ && state_->ok; }
DigestMask MultiDigest::mask() const { return state_ ? state_->mask : 0; }

void MultiDigest::Update(const void* data, std::size_t size) {
  if (!state_ || size == 0) return;
  for (EVP_MD_CTX* c : state_->ctx) {
    if (c != nullptr && EVP_DigestUpdate(c, data, size) != 1) state_->ok = false;
  }
}

Digests MultiDigest::Finish() {
  Digests out;
  if (!state_) return out;
  for (std::size_t i = 0; i < kDigestKinds.size(); ++i) {
    EVP_MD_CTX* c = state_->ctx[i];
    if (c == nullptr) continue;
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(c, md, &len) == 1) {
      out.Of(kDigestKinds[i]) = ToHex(md, len);
    } else {
      state_->ok = false;
    }
    EVP_MD_CTX_free(c);
    state_->ctx[i] = nullptr;
  }
  return out;
}

}  // namespace iocscan::hash
