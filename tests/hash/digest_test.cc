#include "hash/digest.h"

#ifndef _WIN32
#include <openssl/evp.h>
#endif

#include <catch2/catch.hpp>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace {

using iocscan::hash::Digests;
using iocscan::hash::DigestBytes;
using iocscan::hash::MultiDigest;
namespace h = iocscan::hash;

#ifndef _WIN32
// Independent reference: OpenSSL's one-shot EVP_Digest.
std::string OneShot(const EVP_MD* md, const std::string& data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  REQUIRE(EVP_Digest(data.data(), data.size(), out, &len, md, nullptr) == 1);
  return h::ToHex(out, len);
}
#else
// Windows hashes with CNG, without OpenSSL: the reference is CNG's one-shot of a single digest
// (the known vectors above tie CNG itself to the standard values).
enum Md { kMd5Ref, kSha1Ref, kSha256Ref };
Md EVP_md5() { return kMd5Ref; }
Md EVP_sha1() { return kSha1Ref; }
Md EVP_sha256() { return kSha256Ref; }
std::string OneShot(Md md, const std::string& data) {
  if (md == kMd5Ref) return DigestBytes(h::kMd5, data).md5;
  if (md == kSha1Ref) return DigestBytes(h::kSha1, data).sha1;
  return DigestBytes(h::kSha256, data).sha256;
}
#endif

}  // namespace

TEST_CASE("known vectors", "[hash]") {
  Digests empty = DigestBytes(h::kAllDigests, "");
  CHECK(empty.md5 == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(empty.sha1 == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(empty.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  Digests abc = DigestBytes(h::kAllDigests, "abc");
  CHECK(abc.md5 == "900150983cd24fb0d6963f7d28e17f72");
  CHECK(abc.sha1 == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(abc.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("each mask computes only its digests", "[hash]") {
  for (int mask = 0; mask <= h::kAllDigests; ++mask) {
    Digests d = DigestBytes(static_cast<h::DigestMask>(mask), "abc");
    CHECK(d.md5.empty() == !(mask & h::kMd5));
    CHECK(d.sha1.empty() == !(mask & h::kSha1));
    CHECK(d.sha256.empty() == !(mask & h::kSha256));
    if (mask & h::kSha1) CHECK(d.sha1 == "a9993e364706816aba3e25717850c26c9cd0d89d");
  }
}

TEST_CASE("chunked updates equal one-shot digests", "[hash]") {
  std::mt19937 rng(42);
  std::string data(1 << 20, '\0');
  for (char& c : data) c = static_cast<char>(rng());
  for (std::size_t chunk : {1u, 7u, 4096u, 65537u}) {
    MultiDigest d(h::kAllDigests);
    REQUIRE(d.ok());
    for (std::size_t off = 0; off < data.size(); off += chunk) {
      d.Update(data.data() + off, std::min(chunk, data.size() - off));
    }
    Digests out = d.Finish();
    CHECK(out.md5 == OneShot(EVP_md5(), data));
    CHECK(out.sha1 == OneShot(EVP_sha1(), data));
    CHECK(out.sha256 == OneShot(EVP_sha256(), data));
  }
}

TEST_CASE("digest of a real file matches OpenSSL one-shot", "[hash]") {
  std::ifstream in(IOCSCAN_SOURCE_DIR "/CMakeLists.txt", std::ios::binary);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string content = ss.str();
  REQUIRE(!content.empty());
  MultiDigest d(h::kMd5 | h::kSha256);
  d.Update(content);
  Digests out = d.Finish();
  CHECK(out.md5 == OneShot(EVP_md5(), content));
  CHECK(out.sha1.empty());
  CHECK(out.sha256 == OneShot(EVP_sha256(), content));
}

TEST_CASE("a moved MultiDigest keeps its state", "[hash]") {
  MultiDigest a(h::kMd5);
  a.Update("a");
  MultiDigest b = std::move(a);
  b.Update("bc");
  CHECK(b.Finish().md5 == "900150983cd24fb0d6963f7d28e17f72");
}
