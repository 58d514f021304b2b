// The portable half of VolumeItem on Windows: how the values GetVolumeInformationW and
// QueryDosDeviceW give are written (pure; tested on Linux).
//
//   VolumeSerialText(0x43A1B2C3)            -> "43A1-B2C3"   (as `vol` prints it)
//   FileSystemFlagNames(0x0000000A)         -> "CASE_PRESERVED_NAMES, PERSISTENT_ACLS" (FILE_* names)
//   RemoteServerOfDosDevice("\\Device\\LanmanRedirector\\;Z:0000000000012345\\fileserver\\share")
//                                           -> "fileserver"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace iocscan::collect {

std::string VolumeSerialText(std::uint32_t serial);

// The FILE_* flags of a file system (winnt.h) set in `flags`, without the "FILE_" prefix,
// comma-separated in bit order; unknown bits as "0x...".
std::string FileSystemFlagNames(std::uint32_t flags);

// FILE_READ_ONLY_VOLUME.
inline constexpr std::uint32_t kFileReadOnlyVolume = 0x00080000;

// The server of a mapped network drive from its DOS device target (the redirector's
// "\;X:<logon id>\server\share" form, or "\??\UNC\server\share"); "" when it names none.
std::string RemoteServerOfDosDevice(std::string_view target);

}  // namespace iocscan::collect
