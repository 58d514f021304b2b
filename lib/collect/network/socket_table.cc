#include "collect/network/socket_table.h"

namespace iocscan::collect {

bool ReadProcTable(const platform::ProcFs& proc, const char* relative, std::string* text, CollectorStats* stats) {
  platform::ProcStatus status = proc.ReadTop(relative, text);
  if (status == platform::ProcStatus::kOk) return true;
  if (status != platform::ProcStatus::kGone) {
    ++stats->errors;
    stats->warnings.push_back({proc.dir() + "/" + relative,
                               status == platform::ProcStatus::kDenied ? "permission denied" : "cannot be read"});
  }
  return false;
}

SocketTable SocketTable::Load(const platform::ProcFs& proc, bool with_unix, CollectorStats* stats) {
  struct Source {
    const char* name;
    SocketProto proto;
    bool ipv6;
  };
  static constexpr Source kSources[] = {{"net/tcp", SocketProto::kTcp, false},
                                        {"net/tcp6", SocketProto::kTcp, true},
                                        {"net/udp", SocketProto::kUdp, false},
                                        {"net/udp6", SocketProto::kUdp, true}};
  SocketTable t;
  std::string text;
  for (const Source& s : kSources) {
    if (!ReadProcTable(proc, s.name, &text, stats)) continue;
    std::vector<InetSocket> rows = ParseInetTable(text, s.proto, s.ipv6);
    for (InetSocket& row : rows) t.inet_.push_back(std::move(row));
  }
  if (with_unix && ReadProcTable(proc, "net/unix", &text, stats)) t.unix_ = ParseUnixTable(text);
  for (std::size_t i = 0; i < t.inet_.size(); ++i) {
    if (t.inet_[i].inode != 0) t.inet_by_inode_.emplace(t.inet_[i].inode, i);
  }
  for (std::size_t i = 0; i < t.unix_.size(); ++i) t.unix_by_inode_.emplace(t.unix_[i].inode, i);
  return t;
}

const InetSocket* SocketTable::FindInet(std::uint64_t inode) const {
  auto it = inet_by_inode_.find(inode);
  return it == inet_by_inode_.end() ? nullptr : &inet_[it->second];
}

const UnixSocket* SocketTable::FindUnix(std::uint64_t inode) const {
  auto it = unix_by_inode_.find(inode);
  return it == unix_by_inode_.end() ? nullptr : &unix_[it->second];
}

}  // namespace iocscan::collect
