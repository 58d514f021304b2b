// Shell history files parsed into entries. Pure, tested on literal samples.
//
//   ParseBashHistory("#1795867200\nls -la\ncurl x | sh\n")
//     -> {{"ls -la", 1795867200, 1}, {"curl x | sh", nullopt, 2}}
//
// bash (~/.bash_history): one command per line; with HISTTIMEFORMAT set, bash writes "#<epoch>"
//   before each entry, and the lines up to the next "#<epoch>" are one (multi-line) entry. Without
//   timestamps every line is an entry with no time.
// zsh (~/.zsh_history): plain lines, or the extended format ": <epoch>:<duration>;<command>"; a
//   line ending in '\' continues on the next one. zsh "metafies" bytes 0x83..0x9F and NUL (0x83
//   then the byte XOR 0x20): undone here.
// fish (~/.local/share/fish/fish_history): "- cmd: <command>" then "  when: <epoch>" (and
//   "  paths:" lists, ignored); "\n" and "\\" in the command are escapes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iocscan::collect {

struct ShellHistoryEntry {
  std::string command;
  std::optional<std::int64_t> time;
  std::int64_t order = 0;  // 1 = first entry of the file
};

std::vector<ShellHistoryEntry> ParseBashHistory(std::string_view text);
std::vector<ShellHistoryEntry> ParseZshHistory(std::string_view text);
std::vector<ShellHistoryEntry> ParseFishHistory(std::string_view text);

}  // namespace iocscan::collect
