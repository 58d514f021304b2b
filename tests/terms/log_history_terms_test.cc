// The log and history documents: exactly the terms their collectors set are collected, on Linux
// only (UrlHistoryItem: Linux and Windows), with the vendor lists' types and platforms kept; the
// Linux-only additions are known.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "terms/registry.h"

namespace iocscan::terms {
namespace {

std::set<std::string> Collected(std::string_view document, unsigned platforms = kLinux) {
  std::set<std::string> out;
  for (const TermInfo& t : TermsOfDocument(document)) {
    if (t.collected == 0) continue;
    INFO(t.search);
    CHECK(t.collected == platforms);
    CHECK(t.cost == Cost::kName);  // every field comes with the record
    out.insert(std::string(t.search.substr(document.size() + 1)));
  }
  return out;
}

const TermInfo& Must(std::string_view search) {
  std::optional<FieldId> id = FindTerm(search);
  REQUIRE(id);
  return Term(*id);
}

TEST_CASE("exactly the log and history terms the collectors set are collected", "[terms]") {
  CHECK(Collected("Syslog") == std::set<std::string>{"Date", "Facility", "GID", "Host", "Level", "LogFile",
                                                     "LogFileModified", "Message", "PID", "Sender", "Time", "UID"});
  CHECK(Collected("SudoLogItem") == std::set<std::string>{"command", "pwd", "SourceLog", "success", "suOrSudo",
                                                          "timestamp", "Time", "tty", "userExecuteAs", "username"});
  CHECK(Collected("LoginHistoryItem") ==
        std::set<std::string>{"EndTime", "Hostname", "IPv4Address", "IPv6Address", "IsFailedLogin", "IsRemoteLogin",
                              "Path", "PID", "RecordType", "SessionLength", "StartTime", "Terminal", "Username"});
  CHECK(Collected("ShellHistoryItem") ==
        std::set<std::string>{"Command", "FileOrder", "HistoryFile", "Shell", "Timestamp", "UserName"});
  CHECK(Collected("UrlHistoryItem", kLinux | kWindows) ==
        std::set<std::string>{"BrowserName", "FirstVisitDate", "Hidden", "HostName", "LastVisitDate", "PageTitle",
                              "Profile", "Typed", "URL", "Username", "VisitCount"});
}

TEST_CASE("vendor types and platforms of the log and history terms are kept", "[terms]") {
  CHECK(Must("Syslog/Time").vendor_platforms == kMacos);
  CHECK(Must("Syslog/Time").type == ValueType::kDate);
  CHECK(Must("Syslog/Date").type == ValueType::kString);
  CHECK(Must("SudoLogItem/timestamp").type == ValueType::kString);
  CHECK(Must("UrlHistoryItem/URL").vendor_platforms == (kMacos | kWindows));
  CHECK(Must("UrlHistoryItem/FirstVisitDate").vendor_platforms == kWindows);
  CHECK(Must("LoginHistoryItem/IPv4Address").type == ValueType::kIp);
  // The Linux-only additions: a date for sudo records, the path of a history file.
  CHECK(Must("SudoLogItem/Time").vendor_platforms == kLinux);
  CHECK(Must("SudoLogItem/Time").type == ValueType::kDate);
  CHECK(Must("ShellHistoryItem/HistoryFile").vendor_platforms == kLinux);
  // Still not collected: no meaning on Linux, or no source.
  CHECK(Must("SudoLogItem/ModifiedTimestamp").collected == 0);
  CHECK(Must("UrlHistoryItem/BrowserVersion").collected == 0);
  CHECK(Must("Syslog/ID").collected == 0);
}

}  // namespace
}  // namespace iocscan::terms
