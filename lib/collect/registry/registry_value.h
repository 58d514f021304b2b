// Registry value data as RegistryItem shows it: the type's name and the data as text. Pure code
// (bytes in, text out, no windows.h), tested on Linux; the Windows collector
// (platform/windows/collect/registry_collector.cc) hands it the bytes RegEnumValueW returned.
//
//   RegTypeName(kRegDword) == "REG_DWORD"
//   RegValueText(kRegSz, bytes)   // "C:\\evil.exe": UTF-16LE as UTF-8, up to the first NUL
//
// Text by type:
//   REG_SZ, REG_EXPAND_SZ, REG_LINK  the string as UTF-8 (WTF-8: an unpaired surrogate survives),
//                                    up to the first NUL; a missing terminator is tolerated and a
//                                    trailing odd byte is dropped (regedit shows the same). Expand
//                                    strings are not expanded: %SystemRoot% is what was written.
//   REG_MULTI_SZ                     the strings joined by '\n', empty ones (the terminators)
//                                    dropped, so `contains` finds any one of them
//   REG_DWORD, REG_DWORD_BIG_ENDIAN,
//   REG_QWORD                        unsigned decimal; data of another size than the type's is
//                                    shown as hex instead (a value is whatever its writer stored)
//   everything else                  lowercase hex of the bytes, no separators ("" when empty)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace iocscan::collect {

// The REG_* numbers of winnt.h.
inline constexpr std::uint32_t kRegNone = 0;
inline constexpr std::uint32_t kRegSz = 1;
inline constexpr std::uint32_t kRegExpandSz = 2;
inline constexpr std::uint32_t kRegBinary = 3;
inline constexpr std::uint32_t kRegDword = 4;
inline constexpr std::uint32_t kRegDwordBigEndian = 5;
inline constexpr std::uint32_t kRegLink = 6;
inline constexpr std::uint32_t kRegMultiSz = 7;
inline constexpr std::uint32_t kRegResourceList = 8;
inline constexpr std::uint32_t kRegFullResourceDescriptor = 9;
inline constexpr std::uint32_t kRegResourceRequirementsList = 10;
inline constexpr std::uint32_t kRegQword = 11;

// "REG_SZ", ...; a type winnt.h does not name is "REG_0x" + its hex number (types are free-form).
std::string RegTypeName(std::uint32_t type);

// The data of a value of `type` as text (see the table above).
std::string RegValueText(std::uint32_t type, std::string_view data);

}  // namespace iocscan::collect
