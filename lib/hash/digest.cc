// The parts of hash/digest.h every back end shares.
#include "hash/digest.h"

namespace iocscan::hash {

Digests DigestBytes(DigestMask mask, std::string_view bytes) {
  MultiDigest d(mask);
  d.Update(bytes);
  return d.Finish();
}

}  // namespace iocscan::hash
