#include "platform/windows/collect/event_log_collector.h"

#include <windows.h>
#include <sddl.h>
#include <winevt.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "collect/eventlog/event_fields.h"
#include "collect/eventlog/event_query.h"
#include "collect/eventlog/event_xml.h"
#include "collect/record_item.h"
#include "platform/windows/win_text.h"

namespace iocscan::collect {
namespace {

namespace win = platform::win;
using report::CardValue;

// Records asked of the service per EvtNext call.
constexpr DWORD kBatch = 64;

// EVT_HANDLEs closed when they go out of scope.
class EvtHandle {
 public:
  explicit EvtHandle(EVT_HANDLE h = nullptr) : h_(h) {}
  ~EvtHandle() {
    if (h_) ::EvtClose(h_);
  }
  EvtHandle(const EvtHandle&) = delete;
  EvtHandle& operator=(const EvtHandle&) = delete;
  EVT_HANDLE get() const { return h_; }

 private:
  EVT_HANDLE h_;
};

// The record as XML (UTF-8); nullopt with the Win32 error when the service cannot render it.
std::optional<std::string> RenderXml(EVT_HANDLE event, std::vector<wchar_t>& buffer, DWORD* error) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    DWORD used = 0, properties = 0;
    DWORD bytes = static_cast<DWORD>(buffer.size() * sizeof(wchar_t));
    if (::EvtRender(nullptr, event, EvtRenderEventXml, bytes, buffer.data(), &used, &properties)) {
      std::size_t chars = used / sizeof(wchar_t);
      while (chars > 0 && buffer[chars - 1] == L'\0') --chars;
      return win::Utf8(std::wstring_view(buffer.data(), chars));
    }
    *error = ::GetLastError();
    if (*error != ERROR_INSUFFICIENT_BUFFER) return std::nullopt;
    buffer.resize(used / sizeof(wchar_t) + 1);
  }
  return std::nullopt;
}

// The event's message as its provider formats it; "" when it cannot be formatted. A message with
// inserts the provider could not resolve is still the message.
std::string FormatEventMessage(EVT_HANDLE publisher, EVT_HANDLE event) {
  std::vector<wchar_t> buffer(1024);
  for (int attempt = 0; attempt < 2; ++attempt) {
    DWORD used = 0;
    BOOL ok = ::EvtFormatMessage(publisher, event, 0, 0, nullptr, EvtFormatMessageEvent,
                                 static_cast<DWORD>(buffer.size()), buffer.data(), &used);
    DWORD e = ok ? ERROR_SUCCESS : ::GetLastError();
    if (e == ERROR_INSUFFICIENT_BUFFER) {
      buffer.resize(used + 1);
      continue;
    }
    bool partial = e == ERROR_EVT_UNRESOLVED_VALUE_INSERT || e == ERROR_EVT_UNRESOLVED_PARAMETER_INSERT ||
                   e == ERROR_EVT_MAX_INSERTS_REACHED;
    if (!ok && !partial) return "";
    std::size_t chars = used;
    while (chars > 0 && buffer[chars - 1] == L'\0') --chars;
    return win::Utf8(std::wstring_view(buffer.data(), chars));
  }
  return "";
}

// "NT AUTHORITY\SYSTEM" for "S-1-5-18"; "" when the SID is not known here.
std::string AccountOf(const std::string& sid_text) {
  PSID sid = nullptr;
  if (!::ConvertStringSidToSidW(win::Wide(sid_text).c_str(), &sid)) return "";
  wchar_t name[256], domain[256];
  DWORD name_size = 256, domain_size = 256;
  SID_NAME_USE use;
  BOOL ok = ::LookupAccountSidW(nullptr, sid, name, &name_size, domain, &domain_size, &use);
  ::LocalFree(sid);
  if (!ok) return "";
  std::string account = win::Utf8(std::wstring_view(name, name_size));
  return domain_size ? win::Utf8(std::wstring_view(domain, domain_size)) + "\\" + account : account;
}

// A record with its message formatted on first use (by a term or by its card), while its event
// handle is alive: the scan evaluates and builds the card inside the visitor.
class EventItem final : public CollectedItem {
 public:
  explicit EventItem(std::function<std::string()> format) : format_(std::move(format)) {
    record.Lazy("EventLogItem/message", [this] {
      const std::string& m = Message();
      return m.empty() ? compile::FieldValue{} : compile::FieldValue{RecordItem::Text(m)};
    });
  }

  const compile::FieldValue* Get(terms::FieldId field) override { return record.Get(field); }
  std::vector<report::CardField> CardFields() override {
    std::vector<report::CardField> fields = record.CardFields();
    if (!Message().empty()) fields.push_back({"message", {CardValue::Text(Message())}});
    return fields;
  }

  RecordItem record;

 private:
  const std::string& Message() {
    if (!message_) message_ = format_ ? format_() : "";
    return *message_;
  }

  std::function<std::string()> format_;
  std::optional<std::string> message_;
};

