// Content digests (MD5, SHA-1, SHA-256) computed together in one pass over the bytes.
//
// A file is read once whatever the number of digests the compiled IOCs need (osquery's
// hashMultiFromFile idea): the caller feeds each chunk to one MultiDigest built with the mask of
// the digests it needs, and gets lower-case hex strings at the end.
//
//   hash::MultiDigest d(hash::kMd5 | hash::kSha256);
//   while (n = read(...)) d.Update(buffer, n);
//   hash::Digests out = d.Finish();   // out.md5, out.sha256 set; out.sha1 empty
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace iocscan::hash {

// Bits of a DigestMask.
enum DigestKind : std::uint8_t { kMd5 = 1, kSha1 = 2, kSha256 = 4 };
using DigestMask = std::uint8_t;
inline constexpr DigestMask kAllDigests = kMd5 | kSha1 | kSha256;
// Every kind, in the order back ends keep their per-kind state.
inline constexpr std::array<DigestKind, 3> kDigestKinds = {kMd5, kSha1, kSha256};

// Lower-case hex digests; a digest not in the mask (or not computed) is empty.
struct Digests {
  std::string md5;
  std::string sha1;
  std::string sha256;

  std::string& Of(DigestKind kind) { return kind == kMd5 ? md5 : kind == kSha1 ? sha1 : sha256; }
};

// Incremental digests over OpenSSL EVP (Linux) or CNG (Windows). Not copyable (it owns the
// back end's contexts), movable.
class MultiDigest {
 public:
  explicit MultiDigest(DigestMask mask);
  ~MultiDigest();
  MultiDigest(MultiDigest&&) noexcept;
  MultiDigest& operator=(MultiDigest&&) noexcept;
  MultiDigest(const MultiDigest&) = delete;
  MultiDigest& operator=(const MultiDigest&) = delete;

  // False when OpenSSL refused a requested algorithm (e.g. MD5 in a FIPS-only provider); such a
  // digest stays empty in Finish().
  bool ok() const;
  DigestMask mask() const;

  void Update(const void* data, std::size_t size);
  void Update(std::string_view bytes) { Update(bytes.data(), bytes.size()); }

  // The digests of everything fed so far. Call once; the object is spent afterwards.
  Digests Finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// One-shot convenience: the digests of `bytes`.
Digests DigestBytes(DigestMask mask, std::string_view bytes);

// Lower-case hex of raw bytes (inline: every digest back end uses it, whatever library holds it).
inline std::string ToHex(const unsigned char* data, std::size_t size) {
  constexpr char kHex[] = "0123456789abcdef";
  std::string out(size * 2, '\0');
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = kHex[data[i] >> 4];
    out[2 * i + 1] = kHex[data[i] & 15];
  }
  return out;
}

}  // namespace iocscan::hash
