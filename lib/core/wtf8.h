// UTF-16 <-> UTF-8 for Windows names, lossless both ways (WTF-8, https://simonsapin.github.io/wtf-8/):
// an NTFS or registry name may hold an unpaired surrogate, which plain UTF-8 cannot carry. WTF-8
// writes it as its 3-byte form, so a name read from the OS converts back to the same UTF-16 and
// the file can be opened again. Valid UTF-16 gives exactly UTF-8. Pure code, tested on every OS.
#pragma once

#include <string>
#include <string_view>

namespace iocscan {

std::string Utf8FromUtf16(std::u16string_view wide);

// Invalid bytes (not UTF-8 nor WTF-8) become U+FFFD each.
std::u16string Utf16FromUtf8(std::string_view utf8);

}  // namespace iocscan
