#include "collect/service/init_script.h"

#include <cctype>

namespace iocscan::collect {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

LsbHeader ParseLsbHeader(std::string_view script) {
  LsbHeader out;
  bool inside = false;
  std::string* continued = nullptr;  // the field a "#<blanks>text" line continues
  while (!script.empty()) {
    std::size_t nl = script.find('\n');
    std::string_view line = Trim(script.substr(0, nl));
    script = nl == std::string_view::npos ? std::string_view() : script.substr(nl + 1);
    if (line == "### BEGIN INIT INFO") {
      inside = true;
      continue;
    }
    if (!inside) continue;
    if (line == "### END INIT INFO" || line.empty() || line[0] != '#') break;
    std::string_view body = line.substr(1);
    if (continued && body.size() > 1 && (body[0] == ' ' || body[0] == '\t') &&
        (body[1] == ' ' || body[1] == '\t')) {
      *continued += " ";
      *continued += Trim(body);
      continue;
    }
    body = Trim(body);
    continued = nullptr;
    std::size_t colon = body.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view key = body.substr(0, colon);
    std::string_view value = Trim(body.substr(colon + 1));
    if (key == "Short-Description") {
      out.short_description = std::string(value);
    } else if (key == "Description") {
      out.description = std::string(value);
      continued = &out.description;
    }
  }
  return out;
}

std::optional<std::string> RcLinkService(std::string_view link_name) {
  if (link_name.size() < 4 || link_name[0] != 'S' || !std::isdigit(static_cast<unsigned char>(link_name[1])) ||
      !std::isdigit(static_cast<unsigned char>(link_name[2]))) {
    return std::nullopt;
  }
  return std::string(link_name.substr(3));
}

}  // namespace iocscan::collect
