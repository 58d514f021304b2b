// SysV init scripts (/etc/init.d) as services. Pure.
//
//   LsbHeader h = ParseLsbHeader(script_text);   // "### BEGIN INIT INFO" ... "### END INIT INFO"
//   RcLinkService("S01ssh")  -> "ssh"            // /etc/rc2.d/S01ssh starts ssh in runlevel 2
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace iocscan::collect {

struct LsbHeader {
  std::string short_description;  // "# Short-Description:"
  std::string description;        // "# Description:", continuation lines ("#  more") joined by a space
};

LsbHeader ParseLsbHeader(std::string_view script);

// The script a start link of an rc folder runs ("S" + two digits + name); nullopt otherwise
// (kill links "K..", README).
std::optional<std::string> RcLinkService(std::string_view link_name);

}  // namespace iocscan::collect
