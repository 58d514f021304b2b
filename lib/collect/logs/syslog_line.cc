#include "collect/logs/syslog_line.h"

#include <array>
#include <cstdio>

#include "core/time.h"

namespace iocscan::collect {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Splits off the first space-separated word of `rest` (several spaces count as one).
std::string_view NextWord(std::string_view& rest) {
  std::size_t start = rest.find_first_not_of(' ');
  if (start == std::string_view::npos) {
    rest = {};
    return {};
  }
  rest.remove_prefix(start);
  std::size_t end = rest.find(' ');
  std::string_view word = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
  return word;
}

std::optional<std::int64_t> ToInt(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  std::int64_t v = 0;
  for (char c : s) {
    if (!IsDigit(c)) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

int MonthOf(std::string_view m) {
  static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (kMonths[i] == m) return static_cast<int>(i) + 1;
  }
  return 0;
}

// "Nov 28 12:00:01 " at the start of `rest` (day may be space-padded: "Nov  1").
std::optional<std::int64_t> TakeRfc3164Time(std::string_view& rest, std::int64_t file_mtime) {
  if (rest.size() < 16 || rest[3] != ' ' || rest[15] != ' ') return std::nullopt;
  int month = MonthOf(rest.substr(0, 3));
  std::string_view day = rest.substr(4, 2);
  std::string_view clock = rest.substr(7, 8);
  if (month == 0 || !IsDigit(day[1]) || (day[0] != ' ' && !IsDigit(day[0]))) return std::nullopt;
  std::string mtime_text = FormatIsoTime(file_mtime);  // "YYYY-MM-DDT..."
  std::optional<std::int64_t> year = ToInt(mtime_text.substr(0, 4));
  std::optional<std::int64_t> mtime_month = ToInt(mtime_text.substr(5, 2));
  if (!year || !mtime_month) return std::nullopt;
  if (month > *mtime_month) --*year;  // written last year: the file was last touched after New Year
  char iso[40];
  std::snprintf(iso, sizeof iso, "%04lld-%02d-%c%cT%.8s", static_cast<long long>(*year), month,
                day[0] == ' ' ? '0' : day[0], day[1], clock.data());
  Result<std::int64_t> t = ParseIsoTime(iso);
  if (!t.ok()) return std::nullopt;
  rest.remove_prefix(16);
  return t.value();
}

// "<pri>" at the start of `line`.
void TakePri(std::string_view& rest, SyslogLine& out) {
  if (rest.size() < 3 || rest[0] != '<') return;
  std::size_t close = rest.find('>');
  if (close == std::string_view::npos || close > 4) return;
  std::optional<std::int64_t> pri = ToInt(rest.substr(1, close - 1));
  if (!pri || *pri > 191) return;
  out.facility = static_cast<int>(*pri / 8);
  out.severity = static_cast<int>(*pri % 8);
  rest.remove_prefix(close + 1);
}

// "tag[pid]: message" or "tag: message"; anything else is all message.
void TakeTagAndMessage(std::string_view rest, SyslogLine& out) {
  std::size_t colon = rest.find(": ");
  std::size_t space = rest.find(' ');
  if (colon == std::string_view::npos || (space != std::string_view::npos && space < colon)) {
    if (!rest.empty() && rest.back() == ':' && space == std::string_view::npos) {
      colon = rest.size() - 1;  // "tag:" with an empty message
    } else {
      out.message = std::string(rest);
      return;
    }
  }
  std::string_view tag = rest.substr(0, colon);
  out.message = colon + 2 <= rest.size() ? std::string(rest.substr(colon + 2)) : std::string();
  std::size_t bracket = tag.find('[');
  if (bracket != std::string_view::npos && tag.back() == ']') {
    out.pid = ToInt(tag.substr(bracket + 1, tag.size() - bracket - 2));
    tag = tag.substr(0, bracket);
  }
  out.sender = std::string(tag);
}

std::string Dash(std::string_view s) { return s == "-" ? std::string() : std::string(s); }

// After "1 ": "TIMESTAMP HOST APP PROCID MSGID SD MSG" (RFC 5424).
bool ParseRfc5424(std::string_view rest, SyslogLine& out) {
  Result<std::int64_t> t = ParseIsoTime(NextWord(rest));
  if (!t.ok()) return false;
  out.time = t.value();
  out.host = Dash(NextWord(rest));
  out.sender = Dash(NextWord(rest));
  out.pid = ToInt(NextWord(rest));
  NextWord(rest);  // MSGID
  if (!rest.empty() && rest[0] == '[') {
    // Structured data: [id k="v" ...][...]; ']' inside a value is escaped as \].
    std::size_t i = 0;
    while (i < rest.size() && rest[i] == '[') {
      for (++i; i < rest.size() && rest[i] != ']'; ++i) {
        if (rest[i] == '\\') ++i;
      }
      ++i;
    }
    rest.remove_prefix(std::min(i, rest.size()));
  } else {
    NextWord(rest);  // "-"
  }
  if (rest.starts_with(' ')) rest.remove_prefix(1);
  if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);  // BOM before a UTF-8 message
  out.message = std::string(rest);
  return true;
}

}  // namespace

SyslogLine ParseSyslogLine(std::string_view line, std::int64_t file_mtime) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  SyslogLine out;
  std::string_view rest = line;
  TakePri(rest, out);
  if (out.facility && rest.starts_with("1 ")) {
    SyslogLine parsed = out;
    if (ParseRfc5424(rest.substr(2), parsed)) return parsed;
  }
  std::optional<std::int64_t> time = TakeRfc3164Time(rest, file_mtime);
  if (!time) {
    std::string_view probe = rest;
    std::string_view first = NextWord(probe);
    if (first.size() >= 19 && IsDigit(first[0]) && first[4] == '-' && first[10] == 'T') {
      Result<std::int64_t> t = ParseIsoTime(first);
      if (t.ok()) {
        time = t.value();
        rest = probe;
      }
    }
  }
  if (!time) {
    out.message = std::string(line);
    return out;
  }
  out.time = time;
  out.host = std::string(NextWord(rest));
  TakeTagAndMessage(rest, out);
  return out;
}

std::string_view FacilityName(int facility) {
  static constexpr std::array<std::string_view, 24> kNames = {
      "kern",   "user",   "mail",   "daemon", "auth",   "syslog", "lpr",    "news",
      "uucp",   "cron",   "authpriv", "ftp",  "ntp",    "security", "console", "clock",
      "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"};
  return facility >= 0 && facility < 24 ? kNames[static_cast<std::size_t>(facility)] : std::string_view{};
}

std::string_view SeverityName(int severity) {
  static constexpr std::array<std::string_view, 8> kNames = {"emerg", "alert", "crit",   "err",
                                                             "warning", "notice", "info", "debug"};
  return severity >= 0 && severity < 8 ? kNames[static_cast<std::size_t>(severity)] : std::string_view{};
}

}  // namespace iocscan::collect
