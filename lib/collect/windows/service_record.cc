#include "collect/windows/service_record.h"

#include <memory>

#include "collect/windows/lazy_digests.h"

namespace iocscan::collect {
namespace {

using report::CardValue;

std::shared_ptr<LazyDigests> DigestsOf(const std::string& path, const FileDigester& digest) {
  return std::make_shared<LazyDigests>([path, digest] { return digest(path); });
}

void AddText(RecordItem& item, std::string_view search, const std::string& value) {
  if (!value.empty()) item.Add(search, RecordItem::Text(value));
}

}  // namespace

void FillServiceRecord(RecordItem& item, const WinService& s, const EnvLookup& env, const FileDigester& digest) {
  item.Add("ServiceItem/name", RecordItem::Text(s.name));
  AddText(item, "ServiceItem/descriptiveName", s.display_name);
  if (s.description) AddText(item, "ServiceItem/description", *s.description);
  std::string mode(StartTypeName(s.start_type)), status(StateName(s.state)), type = ServiceTypeName(s.type);
  AddText(item, "ServiceItem/mode", mode);
  AddText(item, "ServiceItem/status", status);
  AddText(item, "ServiceItem/type", type);
  AddText(item, "ServiceItem/startedAs", s.start_name);
  if (s.pid != 0) item.Add("ServiceItem/pid", RecordItem::Int(s.pid));

  ServiceCommand command;
  if (s.image_path && !s.image_path->empty()) {
    command = SplitImagePath(*s.image_path);
    command.program = FullServicePath(command.program, env);
    item.Add("ServiceItem/path", RecordItem::Text(command.program));
    item.Add("ServiceItem/arguments", RecordItem::Text(command.arguments));
    auto d = DigestsOf(command.program, digest);
    for (const char* prefix : {"ServiceItem/path", "ServiceItem/"}) {
      item.Lazy(std::string(prefix) + "md5sum", [d] { return d->Md5(); })
          .Lazy(std::string(prefix) + "sha1sum", [d] { return d->Sha1(); })
          .Lazy(std::string(prefix) + "sha256sum", [d] { return d->Sha256(); });
    }
  }
  std::string dll = s.service_dll ? FullServicePath(*s.service_dll, env) : std::string();
  if (!dll.empty()) {
    item.Add("ServiceItem/serviceDLL", RecordItem::Text(dll));
    auto d = DigestsOf(dll, digest);
    item.Lazy("ServiceItem/serviceDLLmd5sum", [d] { return d->Md5(); })
        .Lazy("ServiceItem/serviceDLLsha1sum", [d] { return d->Sha1(); })
        .Lazy("ServiceItem/serviceDLLsha256sum", [d] { return d->Sha256(); });
  }

  item.Show("name", CardValue::Text(s.name));
  if (!s.display_name.empty()) item.Show("descriptiveName", CardValue::Text(s.display_name));
  if (!command.program.empty()) item.Show("path", CardValue::Text(command.program));
  if (!command.arguments.empty()) item.Show("arguments", CardValue::Text(command.arguments));
  if (!dll.empty()) item.Show("serviceDLL", CardValue::Text(dll));
  if (!mode.empty()) item.Show("mode", CardValue::Text(mode));
  if (!status.empty()) item.Show("status", CardValue::Text(status));
  if (s.pid != 0) item.Show("pid", CardValue::Int(s.pid));
  if (!s.start_name.empty()) item.Show("startedAs", CardValue::Text(s.start_name));
}

}  // namespace iocscan::collect
