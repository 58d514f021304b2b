#include "walk/path_util.h"

namespace iocscan::walk {

std::string MakeAbsolute(std::string_view path, std::string_view cwd) {
  std::string joined;
  if (path.empty() || path.front() != '/') {
    joined.assign(cwd);
    joined.push_back('/');
  }
  joined.append(path);
  std::string out;
  std::size_t pos = 0;
  while (pos < joined.size()) {
    std::size_t end = joined.find('/', pos);
    if (end == std::string::npos) end = joined.size();
    std::string_view comp(joined.data() + pos, end - pos);
    pos = end + 1;
    if (comp.empty() || comp == ".") continue;
    out.push_back('/');
    out.append(comp);
  }
  if (out.empty()) out = "/";
  return out;
}

bool HasDotDot(std::string_view path) {
  std::size_t pos = 0;
  while ((pos = path.find("..", pos)) != std::string_view::npos) {
    bool starts = pos == 0 || path[pos - 1] == '/';
    bool ends = pos + 2 == path.size() || path[pos + 2] == '/';
    if (starts && ends) return true;
    pos += 2;
  }
  return false;
}

void AppendChild(std::string* out, std::string_view dir, std::string_view name) {
  out->assign(dir);
  if (dir.empty() || dir.back() != '/') out->push_back('/');
  out->append(name);
}

bool IsInside(std::string_view path, std::string_view dir) {
  if (dir == "/") return !path.empty() && path.front() == '/';
  if (path.size() < dir.size() || path.substr(0, dir.size()) != dir) return false;
  return path.size() == dir.size() || path[dir.size()] == '/';
}

}  // namespace iocscan::walk
