#include "collect/dns/hosts_file.h"

#include <array>

#include "collect/text_lines.h"
#include "core/ip_address.h"

namespace iocscan::collect {
namespace {

bool Blank(char c) { return c == ' ' || c == '\t'; }

std::vector<std::string_view> Words(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && Blank(line[i])) ++i;
    std::size_t start = i;
    while (i < line.size() && !Blank(line[i])) ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

// Parses the address word; false when it is no IPv4/IPv6 address (core/ip_address.h agrees with
// inet_pton, and builds on every OS).
bool ParseAddress(std::string_view word, HostsRecord* r) {
  std::size_t percent = word.find('%');
  r->address = std::string(word.substr(0, percent));
  r->zone = percent == std::string_view::npos ? "" : std::string(word.substr(percent + 1));
  r->ipv6 = r->address.find(':') != std::string::npos;
  if (!r->ipv6 && !r->zone.empty()) return false;
  std::array<std::uint8_t, 16> v6{};
  std::array<std::uint8_t, 4> v4{};
  return r->ipv6 ? ParseIpv6(r->address, &v6) : ParseIpv4(r->address, &v4);
}

}  // namespace

std::vector<HostsRecord> ParseHostsFile(std::string_view text) {
  std::vector<HostsRecord> out;
  int number = 0;
  ForEachLine(text, [&](std::string_view line) {
    ++number;
    std::vector<std::string_view> words = Words(line.substr(0, line.find('#')));
    HostsRecord base;
    if (words.size() < 2 || !ParseAddress(words[0], &base)) return;
    base.line = number;
    for (std::size_t i = 1; i < words.size(); ++i) {
      HostsRecord r = base;
      r.name = std::string(words[i]);
      r.alias = i > 1;
      out.push_back(std::move(r));
    }
  });
  return out;
}

}  // namespace iocscan::collect
