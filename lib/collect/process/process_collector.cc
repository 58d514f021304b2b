#include "collect/process/process_collector.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <optional>
#include <string_view>
#include <vector>

#include "collect/network/socket_table.h"
#include "collect/process/open_file_digests.h"
#include "collect/process/proc_parse.h"
#include "collect/record_item.h"
#include "platform/linux/proc_fs.h"
#include "platform/users.h"

namespace iocscan::collect {
namespace {

using compile::FieldValue;
using platform::ProcStatus;

constexpr std::string_view kHandlePrefix = "ProcessItem/HandleList/Handle/";
constexpr std::string_view kPortPrefix = "ProcessItem/PortList/PortItem/";
constexpr std::string_view kHandleFields[] = {
    "Type", "Name", "FileDescriptor", "INode", "User", "Device", "Size", "SocketType", "SocketProtocol",
    "SocketState", "SocketLocalAddress", "SocketLocalPort", "SocketRemoteAddress", "SocketRemotePort",
    "Md5sum", "Sha1sum", "Sha256sum"};
constexpr std::string_view kPortFields[] = {"protocol", "localIP", "localPort", "remoteIP", "remotePort",
                                            "state",    "pid",     "process",   "path"};

// One open file of a process: a descriptor ("3") or its executable ("txt", as lsof calls it).
struct Handle {
  std::string descriptor;
  std::string link;  // under /proc/<pid>/: "fd/3" or "exe"
  FdTarget target;
  bool stat_done = false;
  bool stat_ok = false;
  struct stat st {};
};

// What one process's lazy fields share, read on first use.
struct ProcessData {
  int pid = 0;
  std::string name;
  std::string exe;  // full path of the executable, "" when unknown
  std::optional<std::vector<Handle>> handles;
  std::optional<std::string> user;
  std::optional<std::vector<hash::Digests>> digests;
};

// Which terms the IOCs use, decided once per scan (env.Needs is a lookup per call).
struct Wants {
  explicit Wants(const CollectorEnv& env) {
    for (std::string_view f : kHandleFields) {
      if (env.Needs(std::string(kHandlePrefix) + std::string(f))) handle_fields.push_back(f);
    }
    for (std::string_view f : kPortFields) {
      if (env.Needs(std::string(kPortPrefix) + std::string(f))) port_fields.push_back(f);
    }
    for (std::string_view f : handle_fields) {
      if (f == "Md5sum") mask |= hash::kMd5;
      if (f == "Sha1sum") mask |= hash::kSha1;
      if (f == "Sha256sum") mask |= hash::kSha256;
    }
  }
  std::vector<std::string_view> handle_fields;
  std::vector<std::string_view> port_fields;
  hash::DigestMask mask = 0;
};

// Shared by every process of one Collect call.
struct Context {
  Context(platform::ProcFs p, const CollectorEnv& e) : proc(std::move(p)), env(e), wants(e), digests(wants.mask) {}

  const platform::UserDb& Users() {
    if (!users) users = platform::UserDb::Load("");
    return *users;
  }
  const SocketTable& Sockets() {
    if (!sockets) sockets = SocketTable::Load(proc, /*with_unix=*/true, &stats);
    return *sockets;
  }

