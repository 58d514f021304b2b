#include "collect/task/at_job.h"

#include <cctype>
#include <charconv>

namespace iocscan::collect {
namespace {

bool ParseHex(std::string_view s, std::uint64_t* v) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *v, 16);
  return ec == std::errc() && end == s.data() + s.size();
}

std::string_view NextLine(std::string_view* text) {
  std::size_t nl = text->find('\n');
  std::string_view line = text->substr(0, nl);
  *text = nl == std::string_view::npos ? std::string_view() : text->substr(nl + 1);
  return line;
}

std::string_view TrimLeft(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

// The commands inside the here-document that newer at versions write; nullopt without one.
std::optional<std::string> HereDocument(std::string_view text) {
  constexpr std::string_view kStart = "${SHELL:-/bin/sh} << '";
  std::size_t at = text.find(kStart);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = text.substr(at + kStart.size());
  std::string delimiter(rest.substr(0, rest.find('\'')));
  NextLine(&rest);
  std::string out;
  while (!rest.empty()) {
    std::string_view line = NextLine(&rest);
    if (line == delimiter) break;
    out.append(line).push_back('\n');
  }
  return out;
}

// Older at: the commands follow the "cd ... || {" block that ends with a lone "}".
std::string AfterCdBlock(std::string_view text) {
  std::string_view rest = text;
  bool in_block = false;
  while (!rest.empty()) {
    std::string_view line = NextLine(&rest);
    if (!in_block && line.rfind("cd ", 0) == 0 && line.find("|| {") != std::string_view::npos) {
      in_block = true;
    } else if (in_block && TrimLeft(line) == "}") {
      return std::string(rest);
    }
  }
  return std::string(text);  // no preamble recognised: the whole script is the job
}

}  // namespace

std::optional<AtJob> ParseAtJobName(std::string_view name) {
  if (name.size() != 14) return std::nullopt;
  // Queues are letters; '=' marks a job atd is running now.
  if (!std::isalpha(static_cast<unsigned char>(name[0])) && name[0] != '=') return std::nullopt;
  std::uint64_t number = 0, minutes = 0;
  if (!ParseHex(name.substr(1, 5), &number) || !ParseHex(name.substr(6, 8), &minutes)) return std::nullopt;
  AtJob job;
  job.queue = name[0];
  job.number = static_cast<std::uint32_t>(number);
  job.run_time = static_cast<std::int64_t>(minutes) * 60;
  return job;
}

void ParseAtJobScript(std::string_view text, AtJob* job) {
  constexpr std::string_view kUid = "# atrun uid=";
  if (std::size_t at = text.find(kUid); at != std::string_view::npos) {
    std::string_view digits = text.substr(at + kUid.size());
    std::uint32_t uid = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), uid);
    if (ec == std::errc() && end != digits.data()) job->uid = uid;
  }
  for (std::string_view rest = text; !rest.empty();) {
    std::string_view line = NextLine(&rest);
    if (line.rfind("PATH=", 0) != 0) continue;
    line.remove_prefix(5);
    job->path_env = std::string(line.substr(0, line.find(';')));
    break;
  }
  std::optional<std::string> here = HereDocument(text);
  job->commands = here ? std::move(*here) : AfterCdBlock(text);
}

std::string FirstCommand(std::string_view commands) {
  while (!commands.empty()) {
    std::string_view line = TrimLeft(NextLine(&commands));
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && line.front() != '#') return std::string(line);
  }
  return {};
}

}  // namespace iocscan::collect
