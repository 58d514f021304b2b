#include "collect/dns/hosts_file.h"

#include <arpa/inet.h>

#include "collect/text_lines.h"

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

// Parses the address word; false when it is no IPv4/IPv6 address. inet_pton is pure (no NSS).
bool ParseAddress(std::string_view word, HostsRecord* r) {
  std::size_t percent = word.find('%');
  r->address = std::string(word.substr(0, percent));
  r->zone = percent == std::string_view::npos ? "" : std::string(word.substr(percent + 1));
  unsigned char buf[16];
  r->ipv6 = r->address.find(':') != std::string::npos;
  if (!r->ipv6 && !r->zone.empty()) return false;
  return ::inet_pton(r->ipv6 ? AF_INET6 : AF_INET, r->address.c_str(), buf) == 1;
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