  platform::ProcFs proc;
  const CollectorEnv& env;
  Wants wants;
  OpenFileDigests digests;
  CollectorStats stats;
  std::optional<std::int64_t> boot_time;
  long ticks = platform::ProcFs::ClockTicks();
  std::optional<platform::UserDb> users;
  std::optional<SocketTable> sockets;
  std::uint64_t fds_denied = 0;   // processes whose descriptors could not be listed
  std::uint64_t maps_denied = 0;  // ... whose maps could not be read
};

// Counts a read refused for permission (another user's process, not root): no warning per process.
void CountDenied(ProcStatus status, std::uint64_t* counter) {
  if (status == ProcStatus::kDenied) ++*counter;
}

std::vector<Handle>& Handles(Context& ctx, ProcessData& p) {
  if (p.handles) return *p.handles;
  p.handles.emplace();
  if (!p.exe.empty()) {
    Handle h{"txt", "exe", ClassifyFdTarget(p.exe)};
    p.handles->push_back(std::move(h));
  }
  std::vector<platform::FdLink> fds;
  CountDenied(ctx.proc.ListFds(p.pid, &fds), &ctx.fds_denied);
  for (platform::FdLink& fd : fds) {
    p.handles->push_back(Handle{std::to_string(fd.fd), "fd/" + std::to_string(fd.fd), ClassifyFdTarget(fd.target)});
  }
  return *p.handles;
}

const std::string& UserOf(Context& ctx, ProcessData& p) {
  if (p.user) return *p.user;
  p.user.emplace();
  std::string status;
  if (ctx.proc.ReadFile(p.pid, "status", &status) == ProcStatus::kOk) {
    if (std::optional<std::uint32_t> uid = ParseStatusEuid(status)) *p.user = ctx.Users().UserName(*uid);
  }
  return *p.user;
}

const struct stat* StatOf(Context& ctx, int pid, Handle& h) {
  if (!h.stat_done) {
    h.stat_done = true;
    h.stat_ok = ctx.proc.StatTarget(pid, h.link.c_str(), &h.st) == ProcStatus::kOk;
  }
  return h.stat_ok ? &h.st : nullptr;
}

std::string DeviceText(dev_t dev) { return std::to_string(major(dev)) + "," + std::to_string(minor(dev)); }

// One socket field of a handle, as the vendor list types it (strings, ports too).
std::optional<std::string> SocketField(std::string_view field, Context& ctx, const Handle& h) {
  if (h.target.kind != FdKind::kSocket) return std::nullopt;
  if (const InetSocket* s = ctx.Sockets().FindInet(h.target.inode)) {
    if (field == "SocketType") return s->proto == SocketProto::kTcp ? "STREAM" : "DGRAM";
    if (field == "SocketProtocol") return std::string(ProtoName(s->proto));
    if (field == "SocketState") return s->state.empty() ? std::nullopt : std::optional<std::string>(s->state);
    if (field == "SocketLocalAddress") return s->local_ip;
    if (field == "SocketLocalPort") return std::to_string(s->local_port);
    if (field == "SocketRemoteAddress") return s->remote_ip;
    if (field == "SocketRemotePort") return std::to_string(s->remote_port);
  } else if (const UnixSocket* u = ctx.Sockets().FindUnix(h.target.inode)) {
    if (field == "SocketType") return u->type;
    if (field == "SocketProtocol") return "UNIX";
    if (field == "SocketState") return u->state;
    if (field == "SocketLocalAddress" && !u->path.empty()) return u->path;
  }
  return std::nullopt;
}

// One field of one handle; nullopt when that handle has no such value.
std::optional<compile::Scalar> HandleValue(std::string_view field, Context& ctx, ProcessData& p, Handle& h) {
  if (field == "Type") return RecordItem::Text(std::string(FdKindName(h.target.kind)));
  if (field == "Name") return RecordItem::Text(h.target.name);
  if (field == "FileDescriptor") return RecordItem::Text(h.descriptor);
  if (field == "INode") {
    if (h.target.inode != 0) return RecordItem::Int(static_cast<std::int64_t>(h.target.inode));
    const struct stat* st = h.target.kind == FdKind::kFile ? StatOf(ctx, p.pid, h) : nullptr;
    return st ? std::optional(RecordItem::Int(static_cast<std::int64_t>(st->st_ino))) : std::nullopt;
  }
  if (field == "Device" || field == "Size") {
    const struct stat* st = h.target.kind == FdKind::kFile ? StatOf(ctx, p.pid, h) : nullptr;
    if (!st) return std::nullopt;
    bool special = S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode);
    if (field == "Device") return RecordItem::Text(DeviceText(special ? st->st_rdev : st->st_dev));
    return S_ISREG(st->st_mode) ? std::optional(RecordItem::Text(std::to_string(st->st_size))) : std::nullopt;
  }
  std::optional<std::string> s = SocketField(field, ctx, h);
  return s ? std::optional(RecordItem::Text(std::move(*s))) : std::nullopt;
}

// The digests of the regular files the process holds (the executable first), each file once.
const std::vector<hash::Digests>& DigestsOf(Context& ctx, ProcessData& p) {
  if (p.digests) return *p.digests;
  p.digests.emplace();
  for (Handle& h : Handles(ctx, p)) {
    if (h.target.kind != FdKind::kFile) continue;
    const hash::Digests* d = ctx.digests.Of(ctx.proc, p.pid, h.link.c_str());
    if (!d) continue;
    bool seen = false;
    for (const hash::Digests& e : *p.digests) seen = seen || (e.md5 == d->md5 && e.sha1 == d->sha1 && e.sha256 == d->sha256);
    if (!seen) p.digests->push_back(*d);
  }
  return *p.digests;
}

FieldValue HandleValues(std::string_view field, Context& ctx, ProcessData& p) {
  FieldValue out;
  if (field == "User") {
    if (!UserOf(ctx, p).empty()) out.push_back(RecordItem::Text(UserOf(ctx, p)));
  } else if (field == "Md5sum" || field == "Sha1sum" || field == "Sha256sum") {
    for (const hash::Digests& d : DigestsOf(ctx, p)) {
      const std::string& v = field == "Md5sum" ? d.md5 : field == "Sha1sum" ? d.sha1 : d.sha256;
      if (!v.empty()) out.push_back(RecordItem::Text(v));
    }
  } else {
    for (Handle& h : Handles(ctx, p)) {
      if (std::optional<compile::Scalar> v = HandleValue(field, ctx, p, h)) out.push_back(std::move(*v));
    }
  }
  return out;
}

// PortList/PortItem/<field> over the process's TCP and UDP sockets.
FieldValue PortValues(std::string_view field, Context& ctx, ProcessData& p) {
  FieldValue out;
  for (Handle& h : Handles(ctx, p)) {
    const InetSocket* s = h.target.kind == FdKind::kSocket ? ctx.Sockets().FindInet(h.target.inode) : nullptr;
    if (!s) continue;
    if (field == "protocol") out.push_back(RecordItem::Text(std::string(ProtoName(s->proto))));
    if (field == "localIP") out.push_back(RecordItem::Text(s->local_ip));
    if (field == "localPort") out.push_back(RecordItem::Int(s->local_port));
    if (field == "remoteIP") out.push_back(RecordItem::Text(s->remote_ip));
    if (field == "remotePort") out.push_back(RecordItem::Int(s->remote_port));
    if (field == "state" && !s->state.empty()) out.push_back(RecordItem::Text(s->state));
    if (field == "pid") out.push_back(RecordItem::Int(p.pid));
    if (field == "process") out.push_back(RecordItem::Text(p.name));
    if (field == "path" && !p.exe.empty()) out.push_back(RecordItem::Text(p.exe));
  }
  return out;
}

// The fields read on demand: each reads its source only when a term reaches it.
void AddLazyFields(RecordItem& item, Context& ctx, const std::shared_ptr<ProcessData>& p) {
  item.Lazy("ProcessItem/arguments", [&ctx, p] {
    std::string raw;
    if (ctx.proc.ReadFile(p->pid, "cmdline", &raw) != ProcStatus::kOk || raw.empty()) return FieldValue{};
    return FieldValue{RecordItem::Text(JoinCmdline(raw))};
  });
  item.Lazy("ProcessItem/Username", [&ctx, p] {
    const std::string& user = UserOf(ctx, *p);
    return user.empty() ? FieldValue{} : FieldValue{RecordItem::Text(user)};
  });
  if (ctx.env.Needs("ProcessItem/SectionList/MemorySection/Name")) {
    item.Lazy("ProcessItem/SectionList/MemorySection/Name", [&ctx, p] {
      std::string maps;
      FieldValue out;
      ProcStatus status = ctx.proc.ReadFile(p->pid, "maps", &maps);
      CountDenied(status, &ctx.maps_denied);
      if (status != ProcStatus::kOk) return out;
      for (std::string& f : ParseMapsFiles(maps)) out.push_back(RecordItem::Text(std::move(f)));
      return out;
    });
  }
  for (std::string_view f : ctx.wants.handle_fields) {
    item.Lazy(std::string(kHandlePrefix) + std::string(f), [&ctx, p, f] { return HandleValues(f, ctx, *p); });
  }
  for (std::string_view f : ctx.wants.port_fields) {
    item.Lazy(std::string(kPortPrefix) + std::string(f), [&ctx, p, f] { return PortValues(f, ctx, *p); });
  }
}

// Builds and visits the item of one process; false when it is gone.
bool VisitProcess(Context& ctx, int pid, const ItemVisitor& visit) {
  std::optional<ProcessIdentity> id = ReadProcessIdentity(ctx.proc, pid);
  if (!id) return false;
  auto p = std::make_shared<ProcessData>();
  p->pid = pid;
  p->name = id->name;
  p->exe = id->exe;
  std::string folder = p->exe.empty() ? std::string() : SplitPath(p->exe).folder;

  RecordItem item;
  item.Add("ProcessItem/pid", RecordItem::Int(pid)).Add("ProcessItem/parentpid", RecordItem::Int(id->ppid));
  item.Add("ProcessItem/name", RecordItem::Text(p->name));
  if (!folder.empty()) item.Add("ProcessItem/path", RecordItem::Text(folder));
  if (ctx.boot_time) {
    std::int64_t after_boot = static_cast<std::int64_t>(id->start_ticks) / ctx.ticks;
    item.Add("ProcessItem/startTime", RecordItem::Date(*ctx.boot_time + after_boot));
  }
  AddLazyFields(item, ctx, p);
  item.Show("pid", report::CardValue::Int(pid));
  item.Show("name", report::CardValue::Text(p->name));
  item.Show("path", folder.empty() ? std::vector<report::CardValue>{} : std::vector{report::CardValue::Text(folder)});
  visit(item);
  return true;
}

void WarnDenied(std::uint64_t count, std::string_view what, CollectorStats& stats) {
  if (count == 0) return;
  stats.errors += count;
  stats.warnings.push_back({"ProcessItem", std::to_string(count) + " process(es) whose " + std::string(what) +
                                               " could not be read (permission denied; run as root to see them)"});
}

}  // namespace

