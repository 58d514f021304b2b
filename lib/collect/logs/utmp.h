// wtmp and btmp: the login records of Linux (struct utmp, 384 bytes each on x86_64 and the other
// 64-bit glibc targets, where ut_tv is two int32 for compatibility), parsed from bytes, and
// paired into sessions the way `last` does. Pure, tested on records built in the test.
//
//   std::vector<UtmpRecord> records = ParseUtmp(bytes);      // a trailing partial record is dropped
//   std::vector<LoginSession> sessions = PairSessions(records);
//
// Layout (offsets): ut_type int16 @0, ut_pid int32 @4, ut_line[32] @8, ut_id[4] @40,
// ut_user[32] @44, ut_host[256] @76, ut_exit @332, ut_session @336, ut_tv {int32 sec, int32 usec}
// @340, ut_addr_v6 int32[4] @348 (network order; IPv4 in the first word), unused[20] @364.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iocscan::collect {

inline constexpr std::size_t kUtmpRecordSize = 384;

enum UtmpType : int {
  kUtEmpty = 0, kUtRunLevel = 1, kUtBootTime = 2, kUtNewTime = 3, kUtOldTime = 4,
  kUtInitProcess = 5, kUtLoginProcess = 6, kUtUserProcess = 7, kUtDeadProcess = 8, kUtAccounting = 9,
};

struct UtmpRecord {
  int type = kUtEmpty;
  std::int64_t pid = 0;
  std::string line;     // "pts/0", "tty1", "~" for boot/run-level records
  std::string user;     // "alice", "reboot", "shutdown", "runlevel"
  std::string host;     // remote host, X display, or the kernel release on boot records
  std::int64_t time = 0;
  std::string address;  // "10.0.0.5", "2001:db8::1"; "" when none
};

// "USER_PROCESS", ...; "UNKNOWN" for other values.
std::string_view UtmpTypeName(int type);

std::vector<UtmpRecord> ParseUtmp(std::string_view bytes);

// One login (USER_PROCESS) with its logout when the file has it, or one boot (BOOT_TIME).
struct LoginSession {
  UtmpRecord start;
  std::optional<std::int64_t> end;  // the DEAD_PROCESS of the same line, or the next boot/shutdown
};

// Sessions in file order. A login ends at the next DEAD_PROCESS on its line, or at the next boot
// or shutdown record (the system went down under it); a login still open has no end.
std::vector<LoginSession> PairSessions(const std::vector<UtmpRecord>& records);

}  // namespace iocscan::collect
