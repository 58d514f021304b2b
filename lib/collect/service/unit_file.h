// A systemd unit file read the way systemd reads it (systemd.syntax(7), systemd.unit(5)), and the
// pieces of it the service and task collectors report. Pure: text in, values out.
//
//   UnitFile unit;
//   ParseUnitText(main_file_text, &unit);
//   for (const std::string& dropin : dropin_texts) ParseUnitText(dropin, &unit);   // later wins
//   unit.Last("Service", "User");             // "www-data", or nullopt
//   std::optional<ExecLine> exec = FirstExec(unit);   // the ExecStart= binary and its arguments
//
// Syntax handled: [Section] headers; "Key=Value" with blanks around both trimmed; comment lines
// starting with '#' or ';'; a line ending in '\' continues on the next one (the backslash becomes
// a space, comment lines inside the continuation are skipped); a repeated key adds a value; an
// empty assignment ("ExecStart=") clears the values set before it, in the same file or in the
// unit and drop-ins read earlier.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iocscan::collect {

class UnitFile {
 public:
  bool HasSection(std::string_view section) const { return sections_.count(std::string(section)) != 0; }
  // Every value of the key, in order; empty when unset (or reset).
  const std::vector<std::string>& Values(std::string_view section, std::string_view key) const;
  // The value in effect for a single-valued key (the last one); nullopt when unset.
  std::optional<std::string> Last(std::string_view section, std::string_view key) const;

  // Used by the parser.
  void Set(const std::string& section, const std::string& key, std::string value);
  void Touch(const std::string& section) { sections_[section]; }

 private:
  std::map<std::string, std::map<std::string, std::vector<std::string>>> sections_;
};

// Parses `text` on top of what `unit` holds already (a drop-in after its unit).
void ParseUnitText(std::string_view text, UnitFile* unit);

// Where systemd looks for an ExecStart= binary given without a folder (systemd.service(5)).
inline constexpr std::string_view kSystemdExecPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

// One command line of ExecStart= (systemd.service(5) "Command lines").
struct ExecLine {
  std::string path;       // the binary, prefixes "-@:+!" stripped and quotes removed
  std::string arguments;  // the rest of the line as written (without argv[0] when '@' gave one)
};

// Splits one ExecStart= value; nullopt when it holds no command.
std::optional<ExecLine> ParseExecLine(std::string_view value);
// The first ExecStart= command of a service (what `systemctl` shows as its main process).
std::optional<ExecLine> FirstExec(const UnitFile& unit);

// The service type as systemd decides it: Type=, else "simple" with an ExecStart=, "dbus" with a
// BusName=, "oneshot" otherwise.
std::string ServiceType(const UnitFile& unit);

// The user a system service runs as: User=; DynamicUser=yes without User= is a user named after
// the unit; else root.
std::string ServiceUser(const UnitFile& unit, std::string_view unit_name);

// What a timer unit starts: Unit= in [Timer], else the timer's own name with ".service".
std::string TimerTarget(const UnitFile& timer, std::string_view timer_name);
// The triggers of a timer as written, one per value: "OnCalendar=daily", "OnBootSec=15min".
std::vector<std::string> TimerTriggers(const UnitFile& timer);

// "true" for systemd's boolean spellings (1, yes, true, on).
bool UnitBool(std::string_view value);

}  // namespace iocscan::collect