// The executable's file name in full; when the exe link cannot be read (a kernel thread has none,
// another user's process as non-root), argv[0]'s name if comm is its start, else comm.
std::optional<ProcessIdentity> ReadProcessIdentity(const platform::ProcFs& proc, int pid) {
  std::string text;
  if (proc.ReadFile(pid, "stat", &text, 4096) != ProcStatus::kOk) return std::nullopt;
  std::optional<ProcStat> st = ParseStat(text);
  if (!st) return std::nullopt;
  ProcessIdentity id{pid, st->ppid, st->start_ticks, {}, {}};
  if (proc.ReadLink(pid, "exe", &id.exe) == ProcStatus::kOk) {
    StripDeleted(&id.exe);
    id.name = SplitPath(id.exe).name;
    return id;
  }
  id.exe.clear();
  id.name = st->comm;
  std::string cmdline;
  if (proc.ReadFile(pid, "cmdline", &cmdline, 1 << 16) == ProcStatus::kOk && !cmdline.empty()) {
    std::string argv0 = SplitPath(std::string_view(cmdline.c_str())).name;
    if (!st->comm.empty() && argv0.starts_with(st->comm)) id.name = argv0;
  }
  return id;
}

CollectorStats ProcessCollector::Collect(const CollectorEnv& env, const ItemVisitor& visit) {
  Result<platform::ProcFs> proc = platform::ProcFs::Open(proc_dir_);
  if (!proc.ok()) {
    CollectorStats stats;
    stats.errors = 1;
    stats.warnings.push_back({proc.error().source, "processes cannot be listed: " + proc.error().message});
    return stats;
  }
  Context ctx(std::move(proc).value(), env);
  std::string stat;
  if (ReadProcTable(ctx.proc, "stat", &stat, &ctx.stats)) ctx.boot_time = ParseBootTime(stat);
  for (int pid : ctx.proc.Pids()) {
    if (env.Stopped()) break;
    if (VisitProcess(ctx, pid, visit)) ++ctx.stats.items;
  }
  WarnDenied(ctx.fds_denied, "open descriptors", ctx.stats);
  WarnDenied(ctx.maps_denied, "memory maps", ctx.stats);
  return std::move(ctx.stats);
}

std::unique_ptr<Collector> MakeProcessCollector() { return std::make_unique<ProcessCollector>(); }

}  // namespace iocscan::collect
