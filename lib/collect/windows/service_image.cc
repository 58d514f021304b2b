#include "collect/windows/service_image.h"

#include <array>
#include <utility>

#include "core/ascii.h"
#include "core/trim.h"

namespace iocscan::collect {
namespace {

std::string_view Trim(std::string_view s) { return TrimAny(s, " \t"); }

// Where an unquoted program with an executable extension ends (after the extension), or npos.
std::size_t EndOfProgram(std::string_view line) {
  static constexpr std::string_view kExtensions[] = {".exe", ".sys", ".com", ".bat", ".cmd"};
  for (std::size_t i = 0; i < line.size(); ++i) {
    for (std::string_view ext : kExtensions) {
      std::size_t end = i + ext.size();
      if (StartsWithIgnoreCase(line.substr(i), ext) && (end == line.size() || line[end] == ' ' || line[end] == '\t')) {
        return end;
      }
    }
  }
  return std::string_view::npos;
}

bool IsDriveAbsolute(std::string_view p) {
  return p.size() >= 3 && p[1] == ':' && (p[2] == '\\' || p[2] == '/');
}

}  // namespace

ServiceCommand SplitImagePath(std::string_view image_path) {
  std::string_view line = Trim(image_path);
  if (!line.empty() && line.front() == '"') {
    std::size_t close = line.find('"', 1);
    if (close == std::string_view::npos) return {std::string(line.substr(1)), ""};
    return {std::string(line.substr(1, close - 1)), std::string(Trim(line.substr(close + 1)))};
  }
  std::size_t end = EndOfProgram(line);
  if (end == std::string_view::npos) end = line.find_first_of(" \t");
  if (end == std::string_view::npos) return {std::string(line), ""};
  return {std::string(line.substr(0, end)), std::string(Trim(line.substr(end)))};
}

std::string ExpandEnvVars(std::string_view text, const EnvLookup& env) {
  std::string out;
  while (!text.empty()) {
    std::size_t open = text.find('%');
    std::size_t close = open == std::string_view::npos ? open : text.find('%', open + 1);
    if (close == std::string_view::npos) break;
    out.append(text.substr(0, open));
    std::string_view name = text.substr(open + 1, close - open - 1);
    std::optional<std::string> value = name.empty() || !env ? std::nullopt : env(name);
    if (value) {
      out += *value;
      text.remove_prefix(close + 1);
    } else {
      // Kept as written; the closing '%' may open the next name ("%a%b%").
      out.append(text.substr(open, close - open));
      text.remove_prefix(close);
    }
  }
  out.append(text);
  return out;
}

std::string FullServicePath(std::string_view path, const EnvLookup& env) {
  std::string p = ExpandEnvVars(Trim(path), env);
  std::string_view v = p;
  if (v.starts_with("\\??\\")) return std::string(v.substr(4));
  std::optional<std::string> root = env ? env("SystemRoot") : std::nullopt;
  if (!root || root->empty()) return p;
  if (StartsWithIgnoreCase(v, "\\SystemRoot\\")) return *root + std::string(v.substr(sizeof("\\SystemRoot") - 1));
  // A driver's "System32\drivers\x.sys" is relative to the system root; "\x" is on the system drive.
  // A variable left unexpanded ("%Unknown%\x") is not made relative to anything.
  if (!v.empty() && !IsDriveAbsolute(v) && v.front() != '\\' && v.front() != '/' && v.front() != '%' &&
      v.find('\\') != v.npos) {
    return *root + "\\" + p;
  }
  return p;
}

std::string_view StartTypeName(std::uint32_t start_type) {
  static constexpr std::string_view kNames[] = {"SERVICE_BOOT_START", "SERVICE_SYSTEM_START", "SERVICE_AUTO_START",
                                                "SERVICE_DEMAND_START", "SERVICE_DISABLED"};
  return start_type < std::size(kNames) ? kNames[start_type] : "";
}

std::string_view StateName(std::uint32_t state) {
  static constexpr std::string_view kNames[] = {"",
                                                "SERVICE_STOPPED",
                                                "SERVICE_START_PENDING",
                                                "SERVICE_STOP_PENDING",
                                                "SERVICE_RUNNING",
                                                "SERVICE_CONTINUE_PENDING",
                                                "SERVICE_PAUSE_PENDING",
                                                "SERVICE_PAUSED"};
  return state < std::size(kNames) ? kNames[state] : "";
}

std::string ServiceTypeName(std::uint32_t type) {
  static constexpr std::pair<std::uint32_t, std::string_view> kBits[] = {
      {0x1, "SERVICE_KERNEL_DRIVER"},        {0x2, "SERVICE_FILE_SYSTEM_DRIVER"},
      {0x4, "SERVICE_RECOGNIZER_DRIVER"},    {0x8, "SERVICE_ADAPTER"},
      {0x10, "SERVICE_WIN32_OWN_PROCESS"},   {0x20, "SERVICE_WIN32_SHARE_PROCESS"},
      {0x40, "SERVICE_USER_SERVICE"},        {0x80, "SERVICE_USERSERVICE_INSTANCE"},
      {0x100, "SERVICE_INTERACTIVE_PROCESS"}};
  std::string out;
  for (const auto& [bit, name] : kBits) {
    if (!(type & bit)) continue;
    if (!out.empty()) out += '|';
    out += name;
  }
  return out;
}

}  // namespace iocscan::collect
