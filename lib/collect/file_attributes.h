// FileItem/FileAttributes: the Windows FILE_ATTRIBUTE_* bits of a file as text, named and ordered
// as .NET's FileAttributes writes them ("ReadOnly, Hidden, System, Archive"), the spelling
// Windows tools show. Pure; the bits come from platform::FileStat::attributes (0 off Windows,
// then the field is absent).
#pragma once

#include <cstdint>
#include <string>

namespace iocscan::collect {

// "" for 0; unknown bits are written as hex ("0x00100000").
std::string FileAttributesText(std::uint32_t attributes);

}  // namespace iocscan::collect
