// IPv4 and IPv6 text forms parsed and written without the OS (no inet_pton/inet_ntop: they are not
// portable to every target and the rules are small). The parsers accept exactly what POSIX
// inet_pton accepts; the formatters write what glibc's inet_ntop writes, so an address read from a
// Windows table has the same text as the same address read from /proc/net on Linux.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace iocscan {

// Dotted quad: four decimal parts 0-255, no leading zeros ("01" is refused), nothing else.
bool ParseIpv4(std::string_view text, std::array<std::uint8_t, 4>* out);

// RFC 4291 text: up to eight groups of 1-4 hex digits, at most one "::", optionally ending in a
// dotted quad that takes the last two groups. No zone ("%eth0") and no brackets.
bool ParseIpv6(std::string_view text, std::array<std::uint8_t, 16>* out);

// "192.168.0.1" from the four bytes in network order.
std::string FormatIpv4(const std::array<std::uint8_t, 4>& bytes);
// RFC 5952 as glibc writes it: lower-case hex, the longest run of two or more zero groups (the
// first on a tie) as "::", and "::ffff:1.2.3.4" / "::1.2.3.4" for IPv4-mapped and -compatible
// addresses.
std::string FormatIpv6(const std::array<std::uint8_t, 16>& bytes);

}  // namespace iocscan
