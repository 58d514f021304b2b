#include "platform/safe_open.h"

namespace iocscan::platform {

std::string_view OpenFailureName(OpenFailure f) {
  switch (f) {
    case OpenFailure::kNone: return "none";
    case OpenFailure::kVanished: return "vanished";
    case OpenFailure::kNotRegular: return "not-regular";
    case OpenFailure::kChanged: return "changed";
    case OpenFailure::kPermission: return "permission";
    case OpenFailure::kOther: return "error";
  }
  return "error";
}

}  // namespace iocscan::platform
