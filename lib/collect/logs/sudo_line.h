// The sudo and su records of auth.log / secure / the journal, from a log line's sender and message
// (collect/logs/syslog_line.h). Pure, tested on literal lines.
//
//   ParseSudoMessage("sudo", "  alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id")
//     -> {kind "sudo", user "alice", tty "pts/0", pwd "/home/alice", target "root",
//         command "/usr/bin/id", success true}
//
// sudo: "<user> : [<problem> ; ]TTY=.. ; PWD=.. ; USER=.. ; [GROUP=.. ; ][ENV=.. ; ]COMMAND=.."; a
//   problem ("3 incorrect password attempts", "user NOT in sudoers", "command not allowed") makes it
//   a refused attempt. pam_unix session lines and other sudo chatter are not records.
// su (util-linux): "(to <target>) <user> on <tty>" and "FAILED SU (to <target>) <user> on <tty>";
//   shadow's su: "Successful su for <target> by <user>", "FAILED su for <target> by <user>".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace iocscan::collect {

struct SudoRecord {
  std::string kind;     // "sudo" or "su"
  std::string user;     // who ran it
  std::string target;   // USER= / "to" user
  std::string tty;
  std::string pwd;
  std::string command;
  bool success = true;
};

std::optional<SudoRecord> ParseSudoMessage(std::string_view sender, std::string_view message);

}  // namespace iocscan::collect
