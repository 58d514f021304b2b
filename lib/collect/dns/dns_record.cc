#include "collect/dns/dns_record.h"

namespace iocscan::collect {

using report::CardValue;

RecordItem HostsEntryItem(const HostsRecord& r, std::string_view source) {
  const char* type = r.ipv6 ? "AAAA" : "A";
  const char* data = r.ipv6 ? "IPv6Address" : "IPv4Address";
  RecordItem item;
  item.Add("DnsEntryItem/Host", RecordItem::Text(r.name))
      .Add("DnsEntryItem/RecordName", RecordItem::Text(r.name))
      .Add("DnsEntryItem/RecordType", RecordItem::Text(type))
      .Add(std::string("DnsEntryItem/RecordData/") + data, RecordItem::Text(r.address))
      .Add("DnsEntryItem/DataLength", RecordItem::Int(r.ipv6 ? 16 : 4));
  item.Show("Host", CardValue::Text(r.name))
      .Show("RecordType", CardValue::Text(type))
      .Show(data, CardValue::Text(r.zone.empty() ? r.address : r.address + "%" + r.zone))
      .Show("source", CardValue::Text(std::string(source) + ":" + std::to_string(r.line)));
  return item;
}

RecordItem CacheEntryItem(const CachedRecord& r) {
  RecordItem item;
  item.Add("DnsEntryItem/Host", RecordItem::Text(r.name))
      .Add("DnsEntryItem/RecordName", RecordItem::Text(r.name))
      .Add("DnsEntryItem/RecordType", RecordItem::Text(r.type));
  item.Show("Host", CardValue::Text(r.name)).Show("RecordType", CardValue::Text(r.type));
  std::string field = r.type == "A" ? "IPv4Address" : r.type == "AAAA" ? "IPv6Address" : r.type == "CNAME" ? "Host" : "";
  if (!field.empty() && !r.data.empty()) {
    item.Add("DnsEntryItem/RecordData/" + field, RecordItem::Text(r.data)).Show(field, CardValue::Text(r.data));
    if (r.type != "CNAME") item.Add("DnsEntryItem/DataLength", RecordItem::Int(r.type == "A" ? 4 : 16));
  }
  if (r.ttl) item.Add("DnsEntryItem/TimeToLive", RecordItem::Int(*r.ttl));
  item.Show("source", CardValue::Text("DNS cache"));
  return item;
}

}  // namespace iocscan::collect
