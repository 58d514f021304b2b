#include "collect/history/shell_history.h"

namespace iocscan::collect {
namespace {

std::optional<std::int64_t> Epoch(std::string_view s) {
  if (s.empty() || s.size() > 12) return std::nullopt;
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// Calls fn(line) for every line (without '\n' or a trailing '\r').
template <class Fn>
void ForEachLine(std::string_view text, Fn fn) {
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    fn(line);
  }
}

std::string Unmetafy(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) == 0x83 && i + 1 < s.size()) {
      out.push_back(static_cast<char>(s[++i] ^ 0x20));
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

void Push(std::vector<ShellHistoryEntry>& out, std::string command, std::optional<std::int64_t> time) {
  std::int64_t order = static_cast<std::int64_t>(out.size()) + 1;
  out.push_back({std::move(command), time, order});
}

}  // namespace

std::vector<ShellHistoryEntry> ParseBashHistory(std::string_view text) {
  std::vector<ShellHistoryEntry> out;
  std::optional<std::int64_t> stamp;  // the last "#<epoch>" line
  bool open = false;                  // an entry begun after a timestamp, more lines may follow
  ForEachLine(text, [&](std::string_view line) {
    if (line.size() > 1 && line[0] == '#') {
      if (std::optional<std::int64_t> t = Epoch(line.substr(1))) {
        stamp = t;
        open = false;
        return;
      }
    }
    if (stamp && open) {
      out.back().command += "\n";
      out.back().command += line;
      return;
    }
    if (line.empty() && !stamp) return;
    Push(out, std::string(line), stamp);
    open = stamp.has_value();
  });
  return out;
}

std::vector<ShellHistoryEntry> ParseZshHistory(std::string_view text) {
  std::vector<ShellHistoryEntry> out;
  bool continued = false;
  ForEachLine(text, [&](std::string_view raw) {
    std::string line = Unmetafy(raw);
    bool continues = !line.empty() && line.back() == '\\';
    if (continued) {
      out.back().command += "\n";
      out.back().command += line;
    } else {
      std::optional<std::int64_t> time;
      std::string_view view = line;
      if (view.starts_with(": ")) {
        std::size_t colon = view.find(':', 2);
        std::size_t semi = view.find(';');
        if (colon != std::string_view::npos && semi != std::string_view::npos && colon < semi) {
          time = Epoch(view.substr(2, colon - 2));
          if (time) view = view.substr(semi + 1);
        }
      }
      if (view.empty() && !time) return;
      Push(out, std::string(view), time);
    }
    if (continues) out.back().command.pop_back();  // the '\' itself; the newline stands for it
    continued = continues;
  });
  return out;
}

std::vector<ShellHistoryEntry> ParseFishHistory(std::string_view text) {
  std::vector<ShellHistoryEntry> out;
  auto unescape = [](std::string_view s) {
    std::string r;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == 'n' || s[i + 1] == '\\')) {
        r.push_back(s[++i] == 'n' ? '\n' : '\\');
      } else {
        r.push_back(s[i]);
      }
    }
    return r;
  };
  ForEachLine(text, [&](std::string_view line) {
    if (line.starts_with("- cmd: ")) {
      Push(out, unescape(line.substr(7)), std::nullopt);
    } else if (line.starts_with("  when: ") && !out.empty()) {
      out.back().time = Epoch(line.substr(8));
    }
  });
  return out;
}

}  // namespace iocscan::collect
