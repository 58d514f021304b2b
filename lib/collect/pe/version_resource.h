// Internal to the PE parser: the VS_VERSIONINFO resource (StringFileInfo key/value strings),
// kept apart from the header walk because it has its own nested-block format.
#pragma once

#include <span>
#include <string>

#include "collect/pe/pe_info.h"

namespace iocscan::collect::pe {

// Adds the StringTables found in one RT_VERSION resource blob to info.version_info (capped).
// Malformed blocks end the walk; whatever was read before stays.
void ParseVersionResource(std::span<const unsigned char> blob, const PeLimits& limits, PeInfo& info);

// UTF-16LE code units (as bytes) -> UTF-8; unpaired surrogates become U+FFFD.
std::string Utf16LeToUtf8(std::span<const unsigned char> bytes);

}  // namespace iocscan::collect::pe
