#include "platform/users.h"

#include <charconv>
#include <fstream>

namespace iocscan::platform {
namespace {

constexpr std::size_t kMaxDbBytes = 64u << 20;

// name:x:id:... -> (id, name); false when the line is not such an entry.
bool ParseLine(std::string_view line, std::uint32_t* id, std::string_view* name) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.empty() || line[0] == '#' || line[0] == '+' || line[0] == '-') return false;
  std::size_t c1 = line.find(':');
  if (c1 == 0 || c1 == std::string_view::npos) return false;
  std::size_t c2 = line.find(':', c1 + 1);
  if (c2 == std::string_view::npos) return false;
  std::size_t c3 = line.find(':', c2 + 1);
  std::string_view id_text = line.substr(c2 + 1, c3 == std::string_view::npos ? line.npos : c3 - c2 - 1);
  if (id_text.empty()) return false;
  auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), *id);
  if (ec != std::errc() || end != id_text.data() + id_text.size()) return false;
  *name = line.substr(0, c1);
  return true;
}

IdNames ParseIdFile(std::string_view text) {
  IdNames out;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    std::uint32_t id = 0;
    std::string_view name;
    if (ParseLine(line, &id, &name)) out.try_emplace(id, name);
  }
  return out;
}

std::string ReadSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::string data;
  char chunk[65536];
  while (data.size() < kMaxDbBytes && in.read(chunk, sizeof chunk).gcount() > 0) {
    data.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  if (data.size() > kMaxDbBytes) data.resize(kMaxDbBytes);
  return data;
}

std::string JoinRoot(std::string_view root, std::string_view rel) {
  std::string path(root);
  while (!path.empty() && path.back() == '/') path.pop_back();
  path += rel;
  return path;
}

}  // namespace

IdNames ParsePasswd(std::string_view text) { return ParseIdFile(text); }
IdNames ParseGroup(std::string_view text) { return ParseIdFile(text); }

UserDb UserDb::Load(std::string_view root) {
  return UserDb(ParsePasswd(ReadSmallFile(JoinRoot(root, "/etc/passwd"))),
                ParseGroup(ReadSmallFile(JoinRoot(root, "/etc/group"))));
}

std::string UserDb::UserName(std::uint32_t uid) const {
  auto it = users_.find(uid);
  return it != users_.end() ? it->second : std::to_string(uid);
}

std::string UserDb::GroupName(std::uint32_t gid) const {
  auto it = groups_.find(gid);
  return it != groups_.end() ? it->second : std::to_string(gid);
}

}  // namespace iocscan::platform
