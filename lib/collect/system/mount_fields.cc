#include "collect/system/mount_fields.h"

#include "core/hex.h"

namespace iocscan::collect {

bool HasMountOption(std::string_view options, std::string_view option) {
  while (!options.empty()) {
    std::size_t comma = options.find(',');
    if (options.substr(0, comma) == option) return true;
    if (comma == std::string_view::npos) break;
    options.remove_prefix(comma + 1);
  }
  return false;
}

std::string MergeMountOptions(std::string_view mount_options, std::string_view super_options) {
  std::string out(mount_options);
  while (!super_options.empty()) {
    std::size_t comma = super_options.find(',');
    std::string_view option = super_options.substr(0, comma);
    if (!option.empty() && !HasMountOption(out, option)) out += (out.empty() ? "" : ",") + std::string(option);
    if (comma == std::string_view::npos) break;
    super_options.remove_prefix(comma + 1);
  }
  return out;
}

std::string RemoteAddressOf(std::string_view fs_type, std::string_view source) {
  (void)fs_type;  // the source's shape says it all; kept for types whose sources differ later
  if (source.substr(0, 2) == "//") {
    source.remove_prefix(2);
    return std::string(source.substr(0, source.find('/')));
  }
  std::size_t at = source.find('@');
  std::size_t colon_path = source.find(":/");
  if (at != std::string_view::npos && (colon_path == std::string_view::npos || at < colon_path)) {
    source.remove_prefix(at + 1);  // sshfs user@host:/path
  }
  if (!source.empty() && source[0] == '[') {
    std::size_t close = source.find(']');
    return close == std::string_view::npos ? std::string() : std::string(source.substr(1, close - 1));
  }
  std::size_t end = source.find(":/");
  if (end == std::string_view::npos) return {};
  std::string_view host = source.substr(0, end);
  return std::string(host.substr(0, host.find(',')));  // ceph: "mon1:6789,mon2:6789:/"
}

std::string UnescapeUdevName(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '\\' && i + 3 < name.size() && name[i + 1] == 'x' && HexDigitValue(name[i + 2]) >= 0 &&
        HexDigitValue(name[i + 3]) >= 0) {
      out += static_cast<char>(HexDigitValue(name[i + 2]) * 16 + HexDigitValue(name[i + 3]));
      i += 3;
    } else {
      out += name[i];
    }
  }
  return out;
}

}  // namespace iocscan::collect
