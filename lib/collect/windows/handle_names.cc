#include "collect/windows/handle_names.h"

#include <algorithm>

namespace iocscan::collect {
namespace {

// "\\?\C:\x" -> "C:\x", "\\?\UNC\host\share" -> "\\host\share", "\??\C:\x" -> "C:\x".
std::string WithoutDevicePrefix(std::string_view path) {
  if (path.starts_with("\\\\?\\UNC\\")) return "\\\\" + std::string(path.substr(8));
  if (path.starts_with("\\\\?\\") || path.starts_with("\\??\\")) return std::string(path.substr(4));
  return std::string(path);
}

void AddOnce(std::vector<std::string>& names, std::string name) {
  if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
}

}  // namespace

std::vector<std::string> HandleNames(std::string_view type, std::string_view object_name,
                                     std::string_view win32_path) {
  std::vector<std::string> names;
  AddOnce(names, std::string(object_name));
  constexpr std::string_view kFolder = "\\BaseNamedObjects\\";
  if (std::size_t at = object_name.rfind(kFolder); at != std::string_view::npos && type != "Directory") {
    AddOnce(names, std::string(object_name.substr(at + kFolder.size())));
  }
  if (type == "File") {
    if (!win32_path.empty()) AddOnce(names, WithoutDevicePrefix(win32_path));
    if (object_name.starts_with("\\??\\")) AddOnce(names, WithoutDevicePrefix(object_name));
  }
  return names;
}

}  // namespace iocscan::collect
