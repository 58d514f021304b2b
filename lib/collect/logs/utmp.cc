#include "collect/logs/utmp.h"

#include <arpa/inet.h>

#include <cstring>
#include <map>

namespace iocscan::collect {
namespace {

std::int32_t Int32At(std::string_view b, std::size_t off) {
  std::int32_t v;
  std::memcpy(&v, b.data() + off, sizeof v);  // host order: the file was written by this ABI
  return v;
}

// A NUL-padded char array.
std::string CharsAt(std::string_view b, std::size_t off, std::size_t len) {
  std::string_view s = b.substr(off, len);
  return std::string(s.substr(0, s.find('\0')));
}

std::string AddressAt(std::string_view b, std::size_t off) {
  unsigned char raw[16];
  std::memcpy(raw, b.data() + off, sizeof raw);
  bool v6 = false;
  bool any = false;
  for (int i = 0; i < 16; ++i) {
    if (raw[i] != 0) {
      any = true;
      if (i >= 4) v6 = true;
    }
  }
  if (!any) return {};
  char text[INET6_ADDRSTRLEN] = {};
  if (!inet_ntop(v6 ? AF_INET6 : AF_INET, raw, text, sizeof text)) return {};
  return text;
}

}  // namespace

std::string_view UtmpTypeName(int type) {
  switch (type) {
    case kUtEmpty: return "EMPTY";
    case kUtRunLevel: return "RUN_LVL";
    case kUtBootTime: return "BOOT_TIME";
    case kUtNewTime: return "NEW_TIME";
    case kUtOldTime: return "OLD_TIME";
    case kUtInitProcess: return "INIT_PROCESS";
    case kUtLoginProcess: return "LOGIN_PROCESS";
    case kUtUserProcess: return "USER_PROCESS";
    case kUtDeadProcess: return "DEAD_PROCESS";
    case kUtAccounting: return "ACCOUNTING";
    default: return "UNKNOWN";
  }
}

std::vector<UtmpRecord> ParseUtmp(std::string_view bytes) {
  std::vector<UtmpRecord> out;
  for (std::size_t off = 0; off + kUtmpRecordSize <= bytes.size(); off += kUtmpRecordSize) {
    std::string_view b = bytes.substr(off, kUtmpRecordSize);
    UtmpRecord r;
    std::int16_t type;
    std::memcpy(&type, b.data(), sizeof type);
    r.type = type;
    r.pid = Int32At(b, 4);
    r.line = CharsAt(b, 8, 32);
    r.user = CharsAt(b, 44, 32);
    r.host = CharsAt(b, 76, 256);
    r.time = static_cast<std::uint32_t>(Int32At(b, 340));  // unsigned: good until 2106
    r.address = AddressAt(b, 348);
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<LoginSession> PairSessions(const std::vector<UtmpRecord>& records) {
  std::vector<LoginSession> sessions;
  std::map<std::string, std::size_t> open;  // line -> index of its open session
  auto close_all = [&](std::int64_t t) {
    for (auto& [line, index] : open) sessions[index].end = t;
    open.clear();
  };
  for (const UtmpRecord& r : records) {
    bool shutdown = r.type == kUtRunLevel && r.user == "shutdown";
    if (r.type == kUtBootTime || shutdown) {
      close_all(r.time);
      if (r.type == kUtBootTime) sessions.push_back({r, std::nullopt});
    } else if (r.type == kUtUserProcess) {
      if (auto it = open.find(r.line); it != open.end()) sessions[it->second].end = r.time;
      open[r.line] = sessions.size();
      sessions.push_back({r, std::nullopt});
    } else if (r.type == kUtDeadProcess) {
      if (auto it = open.find(r.line); it != open.end()) {
        sessions[it->second].end = r.time;
        open.erase(it);
      }
    }
  }
  return sessions;
}

}  // namespace iocscan::collect
