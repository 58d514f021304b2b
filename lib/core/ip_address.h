// IPv4 and IPv6 text forms parsed without the OS (no inet_pton: it is not portable to every target
// and the rules are small). Accepts exactly what POSIX inet_pton accepts.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace iocscan {

// Dotted quad: four decimal parts 0-255, no leading zeros ("01" is refused), nothing else.
bool ParseIpv4(std::string_view text, std::array<std::uint8_t, 4>* out);

// RFC 4291 text: up to eight groups of 1-4 hex digits, at most one "::", optionally ending in a
// dotted quad that takes the last two groups. No zone ("%eth0") and no brackets.
bool ParseIpv6(std::string_view text, std::array<std::uint8_t, 16>* out);

}  // namespace iocscan
