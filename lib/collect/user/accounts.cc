#include "collect/user/accounts.h"

#include <charconv>

#include "collect/text_lines.h"

namespace iocscan::collect {
namespace {

// Calls `fn(fields, count)` for each line that can be an entry, with up to `N` ':'-separated
// fields (the last one keeps any further ':').
template <std::size_t N, class Fn>
void ForEachEntryLine(std::string_view text, Fn fn) {
  ForEachLine(text, [&](std::string_view line) {
    if (line.empty() || line[0] == '#' || line[0] == '+' || line[0] == '-') return;
    std::string_view fields[N];
    std::size_t count = 0;
    while (count < N) {
      std::size_t colon = count + 1 < N ? line.find(':') : std::string_view::npos;
      fields[count++] = line.substr(0, colon);
      if (colon == std::string_view::npos) break;
      line.remove_prefix(colon + 1);
    }
    if (!fields[0].empty()) fn(fields, count);
  });
}

bool ParseId(std::string_view text, std::uint32_t* id) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *id);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::vector<PasswdEntry> ParsePasswdEntries(std::string_view text) {
  std::vector<PasswdEntry> out;
  ForEachEntryLine<7>(text, [&](const std::string_view* f, std::size_t n) {
    PasswdEntry e;
    if (n < 6 || !ParseId(f[2], &e.uid) || !ParseId(f[3], &e.gid)) return;
    e.name = std::string(f[0]);
    e.full_name = std::string(f[4].substr(0, f[4].find(',')));
    e.home = std::string(f[5]);
    if (n == 7) e.shell = std::string(f[6]);
    out.push_back(std::move(e));
  });
  return out;
}

std::vector<GroupEntry> ParseGroupEntries(std::string_view text) {
  std::vector<GroupEntry> out;
  ForEachEntryLine<4>(text, [&](const std::string_view* f, std::size_t n) {
    GroupEntry g;
    if (n < 3 || !ParseId(f[2], &g.gid)) return;
    g.name = std::string(f[0]);
    std::string_view list = n == 4 ? f[3] : std::string_view();
    while (!list.empty()) {
      std::size_t comma = list.find(',');
      std::string_view member = list.substr(0, comma);
      if (!member.empty()) g.members.emplace_back(member);
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
    }
    out.push_back(std::move(g));
  });
  return out;
}

std::unordered_set<std::string> ParseShadowLocked(std::string* text) {
  std::unordered_set<std::string> locked;
  ForEachEntryLine<3>(*text, [&](const std::string_view* f, std::size_t n) {
    if (n >= 2 && !f[1].empty() && (f[1][0] == '!' || f[1][0] == '*')) locked.emplace(f[0]);
  });
  // The hashes were in this buffer: wipe it rather than leave them to the allocator.
  if (!text->empty()) {
    volatile char* p = text->data();
    for (std::size_t i = 0; i < text->size(); ++i) p[i] = 0;
  }
  text->clear();
  return locked;
}

}  // namespace iocscan::collect
