// What the running Linux system says about itself, for SystemInfoItem on a live scan: the
// kernel's identity (uname(2)), the time since boot (sysinfo(2)) and who runs the scan. No
// parsing, no NSS; an offline scan never calls these (they describe this host, not the image).
//
//   std::optional<KernelIdentity> k = RunningKernel();   // k->release "6.1.0-18-amd64"
//   std::optional<std::int64_t> up = UptimeSeconds();
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace iocscan::platform {

struct KernelIdentity {
  std::string nodename;  // the host name as the kernel has it ("vm", or an FQDN)
  std::string release;   // "6.1.0-18-amd64"
  std::string version;   // "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)"
  std::string machine;   // "x86_64"
};

std::optional<KernelIdentity> RunningKernel();

// Seconds since boot; nullopt when the kernel does not say.
std::optional<std::int64_t> UptimeSeconds();

// The effective uid of this process (the account whose rights the scan has).
std::uint32_t EffectiveUid();

}  // namespace iocscan::platform
