// The small text files that describe a Linux system, parsed for SystemInfoItem. Pure (text in,
// values out), so they work the same on the live system and on an offline image.
//
//   OsRelease os = ParseOsRelease(text);              // os.Get("PRETTY_NAME") -> "Debian GNU/Linux 12 (bookworm)"
//   HostnameFromFile("vm\n")                          -> "vm"
//   ResolvConfDomain("search corp.example lan\n")     -> "corp.example"
//   ZoneFromLocaltimeLink("/usr/share/zoneinfo/Europe/Paris") -> "Europe/Paris"
//   FormatUptime(93784)                               -> "1d 2h 3m 4s"
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace iocscan::collect {

// os-release(5): KEY=value lines, values optionally quoted with " or ' and backslash-escaped;
// comments and malformed lines are skipped; a later assignment wins.
struct OsRelease {
  std::map<std::string, std::string> values;
  std::string Get(const std::string& key) const;  // "" when absent
};
OsRelease ParseOsRelease(std::string_view text);

// /etc/hostname: the first word of the first line that is not a comment; "" when none.
std::string HostnameFromFile(std::string_view text);

// The local domain of resolv.conf(5): the last `domain` or `search` line wins (they are mutually
// exclusive); `search` gives its first domain. "" when none, or when it is the root domain ".".
std::string ResolvConfDomain(std::string_view text);

// The domain part of a host name: "db1.corp.example" -> "corp.example"; "" without a dot.
std::string DomainOfHostname(std::string_view hostname);

// The zone name of a /etc/localtime symlink target: what follows "zoneinfo/" (the posix/ and
// right/ variants included as written); "" when the target is not under a zoneinfo folder.
std::string ZoneFromLocaltimeLink(std::string_view target);

// /etc/timezone (Debian): the first line, trimmed; "" when empty.
std::string ZoneFromTimezoneFile(std::string_view text);

// An uptime in seconds as "<days>d <hours>h <minutes>m <seconds>s", the form of MIR audits.
std::string FormatUptime(std::int64_t seconds);

}  // namespace iocscan::collect
