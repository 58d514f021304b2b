#include "collect/windows/port_record.h"

namespace iocscan::collect {

using compile::FieldValue;
using report::CardValue;

WinPortItem::WinPortItem(const PortFields& f, WinProcessIndex& owners) : fields_(f), owners_(owners) {
  RecordItem& r = record_;
  r.Add("PortItem/protocol", RecordItem::Text(f.protocol)).Add("PortItem/isIPv6", RecordItem::Bool(f.ipv6));
  r.Add("PortItem/localIP", RecordItem::Text(f.local_ip)).Add("PortItem/localPort", RecordItem::Int(f.local_port));
  if (f.has_remote) {
    r.Add("PortItem/remoteIP", RecordItem::Text(f.remote_ip));
    r.Add("PortItem/remotePort", RecordItem::Int(f.remote_port));
  }
  if (!f.state.empty()) r.Add("PortItem/state", RecordItem::Text(f.state));
  // Pid 0 is no owner: a TIME_WAIT row (the idle process to netstat), or a stack that does not
  // know the owner (Wine). Like a socket no process holds on Linux, it has no pid.
  if (f.pid == 0) return;
  r.Add("PortItem/pid", RecordItem::Int(f.pid));
  r.Lazy("PortItem/process", [this] {
    const WinProcess* p = owners_.Find(fields_.pid);
    return p && !p->name.empty() ? FieldValue{RecordItem::Text(p->name)} : FieldValue{};
  });
  r.Lazy("PortItem/path", [this] {
    const WinProcess* p = owners_.Find(fields_.pid);
    return p && !p->image.empty() ? FieldValue{RecordItem::Text(p->image)} : FieldValue{};
  });
}

std::vector<report::CardField> WinPortItem::CardFields() {
  const PortFields& f = fields_;
  auto maybe = [](bool has, CardValue v) { return has ? std::vector{std::move(v)} : std::vector<CardValue>{}; };
  const WinProcess* owner = f.pid == 0 ? nullptr : owners_.Find(f.pid);
  return {{"protocol", {CardValue::Text(f.protocol)}},
          {"localIP", {CardValue::Text(f.local_ip)}},
          {"localPort", {CardValue::Int(f.local_port)}},
          {"remoteIP", maybe(f.has_remote, CardValue::Text(f.remote_ip))},
          {"remotePort", maybe(f.has_remote, CardValue::Int(f.remote_port))},
          {"state", maybe(!f.state.empty(), CardValue::Text(f.state))},
          {"pid", maybe(f.pid != 0, CardValue::Int(f.pid))},
          {"process", maybe(owner != nullptr, CardValue::Text(owner ? owner->name : ""))}};
}

}  // namespace iocscan::collect
