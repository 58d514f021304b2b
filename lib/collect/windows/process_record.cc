#include "collect/windows/process_record.h"

#include <set>

#include "collect/path_parts.h"
#include "collect/windows/lazy_digests.h"

namespace iocscan::collect {
namespace {

using compile::FieldValue;

// The owner is asked once for both fields that need it.
struct OwnerCache {
  const WinProcess process;
  WinProcessSource& source;
  bool asked = false;
  std::optional<WinAccount> owner;

  const std::optional<WinAccount>& Get() {
    if (!asked) owner = source.Owner(process), asked = true;
    return owner;
  }
};

// One PortList/PortItem field of a socket (the names of lib/collect/process: the Linux collector).
std::optional<compile::Scalar> PortListValue(std::string_view field, const PortFields& s, const WinProcess& p) {
  if (field == "protocol") return RecordItem::Text(s.protocol);
  if (field == "localIP") return RecordItem::Text(s.local_ip);
  if (field == "localPort") return RecordItem::Int(s.local_port);
  if (field == "remoteIP" && s.has_remote) return RecordItem::Text(s.remote_ip);
  if (field == "remotePort" && s.has_remote) return RecordItem::Int(s.remote_port);
  if (field == "state" && !s.state.empty()) return RecordItem::Text(s.state);
  if (field == "pid") return RecordItem::Int(p.pid);
  if (field == "process") return RecordItem::Text(p.name);
  if (field == "path" && !p.image.empty()) return RecordItem::Text(p.image);
  return std::nullopt;
}

constexpr std::string_view kPortListFields[] = {"protocol", "localIP", "localPort", "remoteIP", "remotePort",
                                                "state",    "pid",     "process",   "path"};

}  // namespace

std::string QualifiedAccount(std::string_view domain, std::string_view name) {
  if (domain.empty()) return std::string(name);
  return std::string(domain) + "\\" + std::string(name);
}

void FillProcessRecord(RecordItem& item, const WinProcess& p, WinProcessSource& source) {
  std::string folder = p.image.empty() ? std::string() : std::string(SplitWindowsPath(p.image).folder);
  item.Add("ProcessItem/pid", RecordItem::Int(p.pid)).Add("ProcessItem/parentpid", RecordItem::Int(p.ppid));
  item.Add("ProcessItem/name", RecordItem::Text(p.name));
  if (!folder.empty()) item.Add("ProcessItem/path", RecordItem::Text(folder));
  if (p.start_time) item.Add("ProcessItem/startTime", RecordItem::Date(*p.start_time));

  item.Lazy("ProcessItem/arguments", [&source, p] {
    std::optional<std::string> line = source.CommandLine(p);
    return line && !line->empty() ? FieldValue{RecordItem::Text(std::move(*line))} : FieldValue{};
  });
  auto owner = std::make_shared<OwnerCache>(OwnerCache{p, source, false, std::nullopt});
  item.Lazy("ProcessItem/Username", [owner] {
    const std::optional<WinAccount>& a = owner->Get();
    return a && !a->name.empty() ? FieldValue{RecordItem::Text(a->name)} : FieldValue{};
  });
  item.Lazy("ProcessItem/SecurityID", [owner] {
    const std::optional<WinAccount>& a = owner->Get();
    return a && !a->sid.empty() ? FieldValue{RecordItem::Text(a->sid)} : FieldValue{};
  });
  if (!p.image.empty()) {
    auto digests = std::make_shared<LazyDigests>([&source, p] { return source.ImageDigests(p); });
    item.Lazy("ProcessItem/HandleList/Handle/Md5sum", [digests] { return digests->Md5(); })
        .Lazy("ProcessItem/HandleList/Handle/Sha1sum", [digests] { return digests->Sha1(); })
        .Lazy("ProcessItem/HandleList/Handle/Sha256sum", [digests] { return digests->Sha256(); });
  }
  auto handles = std::make_shared<std::optional<std::vector<WinHandle>>>();
  auto read_handles = [&source, p, handles]() -> const std::vector<WinHandle>& {
    if (!*handles) *handles = source.Handles(p);  // once for Type and Name
    return **handles;
  };
  item.Lazy("ProcessItem/HandleList/Handle/Type", [read_handles] {
    std::set<std::string> types;  // a process holds thousands of handles of a dozen types
    for (const WinHandle& h : read_handles()) types.insert(h.type);
    FieldValue out;
    for (const std::string& t : types) out.push_back(RecordItem::Text(t));
    return out;
  });
  item.Lazy("ProcessItem/HandleList/Handle/Name", [read_handles] {
    FieldValue out;
    for (const WinHandle& h : read_handles()) {
      for (const std::string& name : h.names) out.push_back(RecordItem::Text(name));
    }
    return out;
  });
  item.Lazy("ProcessItem/SectionList/MemorySection/Name", [&source, p] {
    FieldValue out;
    for (std::string& f : source.MappedFiles(p)) out.push_back(RecordItem::Text(std::move(f)));
    return out;
  });
  auto ports = std::make_shared<std::optional<std::vector<PortFields>>>();
  for (std::string_view field : kPortListFields) {
    item.Lazy("ProcessItem/PortList/PortItem/" + std::string(field), [&source, p, ports, field] {
      if (!*ports) *ports = source.Ports(p);  // once for all the PortList fields
      FieldValue out;
      for (const PortFields& s : **ports) {
        if (std::optional<compile::Scalar> v = PortListValue(field, s, p)) out.push_back(std::move(*v));
      }
      return out;
    });
  }
  item.Show("pid", report::CardValue::Int(p.pid));
  item.Show("name", report::CardValue::Text(p.name));
  item.Show("path", folder.empty() ? std::vector<report::CardValue>{} : std::vector{report::CardValue::Text(folder)});
}

}  // namespace iocscan::collect
