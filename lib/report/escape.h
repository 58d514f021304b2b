// Making byte strings safe to write: file names, command lines, registry values may hold any bytes,
// but JSON needs valid UTF-8 and a terminal must never receive raw control characters.
//
// JSON (JsonSafe / JsonUnsafe): a reversible percent form, chosen over Python's "\udcXX" surrogate
// escapes because lone surrogates are rejected by strict parsers (nlohmann::json, Go, Rust serde)
// and silently replaced by others (jq). The rule, applied to every string iocscan writes as JSON:
//   - each byte that does not start a valid UTF-8 sequence (RFC 3629: no overlong forms, no encoded
//     surrogates U+D800..U+DFFF, nothing above U+10FFFF) is written "%XX", XX = two upper-case hex
//     digits; such bytes are always >= 0x80, so XX is 80..FF;
//   - a '%' that is followed by two upper-case hex digits XX with XX = 25 or XX >= 80 (text that a
//     decoder would take for an escape) is written "%25";
//   - everything else is copied unchanged. Valid UTF-8 without such a '%' look-alike passes
//     through untouched, so nearly every real name is written as it is.
// To decode: replace every "%XX" with XX = 25 or 80..FF (upper-case hex) by that byte, and keep
// everything else. In Python: re.sub(rb'%(25|[89A-F][0-9A-F])', lambda m: bytes([int(m[1], 16)]), s).
//
// Terminal (TerminalSafe): for the text format. Control characters (C0, DEL, C1), invalid UTF-8
// bytes and invisible Unicode that can reorder or split a line (bidi controls, U+2028/U+2029)
// are shown as escapes: "\n", "\t", "\r", "\x1b", "\xff" (an invalid byte), "\u0085", "\u202e".
// A backslash is kept as it is (Windows paths stay readable), so this form is for reading only.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace iocscan::report {

// Bytes -> valid UTF-8, reversibly (see above).
std::string JsonSafe(std::string_view bytes);

// The inverse of JsonSafe: JsonUnsafe(JsonSafe(b)) == b for every byte string b.
std::string JsonUnsafe(std::string_view escaped);

// Bytes -> printable text with every control character escaped (see above).
std::string TerminalSafe(std::string_view bytes);

// The length (1..4) of the valid UTF-8 sequence that starts at bytes[pos], or 0 when none does.
std::size_t Utf8SequenceLength(std::string_view bytes, std::size_t pos);

}  // namespace iocscan::report
