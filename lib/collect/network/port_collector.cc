#include "collect/network/port_collector.h"

#include <optional>
#include <unordered_map>
#include <vector>

#include "collect/network/socket_table.h"
#include "collect/process/proc_parse.h"
#include "collect/process/process_collector.h"
#include "collect/record_item.h"
#include "platform/linux/proc_fs.h"

namespace iocscan::collect {
namespace {

// Which process holds each socket inode; built on first use.
class SocketOwners {
 public:
  explicit SocketOwners(const platform::ProcFs& proc) : proc_(proc) {}

  const ProcessIdentity* Find(std::uint64_t inode) {
    if (!built_) Build();
    auto it = owner_.find(inode);
    return it == owner_.end() ? nullptr : &processes_[it->second];
  }
  std::uint64_t denied() const { return denied_; }

 private:
  void Build() {
    built_ = true;
    std::vector<platform::FdLink> fds;
    for (int pid : proc_.Pids()) {
      platform::ProcStatus status = proc_.ListFds(pid, &fds);
      if (status == platform::ProcStatus::kDenied) ++denied_;
      std::size_t index = processes_.size();
      bool holds = false;
      for (const platform::FdLink& fd : fds) {
        FdTarget t = ClassifyFdTarget(fd.target);
        // The first (lowest) pid wins for a socket shared across fork.
        if (t.kind == FdKind::kSocket && t.inode != 0 && owner_.emplace(t.inode, index).second) holds = true;
      }
      if (!holds) continue;
      std::optional<ProcessIdentity> id = ReadProcessIdentity(proc_, pid);
      processes_.push_back(id ? std::move(*id) : ProcessIdentity{pid, 0, 0, {}, {}});
    }
  }

  const platform::ProcFs& proc_;
  bool built_ = false;
  std::uint64_t denied_ = 0;
  std::vector<ProcessIdentity> processes_;
  std::unordered_map<std::uint64_t, std::size_t> owner_;
};

// A socket's item: its card names the owning process, looked up only for sockets that matched.
class PortRecord final : public CollectedItem {
 public:
  PortRecord(const InetSocket& s, SocketOwners& owners) : socket_(s), owners_(owners) {}
  RecordItem& record() { return record_; }
  const compile::FieldValue* Get(terms::FieldId field) override { return record_.Get(field); }
  std::vector<report::CardField> CardFields() override {
    std::vector<report::CardField> fields = record_.CardFields();
    const ProcessIdentity* owner = owners_.Find(socket_.inode);
    fields.push_back({"pid", owner ? std::vector{report::CardValue::Int(owner->pid)} : std::vector<report::CardValue>{}});
    fields.push_back({"process", owner ? std::vector{report::CardValue::Text(owner->name)} : std::vector<report::CardValue>{}});
    return fields;
  }

 private:
  const InetSocket& socket_;
  SocketOwners& owners_;
  RecordItem record_;
};

void FillPort(PortRecord& item, const InetSocket& s, SocketOwners& owners) {
  RecordItem& r = item.record();
  r.Add("PortItem/protocol", RecordItem::Text(std::string(ProtoName(s.proto))));
  r.Add("PortItem/localIP", RecordItem::Text(s.local_ip)).Add("PortItem/localPort", RecordItem::Int(s.local_port));
  r.Add("PortItem/remoteIP", RecordItem::Text(s.remote_ip)).Add("PortItem/remotePort", RecordItem::Int(s.remote_port));
  if (!s.state.empty()) r.Add("PortItem/state", RecordItem::Text(s.state));
  r.Add("PortItem/isIPv6", RecordItem::Bool(s.ipv6));
  auto owner_field = [&owners, inode = s.inode](auto value) {
    return [&owners, inode, value] {
      const ProcessIdentity* o = owners.Find(inode);
      return o ? value(*o) : compile::FieldValue{};
    };
  };
  r.Lazy("PortItem/pid", owner_field([](const ProcessIdentity& o) { return compile::FieldValue{RecordItem::Int(o.pid)}; }));
  r.Lazy("PortItem/process",
         owner_field([](const ProcessIdentity& o) { return compile::FieldValue{RecordItem::Text(o.name)}; }));
  r.Lazy("PortItem/path", owner_field([](const ProcessIdentity& o) {
           return o.exe.empty() ? compile::FieldValue{} : compile::FieldValue{RecordItem::Text(o.exe)};
         }));
  r.Show("protocol", report::CardValue::Text(ProtoName(s.proto)));
  r.Show("localIP", report::CardValue::Text(s.local_ip)).Show("localPort", report::CardValue::Int(s.local_port));
  r.Show("remoteIP", report::CardValue::Text(s.remote_ip)).Show("remotePort", report::CardValue::Int(s.remote_port));
  r.Show("state", s.state.empty() ? std::vector<report::CardValue>{} : std::vector{report::CardValue::Text(s.state)});
}

}  // namespace

CollectorStats PortCollector::Collect(const CollectorEnv& env, const ItemVisitor& visit) {
  CollectorStats stats;
  Result<platform::ProcFs> proc = platform::ProcFs::Open(proc_dir_);
  if (!proc.ok()) {
    stats.errors = 1;
    stats.warnings.push_back({proc.error().source, "sockets cannot be listed: " + proc.error().message});
    return stats;
  }
  SocketTable table = SocketTable::Load(proc.value(), /*with_unix=*/false, &stats);
  SocketOwners owners(proc.value());
  for (const InetSocket& s : table.inet()) {
    if (env.Stopped()) break;
    PortRecord item(s, owners);
    FillPort(item, s, owners);
    ++stats.items;
    visit(item);
  }
  if (owners.denied() > 0) {
    stats.errors += owners.denied();
    stats.warnings.push_back({"PortItem", std::to_string(owners.denied()) +
                                              " process(es) whose open descriptors could not be read (permission "
                                              "denied; their sockets are reported without pid)"});
  }
  return stats;
}

std::unique_ptr<Collector> MakePortCollector() { return std::make_unique<PortCollector>(); }

}  // namespace iocscan::collect
