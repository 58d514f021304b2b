#include "collect/task/crontab.h"

#include <cctype>
#include <charconv>

namespace iocscan::collect {
namespace {

constexpr std::string_view kDefaultPath = "/usr/bin:/bin";  // cron's PATH when the file sets none

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

// Cuts the next blank-separated field off `s`.
std::string_view NextField(std::string_view* s) {
  *s = Trim(*s);
  std::size_t i = 0;
  while (i < s->size() && !IsBlank((*s)[i])) ++i;
  std::string_view field = s->substr(0, i);
  s->remove_prefix(i);
  *s = Trim(*s);
  return field;
}

bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string_view Unquote(std::string_view v) {
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
    return v.substr(1, v.size() - 2);
  }
  return v;
}

// "NAME = value" -> true with name and value; a schedule line never has a name before '='.
bool ParseAssignment(std::string_view line, std::string* name, std::string* value) {
  std::size_t eq = line.find('=');
  if (eq == std::string_view::npos) return false;
  std::string_view n = Unquote(Trim(line.substr(0, eq)));
  if (n.empty()) return false;
  for (char c : n) {
    if (!IsNameChar(c)) return false;
  }
  *name = std::string(n);
  *value = std::string(Unquote(Trim(line.substr(eq + 1))));
  return true;
}

// Splits the command at the first unescaped '%'.
void SplitPercent(std::string_view command, std::string* run, std::string* input) {
  std::string* out = run;
  for (std::size_t i = 0; i < command.size(); ++i) {
    char c = command[i];
    if (c == '\\' && i + 1 < command.size() && command[i + 1] == '%') {
      *out += '%';
      ++i;
    } else if (c == '%') {
      if (out == input) {
        *out += '\n';
      } else {
        out = input;
      }
    } else {
      *out += c;
    }
  }
}

// "period delay job-identifier" of an anacrontab line.
bool ParseAnacronFields(std::string_view* line, CronEntry* e) {
  e->period = std::string(NextField(line));
  std::string_view delay = NextField(line);
  e->job_id = std::string(NextField(line));
  auto [end, ec] = std::from_chars(delay.data(), delay.data() + delay.size(), e->delay);
  if (ec != std::errc() || end != delay.data() + delay.size() || e->job_id.empty()) return false;
  e->schedule = e->period + " " + std::string(delay);
  return true;
}

bool ParseEntry(std::string_view line, CrontabKind kind, CronEntry* e) {
  if (kind == CrontabKind::kAnacron) {
    if (!ParseAnacronFields(&line, e)) return false;
  } else if (line[0] == '@') {
    e->keyword = std::string(NextField(&line));
    e->schedule = e->keyword;
  } else {
    std::string* parts[] = {&e->minute, &e->hour, &e->day_of_month, &e->month, &e->day_of_week};
    for (std::string* p : parts) {
      *p = std::string(NextField(&line));
      if (p->empty()) return false;
    }
    e->schedule = e->minute + " " + e->hour + " " + e->day_of_month + " " + e->month + " " + e->day_of_week;
  }
  if (kind == CrontabKind::kSystem) {
    e->user = std::string(NextField(&line));
    if (e->user.empty()) return false;
  }
  e->command = std::string(Trim(line));
  if (e->command.empty()) return false;
  SplitPercent(e->command, &e->run, &e->input);
  return true;
}

}  // namespace

Crontab ParseCrontab(std::string_view text, CrontabKind kind) {
  Crontab out;
  std::string path_env(kDefaultPath);
  int number = 0;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = Trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++number;
    if (line.empty() || line[0] == '#') continue;
    bool schedule_start = line[0] == '@' || line[0] == '*' || std::isdigit(static_cast<unsigned char>(line[0]));
    std::string name, value;
    if (!schedule_start && ParseAssignment(line, &name, &value)) {
      if (name == "PATH") path_env = value;
      continue;
    }
    CronEntry e;
    e.line = number;
    e.path_env = path_env;
    if (schedule_start && ParseEntry(line, kind, &e)) {
      out.entries.push_back(std::move(e));
    } else {
      out.bad_lines.push_back(number);
    }
  }
  return out;
}

ShellCommand SplitShellCommand(std::string_view command) {
  ShellCommand out;
  std::string_view rest = Trim(command);
  for (;;) {
    std::string_view word = NextField(&rest);
    std::string name, value;
    if (word.empty()) break;
    if (word.find('=') != std::string_view::npos && ParseAssignment(word, &name, &value)) continue;
    out.program = std::string(Unquote(word));
    out.arguments = std::string(rest);
    break;
  }
  return out;
}

}  // namespace iocscan::collect
