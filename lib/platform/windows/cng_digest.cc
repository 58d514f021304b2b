// MultiDigest (hash/digest.h) over Windows CNG (bcrypt.dll): no OpenSSL in iocscan.exe.
#include "hash/digest.h"

#include <windows.h>
#include <bcrypt.h>

#include <array>

namespace iocscan::hash {
namespace {

// Algorithm providers are opened once per process (opening one is the costly step) and shared:
// CNG allows one provider handle to create hashes on several threads.
BCRYPT_ALG_HANDLE Provider(std::size_t kind_index) {
  static const std::array<BCRYPT_ALG_HANDLE, 3> providers = [] {
    std::array<BCRYPT_ALG_HANDLE, 3> p = {nullptr, nullptr, nullptr};
    const wchar_t* names[3] = {BCRYPT_MD5_ALGORITHM, BCRYPT_SHA1_ALGORITHM, BCRYPT_SHA256_ALGORITHM};
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (!BCRYPT_SUCCESS(BCryptOpenAlgorithmProvider(&p[i], names[i], nullptr, 0))) p[i] = nullptr;
    }
    return p;
  }();
  return providers[kind_index];
}

}  // namespace

struct MultiDigest::State {
  DigestMask mask = 0;
  bool ok = true;
  std::array<BCRYPT_HASH_HANDLE, 3> hash = {nullptr, nullptr, nullptr};

  ~State() {
    for (BCRYPT_HASH_HANDLE h : hash) {
      if (h != nullptr) BCryptDestroyHash(h);
    }
  }
};

MultiDigest::MultiDigest(DigestMask mask) : state_(std::make_unique<State>()) {
  state_->mask = mask & kAllDigests;
  for (std::size_t i = 0; i < kDigestKinds.size(); ++i) {
    if (!(state_->mask & kDigestKinds[i])) continue;
    BCRYPT_ALG_HANDLE alg = Provider(i);
    BCRYPT_HASH_HANDLE h = nullptr;
    if (alg == nullptr || !BCRYPT_SUCCESS(BCryptCreateHash(alg, &h, nullptr, 0, nullptr, 0, 0))) {
      state_->ok = false;
      continue;
    }
    state_->hash[i] = h;
  }
}

MultiDigest::~MultiDigest() = default;
MultiDigest::MultiDigest(MultiDigest&&) noexcept = default;
MultiDigest& MultiDigest::operator=(MultiDigest&&) noexcept = default;

bool MultiDigest::ok() const { return state_ && state_->ok; }
DigestMask MultiDigest::mask() const { return state_ ? state_->mask : 0; }

void MultiDigest::Update(const void* data, std::size_t size) {
  if (!state_) return;
  auto* bytes = static_cast<PUCHAR>(const_cast<void*>(data));  // BCryptHashData does not write
  while (size > 0) {
    ULONG chunk = size > 0x40000000 ? 0x40000000 : static_cast<ULONG>(size);  // ULONG lengths
    for (BCRYPT_HASH_HANDLE h : state_->hash) {
      if (h != nullptr && !BCRYPT_SUCCESS(BCryptHashData(h, bytes, chunk, 0))) state_->ok = false;
    }
    bytes += chunk;
    size -= chunk;
  }
}

Digests MultiDigest::Finish() {
  Digests out;
  if (!state_) return out;
  for (std::size_t i = 0; i < kDigestKinds.size(); ++i) {
    BCRYPT_HASH_HANDLE h = state_->hash[i];
    if (h == nullptr) continue;
    unsigned char md[32];
    ULONG len = kDigestKinds[i] == kMd5 ? 16 : kDigestKinds[i] == kSha1 ? 20 : 32;
    if (BCRYPT_SUCCESS(BCryptFinishHash(h, md, len, 0))) {
      out.Of(kDigestKinds[i]) = ToHex(md, len);
    } else {
      state_->ok = false;
    }
    BCryptDestroyHash(h);
    state_->hash[i] = nullptr;
  }
  return out;
}

}  // namespace iocscan::hash
