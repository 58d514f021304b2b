#include "collect/process/proc_parse.h"

#include <charconv>

namespace iocscan::collect {
namespace {

template <class T>
bool ParseNumber(std::string_view s, T* out) {
  const char* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, *out);
  return ec == std::errc() && p == end && !s.empty();
}

// Splits on runs of spaces/tabs.
std::vector<std::string_view> Fields(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    std::size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t' && s[i] != '\n') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
    if (i < s.size() && s[i] == '\n') break;
  }
  return out;
}

// Calls fn(line) for each line of text (without the '\n').
template <class Fn>
void ForEachLine(std::string_view text, Fn fn) {
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    fn(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
}

// "socket:[123]" -> 123 after `prefix`.
std::uint64_t BracketInode(std::string_view link, std::string_view prefix) {
  std::string_view rest = link.substr(prefix.size());
  if (rest.size() < 3 || rest.front() != '[' || rest.back() != ']') return 0;
  std::uint64_t inode = 0;
  return ParseNumber(rest.substr(1, rest.size() - 2), &inode) ? inode : 0;
}

}  // namespace

std::optional<ProcStat> ParseStat(std::string_view line) {
  std::size_t open = line.find('(');
  std::size_t close = line.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return std::nullopt;
  ProcStat st;
  std::string_view pid_text = line.substr(0, open);
  while (!pid_text.empty() && pid_text.back() == ' ') pid_text.remove_suffix(1);
  if (!ParseNumber(pid_text, &st.pid)) return std::nullopt;
  st.comm = std::string(line.substr(open + 1, close - open - 1));
  // After ") ": field 3 (state) is index 0, so field N is index N - 3 (proc(5)).
  std::vector<std::string_view> f = Fields(line.substr(close + 1));
  if (f.size() < 20 || f[0].size() != 1) return std::nullopt;
  st.state = f[0][0];
  if (!ParseNumber(f[1], &st.ppid) || !ParseNumber(f[11], &st.utime_ticks) ||
      !ParseNumber(f[12], &st.stime_ticks) || !ParseNumber(f[19], &st.start_ticks)) {
    return std::nullopt;
  }
  return st;
}

std::optional<std::int64_t> ParseBootTime(std::string_view proc_stat) {
  std::optional<std::int64_t> out;
  ForEachLine(proc_stat, [&](std::string_view line) {
    std::vector<std::string_view> f = Fields(line);
    std::int64_t t = 0;
    if (!out && f.size() == 2 && f[0] == "btime" && ParseNumber(f[1], &t)) out = t;
  });
  return out;
}

std::optional<std::uint32_t> ParseStatusEuid(std::string_view status) {
  std::optional<std::uint32_t> out;
  ForEachLine(status, [&](std::string_view line) {
    std::vector<std::string_view> f = Fields(line);
    std::uint32_t uid = 0;
    if (!out && f.size() >= 3 && f[0] == "Uid:" && ParseNumber(f[2], &uid)) out = uid;
  });
  return out;
}

std::string JoinCmdline(std::string_view raw) {
  while (!raw.empty() && raw.back() == '\0') raw.remove_suffix(1);
  std::string out(raw);
  for (char& c : out) {
    if (c == '\0') c = ' ';
  }
  return out;
}

bool StripDeleted(std::string* path) {
  constexpr std::string_view kSuffix = " (deleted)";
  if (path->size() <= kSuffix.size() || !std::string_view(*path).ends_with(kSuffix)) return false;
  path->resize(path->size() - kSuffix.size());
  return true;
}

PathParts SplitPath(std::string_view path) {
  std::size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return {"", std::string(path)};
  return {std::string(slash == 0 ? path.substr(0, 1) : path.substr(0, slash)), std::string(path.substr(slash + 1))};
}

std::vector<std::string> ParseMapsFiles(std::string_view maps) {
  std::vector<std::string> out;
  ForEachLine(maps, [&](std::string_view line) {
    // address perms offset dev inode, then padding, then the pathname (which may hold spaces).
    std::size_t pos = 0;
    for (int field = 0; field < 5 && pos != std::string_view::npos; ++field) {
      pos = line.find_first_not_of(' ', pos);
      if (pos != std::string_view::npos) pos = line.find(' ', pos);
    }
    if (pos == std::string_view::npos) return;
    pos = line.find_first_not_of(' ', pos);
    if (pos == std::string_view::npos || line[pos] != '/') return;
    std::string name(line.substr(pos));
    StripDeleted(&name);
    // Consecutive mappings of one file (text, data, bss) are the common case: compare with the last.
    if (!out.empty() && out.back() == name) return;
    for (const std::string& seen : out) {
      if (seen == name) return;
    }
    out.push_back(std::move(name));
  });
  return out;
}

FdTarget ClassifyFdTarget(std::string_view link) {
  FdTarget t;
  t.name = std::string(link);
  if (!link.empty() && link.front() == '/') {
    t.kind = FdKind::kFile;
    t.deleted = StripDeleted(&t.name);
  } else if (link.starts_with("socket:")) {
    t.kind = FdKind::kSocket;
    t.inode = BracketInode(link, "socket:");
  } else if (link.starts_with("pipe:")) {
    t.kind = FdKind::kPipe;
    t.inode = BracketInode(link, "pipe:");
  } else if (link.starts_with("anon_inode:")) {
    t.kind = FdKind::kAnonInode;
  }
  return t;
}

std::string_view FdKindName(FdKind kind) {
  switch (kind) {
    case FdKind::kFile: return "File";
    case FdKind::kSocket: return "Socket";
    case FdKind::kPipe: return "Pipe";
    case FdKind::kAnonInode: return "AnonInode";
    case FdKind::kOther: break;
  }
  return "Other";
}

}  // namespace iocscan::collect
