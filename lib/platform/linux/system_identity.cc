#include "platform/linux/system_identity.h"

#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

namespace iocscan::platform {

std::optional<KernelIdentity> RunningKernel() {
  struct utsname u {};
  if (::uname(&u) != 0) return std::nullopt;
  return KernelIdentity{u.nodename, u.release, u.version, u.machine};
}

std::optional<std::int64_t> UptimeSeconds() {
  struct sysinfo info {};
  if (::sysinfo(&info) != 0) return std::nullopt;
  return static_cast<std::int64_t>(info.uptime);
}

std::uint32_t EffectiveUid() { return static_cast<std::uint32_t>(::geteuid()); }

}  // namespace iocscan::platform
