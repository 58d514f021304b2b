#include "collect/logs/sudo_line.h"

#include "core/trim.h"

namespace iocscan::collect {
namespace {

std::string_view Trim(std::string_view s) { return TrimAny(s, " \t"); }

// "KEY=value" of a sudo field; false when the field is not KEY=.
bool Field(std::string_view field, std::string_view key, std::string* out) {
  if (!field.starts_with(key) || field.size() <= key.size() || field[key.size()] != '=') return false;
  *out = std::string(field.substr(key.size() + 1));
  return true;
}

std::optional<SudoRecord> ParseSudo(std::string_view message) {
  std::size_t colon = message.find(" : ");
  if (colon == std::string_view::npos) return std::nullopt;
  SudoRecord r;
  r.kind = "sudo";
  r.user = std::string(Trim(message.substr(0, colon)));
  std::string_view rest = message.substr(colon + 3);
  std::size_t command_at = rest.find("COMMAND=");
  if (r.user.empty() || r.user.find(' ') != std::string::npos || command_at == std::string_view::npos) {
    return std::nullopt;
  }
  r.command = std::string(Trim(rest.substr(command_at + 8)));  // the command may hold " ; "
  rest = rest.substr(0, command_at);
  bool first = true;
  while (!rest.empty()) {
    std::size_t sep = rest.find(" ; ");
    std::string_view field = Trim(rest.substr(0, sep));
    rest = sep == std::string_view::npos ? std::string_view{} : rest.substr(sep + 3);
    if (field.empty()) continue;
    if (Field(field, "TTY", &r.tty) || Field(field, "PWD", &r.pwd) || Field(field, "USER", &r.target)) {
    } else if (first && field.find('=') == std::string_view::npos) {
      r.success = false;  // "3 incorrect password attempts", "user NOT in sudoers", ...
    }
    first = false;
  }
  return r;
}

// util-linux: "(to root) alice on pts/0", "FAILED SU (to root) alice on pts/0".
std::optional<SudoRecord> ParseSu(std::string_view message) {
  SudoRecord r;
  r.kind = "su";
  message = Trim(message);
  if (message.starts_with("FAILED SU ")) {
    r.success = false;
    message.remove_prefix(10);
  }
  if (message.starts_with("(to ")) {
    std::size_t close = message.find(") ");
    if (close == std::string_view::npos) return std::nullopt;
    r.target = std::string(message.substr(4, close - 4));
    std::string_view rest = message.substr(close + 2);
    std::size_t on = rest.find(" on ");
    r.user = std::string(rest.substr(0, on));
    if (on != std::string_view::npos) r.tty = std::string(rest.substr(on + 4));
    return r.user.empty() ? std::nullopt : std::optional<SudoRecord>(r);
  }
  // shadow: "Successful su for root by alice", "FAILED su for root by alice".
  for (std::string_view prefix : {"Successful su for ", "FAILED su for "}) {
    if (!message.starts_with(prefix)) continue;
    r.success = prefix[0] == 'S';
    std::string_view rest = message.substr(prefix.size());
    std::size_t by = rest.find(" by ");
    if (by == std::string_view::npos) return std::nullopt;
    r.target = std::string(rest.substr(0, by));
    r.user = std::string(rest.substr(by + 4));
    return r;
  }
  return std::nullopt;
}

}  // namespace

std::optional<SudoRecord> ParseSudoMessage(std::string_view sender, std::string_view message) {
  if (sender == "sudo") return ParseSudo(message);
  if (sender == "su") return ParseSu(message);
  return std::nullopt;
}

}  // namespace iocscan::collect
