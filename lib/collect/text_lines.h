// Line splitting for the collectors' text parsers (passwd, hosts, os-release, /proc/modules...):
// '\n'-separated lines, a CR before the newline dropped (files edited on Windows), the last line
// kept without a newline.
//
//   ForEachLine(text, [](std::string_view line) { ... });
#pragma once

#include <string_view>

namespace iocscan::collect {

template <class Fn>
void ForEachLine(std::string_view text, Fn&& fn) {
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    fn(line);
  }
}

}  // namespace iocscan::collect