class EventLogCollector final : public Collector {
 public:
  bool live_only() const override { return true; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override;

 private:
  // False when the event log API itself is missing: no other channel will do better.
  bool Channel(const std::string& channel, const std::wstring& query);
  void Record(const std::string& channel, EVT_HANDLE event);
  EVT_HANDLE Publisher(const std::string& provider);
  const std::string& Account(const std::string& sid);
  void Problem(const std::string& source, std::string message) {
    stats_.warnings.push_back({source, "EventLogItem: " + std::move(message)});
    ++stats_.errors;
  }

  const CollectorEnv* env_ = nullptr;
  const ItemVisitor* visit_ = nullptr;
  CollectorStats stats_;
  std::vector<wchar_t> render_buffer_ = std::vector<wchar_t>(8192);
  std::map<std::string, EVT_HANDLE> publishers_;  // nullptr: the provider has no metadata here
  std::map<std::string, std::string> accounts_;
  std::uint64_t render_failures_ = 0;
};

EVT_HANDLE EventLogCollector::Publisher(const std::string& provider) {
  auto it = publishers_.find(provider);
  if (it != publishers_.end()) return it->second;
  EVT_HANDLE h = ::EvtOpenPublisherMetadata(nullptr, win::Wide(provider).c_str(), nullptr, 0, 0);
  publishers_[provider] = h;
  return h;
}

const std::string& EventLogCollector::Account(const std::string& sid) {
  auto it = accounts_.find(sid);
  if (it == accounts_.end()) it = accounts_.emplace(sid, AccountOf(sid)).first;
  return it->second;
}

void EventLogCollector::Record(const std::string& channel, EVT_HANDLE event) {
  DWORD error = 0;
  std::optional<std::string> xml = RenderXml(event, render_buffer_, &error);
  Result<EventRecord> parsed = xml ? ParseEventXml(*xml) : Result<EventRecord>(Error{"", ""});
  if (!parsed.ok()) {
    ++render_failures_;
    return;
  }
  const EventRecord& e = parsed.value();
  std::string provider = e.provider;
  std::function<std::string()> format;  // a record that carries its message needs no formatting
  if (e.message.empty() && !provider.empty()) {
    format = [this, provider, event] {
      EVT_HANDLE publisher = Publisher(provider);
      return publisher ? FormatEventMessage(publisher, event) : std::string();
    };
  }
  EventItem item(std::move(format));
  AddEventFields(e, channel, item.record);
  if (!e.user_sid.empty()) {
    std::string sid = e.user_sid;
    item.record.Lazy("EventLogItem/user", [this, sid] {
      const std::string& name = Account(sid);
      return name.empty() ? compile::FieldValue{} : compile::FieldValue{RecordItem::Text(name)};
    });
  }
  ++stats_.items;
  (*visit_)(item);
}

bool EventLogCollector::Channel(const std::string& channel, const std::wstring& query) {
  ::SetLastError(ERROR_SUCCESS);  // a stub fails without saying why: see below
  EvtHandle results(::EvtQuery(nullptr, win::Wide(channel).c_str(), query.c_str(),
                               EvtQueryChannelPath | EvtQueryReverseDirection));
  if (!results.get()) {
    DWORD e = ::GetLastError();
    // A failure without a reason is an API that does not work: Wine's EvtQuery is a stub that
    // returns NULL for every channel and leaves the last error alone.
    if (e == ERROR_SUCCESS || e == ERROR_CALL_NOT_IMPLEMENTED || e == ERROR_PROC_NOT_FOUND) {
      Problem("", "the event log API (wevtapi EvtQuery) is not implemented on this system (Win32 error " +
                      std::to_string(e) + "): no event log read");
      return false;
    }
    if (e == ERROR_EVT_CHANNEL_NOT_FOUND) {
      Problem(channel, "no such event log channel on this host");
    } else if (e == ERROR_ACCESS_DENIED) {
      Problem(channel, "event log channel not readable by this account (run as administrator)");
    } else {
      Problem(channel, "event log channel cannot be queried (Win32 error " + std::to_string(e) + ")");
    }
    return true;
  }
  std::uint64_t read = 0;
  EVT_HANDLE batch[kBatch];
  DWORD got = 0;
  while (!env_->Stopped() && read < kMaxEventsPerChannel && ::EvtNext(results.get(), kBatch, batch, INFINITE, 0, &got)) {
    for (DWORD i = 0; i < got; ++i) {
      if (!env_->Stopped() && read < kMaxEventsPerChannel) {
        Record(channel, batch[i]);
        ++read;
      }
      ::EvtClose(batch[i]);
    }
  }
  DWORD e = ::GetLastError();
  if (read >= kMaxEventsPerChannel) {
    Problem(channel, "only the newest " + std::to_string(kMaxEventsPerChannel) +
                         " records were read (narrow the window with --since)");
  } else if (!env_->Stopped() && e != ERROR_NO_MORE_ITEMS && e != ERROR_SUCCESS) {
    Problem(channel, "event log read stopped early (Win32 error " + std::to_string(e) + ")");
  }
  return true;
}

CollectorStats EventLogCollector::Collect(const CollectorEnv& env, const ItemVisitor& visit) {
  stats_ = {};
  env_ = &env;
  visit_ = &visit;
  render_failures_ = 0;
  std::wstring query = win::Wide(EventQueryXPath(env.since, env.until));
  for (std::string_view channel : kDefaultEventChannels) {
    if (env.Stopped() || !Channel(std::string(channel), query)) break;
  }
  for (auto& [name, handle] : publishers_) {
    if (handle) ::EvtClose(handle);
  }
  publishers_.clear();
  if (render_failures_) Problem("", std::to_string(render_failures_) + " event records could not be rendered");
  return stats_;
}

}  // namespace

std::unique_ptr<Collector> MakeEventLogCollector() { return std::make_unique<EventLogCollector>(); }

}  // namespace iocscan::collect
