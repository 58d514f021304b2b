#include "platform/windows/collect/registry_collector.h"

#include <windows.h>
#include <sddl.h>

#include <cstdint>
#include <cstring>
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "collect/record_item.h"
#include "collect/registry/registry_path.h"
#include "collect/registry/registry_scope.h"
#include "collect/registry/registry_value.h"
#include "platform/windows/sid_names.h"
#include "platform/windows/win_text.h"

namespace iocscan::collect {
namespace {

using report::CardValue;

constexpr DWORD kMaxValueBytes = 1u << 20;
constexpr std::uint64_t kMaxVisits = 2'000'000;  // keys and values of one sweep
constexpr std::uint32_t kMaxDepth = 64;          // key levels below a scope's key (the registry allows 512)
constexpr DWORD kMaxNameChars = 16384;           // a value name is at most 16,383 characters
constexpr std::string_view kDoc = "RegistryItem: ";

std::string ErrorText(LONG e) { return std::strerror(platform::win::ErrnoOf(static_cast<DWORD>(e))); }

// An open key, closed on scope exit.
class KeyHandle {
 public:
  KeyHandle() = default;
  KeyHandle(const KeyHandle&) = delete;
  KeyHandle& operator=(const KeyHandle&) = delete;
  ~KeyHandle() {
    if (h_) ::RegCloseKey(h_);
  }
  HKEY* out() { return &h_; }
  HKEY get() const { return h_; }

 private:
  HKEY h_ = nullptr;
};

// The SID of this process's user as text, and its account name.
std::pair<std::string, std::string> CurrentUser() {
  HANDLE token = nullptr;
  if (!::OpenProcessToken(::GetCurrentProcess(), TOKEN_QUERY, &token)) return {};
  std::pair<std::string, std::string> out;
  DWORD size = 0;
  ::GetTokenInformation(token, TokenUser, nullptr, 0, &size);
  std::vector<unsigned char> buffer(size);
  if (size > 0 && ::GetTokenInformation(token, TokenUser, buffer.data(), size, &size)) {
    PSID sid = reinterpret_cast<TOKEN_USER*>(buffer.data())->User.Sid;
    wchar_t* text = nullptr;
    if (::ConvertSidToStringSidW(sid, &text)) {
      out.first = platform::win::Utf8(text);
      ::LocalFree(text);
    }
    out.second = platform::win::AccountNameOfSid(sid);
  }
  ::CloseHandle(token);
  return out;
}

// Account names of the user hives, by SID text (looked up once each).
class Users {
 public:
  Users() {
    auto [sid, name] = CurrentUser();
    current_sid_ = std::move(sid);
    current_name_ = std::move(name);
  }
  const std::string& current_sid() const { return current_sid_; }

  // The user of a key: the current user's for HKEY_CURRENT_USER, the SID's owner for a key under
  // HKEY_USERS; "" for HKEY_LOCAL_MACHINE or an unknown SID.
  const std::string& Of(Hive hive, std::string_view key) {
    static const std::string kNone;
    if (hive == Hive::kCurrentUser) return current_name_;
    if (hive != Hive::kUsers || key.empty()) return kNone;
    std::string sid(key.substr(0, key.find('\\')));
    auto [it, added] = names_.try_emplace(sid);
    if (added) it->second = platform::win::AccountNameOfSid(sid);
    return it->second;
  }

 private:
  std::string current_sid_;
  std::string current_name_;
  std::map<std::string, std::string> names_;
};

// Where a scope is read: a predefined key reported as `hive`, and the key below the hive the
// scope's key is relative to (a user's SID under HKEY_USERS).
struct Root {
  HKEY handle;
  Hive hive;
  std::string base;
};

// The facts of a key every item of it carries.
struct KeyFacts {
  Hive hive;
  std::string key;  // below the hive
  std::int64_t modified = 0;
  DWORD subkeys = 0;
  DWORD values = 0;
  const std::string* username = nullptr;
};

class Sweep {
 public:
  Sweep(const CollectorEnv& env, const ItemVisitor& visit, CollectorStats* stats) : env_(env), visit_(visit), stats_(*stats) {}

  std::vector<Root> RootsOf(ScopeRoot root);
  void Read(const Root& root, const KeyScope& scope);
  bool Done() const { return visits_ >= kMaxVisits || env_.Stopped(); }

 private:
  struct Pending {
    std::string key;  // below the hive
    std::uint32_t depth = 0;
  };
  void ReadKey(const Root& root, const KeyScope& scope, const Pending& p, std::vector<Pending>* stack);
  void ReadValues(HKEY h, const KeyFacts& key, std::string_view prefix, DWORD max_data);
  std::vector<std::string> SubkeyNames(HKEY h, const std::string& key, std::string_view prefix);
  void EmitValue(const KeyFacts& key, const std::string& name, DWORD type, std::optional<std::string_view> data, DWORD size);
  void EmitKey(const KeyFacts& key);
  RecordItem& AddKeyFacts(RecordItem& item, const KeyFacts& key);
  void Visit();
  void Warn(std::string source, std::string message, bool error) {
    stats_.warnings.push_back({std::move(source), std::string(kDoc) + std::move(message)});
    if (error) ++stats_.errors;
  }

  const CollectorEnv& env_;
  const ItemVisitor& visit_;
  CollectorStats& stats_;
  Users users_;
  std::uint64_t visits_ = 0;
  bool depth_warned_ = false;
};

std::vector<Root> Sweep::RootsOf(ScopeRoot root) {
  switch (root) {
    case ScopeRoot::kLocalMachine:
      return {{HKEY_LOCAL_MACHINE, Hive::kLocalMachine, ""}};
    case ScopeRoot::kUsers:
      return {{HKEY_USERS, Hive::kUsers, ""}};
    case ScopeRoot::kCurrentUser:
      return {{HKEY_CURRENT_USER, Hive::kCurrentUser, ""}};
    case ScopeRoot::kEveryUser:
      break;
  }
  std::vector<Root> out = {{HKEY_CURRENT_USER, Hive::kCurrentUser, ""}};
  for (const std::string& sid : SubkeyNames(HKEY_USERS, "", "")) {
    bool classes = sid.size() > 8 && StartsWithIgnoreCase(std::string_view(sid).substr(sid.size() - 8), "_Classes");
    bool alias = StartsWithIgnoreCase(sid, ".DEFAULT") && sid.size() == 8;
    bool current = sid.size() == users_.current_sid().size() && StartsWithIgnoreCase(sid, users_.current_sid());
    if (!classes && !alias && !current) out.push_back({HKEY_USERS, Hive::kUsers, sid});
  }
  return out;
}

void Sweep::Read(const Root& root, const KeyScope& scope) {
  std::vector<Pending> stack = {{JoinKey(root.base, scope.key), 0}};
  while (!stack.empty() && !Done()) {
    Pending p = std::move(stack.back());
    stack.pop_back();
    ReadKey(root, scope, p, &stack);
  }
}

void Sweep::Visit() {
  if (++visits_ == kMaxVisits) {
    Warn("", "stopped after " + std::to_string(kMaxVisits) + " keys and values (the limit of one sweep)", false);
  }
}

void Sweep::ReadKey(const Root& root, const KeyScope& scope, const Pending& p, std::vector<Pending>* stack) {
  Visit();
  const std::string where = RegistryPath(root.hive, p.key, "");
  KeyHandle h;
  LONG e = ::RegOpenKeyExW(root.handle, platform::win::Wide(p.key).c_str(), 0, KEY_READ | KEY_WOW64_64KEY, h.out());
  if (e == ERROR_FILE_NOT_FOUND) return;  // a key the IOCs name that this host does not have
  if (e != ERROR_SUCCESS) return Warn(where, "key not read: " + ErrorText(e), true);
  KeyFacts key{root.hive, p.key};
  DWORD max_data = 0;
  FILETIME written{};
  e = ::RegQueryInfoKeyW(h.get(), nullptr, nullptr, nullptr, &key.subkeys, nullptr, nullptr, &key.values, nullptr,
                         &max_data, nullptr, &written);
  if (e != ERROR_SUCCESS) return Warn(where, "key not read: " + ErrorText(e), true);
  key.modified = platform::win::EpochOf(written);
  key.username = &users_.Of(root.hive, p.key);
  std::string_view prefix = p.depth == 0 ? std::string_view(scope.name_prefix) : std::string_view();
  if (key.values == 0 && prefix.empty()) EmitKey(key);
  ReadValues(h.get(), key, prefix, max_data);
  if (key.subkeys == 0) return;
  if (p.depth >= scope.depth) return;
  if (p.depth >= kMaxDepth) {
    if (!depth_warned_) Warn(where, "subkeys deeper than " + std::to_string(kMaxDepth) + " levels not read", false);
    depth_warned_ = true;
    return;
  }
  std::vector<std::string> names = SubkeyNames(h.get(), where, prefix);
  for (auto it = names.rbegin(); it != names.rend(); ++it) stack->push_back({JoinKey(p.key, *it), p.depth + 1});
}

std::vector<std::string> Sweep::SubkeyNames(HKEY h, const std::string& where, std::string_view prefix) {
  std::vector<std::string> names;
  std::vector<wchar_t> name(256);  // a key name is at most 255 characters
  for (DWORD i = 0;; ++i) {
    DWORD len = static_cast<DWORD>(name.size());
    LONG e = ::RegEnumKeyExW(h, i, name.data(), &len, nullptr, nullptr, nullptr, nullptr);
    if (e == ERROR_NO_MORE_ITEMS) break;
    if (e != ERROR_SUCCESS) {
      Warn(where, "subkeys not listed: " + ErrorText(e), true);
      break;
    }
    std::string utf8 = platform::win::Utf8(std::wstring_view(name.data(), len));
    if (StartsWithIgnoreCase(utf8, prefix)) names.push_back(std::move(utf8));
  }
  return names;
}

void Sweep::ReadValues(HKEY h, const KeyFacts& key, std::string_view prefix, DWORD max_data) {
  std::vector<wchar_t> name(kMaxNameChars + 1);
  std::string data(std::min(max_data, kMaxValueBytes), '\0');
  for (DWORD i = 0; !Done(); ++i) {
    DWORD name_len = static_cast<DWORD>(name.size());
    DWORD type = 0;
    DWORD size = static_cast<DWORD>(data.size());
    auto* bytes = reinterpret_cast<BYTE*>(data.data());
    LONG e = ::RegEnumValueW(h, i, name.data(), &name_len, nullptr, &type, bytes, &size);
    if (e == ERROR_MORE_DATA && size <= kMaxValueBytes) {  // the value grew since RegQueryInfoKeyW
      data.resize(size);
      name_len = static_cast<DWORD>(name.size());
      size = static_cast<DWORD>(data.size());
      e = ::RegEnumValueW(h, i, name.data(), &name_len, nullptr, &type, reinterpret_cast<BYTE*>(data.data()), &size);
    }
    if (e == ERROR_NO_MORE_ITEMS) break;
    bool oversize = e == ERROR_MORE_DATA;
    if (oversize) {  // name, type and length only
      name_len = static_cast<DWORD>(name.size());
      e = ::RegEnumValueW(h, i, name.data(), &name_len, nullptr, &type, nullptr, &size);
    }
    if (e != ERROR_SUCCESS) {
      Warn(RegistryPath(key.hive, key.key, ""), "values not read: " + ErrorText(e), true);
      break;
    }
    std::string value_name = platform::win::Utf8(std::wstring_view(name.data(), name_len));
    if (!StartsWithIgnoreCase(value_name, prefix)) continue;
    Visit();
    if (oversize) {
      Warn(RegistryPath(key.hive, key.key, value_name),
           "data of " + std::to_string(size) + " bytes not read (over " + std::to_string(kMaxValueBytes) + ")", false);
      EmitValue(key, value_name, type, std::nullopt, size);
    } else {
      EmitValue(key, value_name, type, std::string_view(data.data(), size), size);
    }
  }
}

RecordItem& Sweep::AddKeyFacts(RecordItem& item, const KeyFacts& key) {
  item.Add("RegistryItem/Hive", RecordItem::Text(std::string(HiveName(key.hive))))
      .Add("RegistryItem/KeyPath", RecordItem::Text(key.key))
      .Add("RegistryItem/Modified", RecordItem::Date(key.modified))
      .Add("RegistryItem/NumSubKeys", RecordItem::Int(key.subkeys))
      .Add("RegistryItem/NumValues", RecordItem::Int(key.values));
  if (!key.username->empty()) item.Add("RegistryItem/Username", RecordItem::Text(*key.username));
  return item;
}

void Sweep::EmitValue(const KeyFacts& key, const std::string& name, DWORD type, std::optional<std::string_view> data,
                      DWORD size) {
  std::string path = RegistryPath(key.hive, key.key, name);
  std::string type_name = RegTypeName(type);
  RecordItem item;
  AddKeyFacts(item, key)
      .Add("RegistryItem/Path", RecordItem::Text(path))
      .Add("RegistryItem/ValueName", RecordItem::Text(name.empty() ? "(Default)" : name))
      .Add("RegistryItem/Type", RecordItem::Text(type_name))
      .Add("RegistryItem/ReportedLengthInBytes", RecordItem::Int(size));
  item.Show("Path", CardValue::Text(path)).Show("Type", CardValue::Text(type_name));
  if (data) {
    std::string text = RegValueText(type, *data);
    item.Add("RegistryItem/Text", RecordItem::Text(text)).Add("RegistryItem/Value", RecordItem::Text(text));
    item.Show("Text", CardValue::Text(text));
  }
  item.Show("Modified", CardValue::Date(key.modified));
  if (!key.username->empty()) item.Show("Username", CardValue::Text(*key.username));
  ++stats_.items;
  visit_(item);
}

void Sweep::EmitKey(const KeyFacts& key) {
  std::string path = RegistryPath(key.hive, key.key, "");
  RecordItem item;
  AddKeyFacts(item, key).Add("RegistryItem/Path", RecordItem::Text(path));
  item.Show("Path", CardValue::Text(path))
      .Show("Modified", CardValue::Date(key.modified))
      .Show("NumSubKeys", CardValue::Int(key.subkeys));
  if (!key.username->empty()) item.Show("Username", CardValue::Text(*key.username));
  ++stats_.items;
  visit_(item);
}

// The keys to read: --registry-key, else the scope derived from the IOCs (with the defaults' warning).
std::vector<KeyScope> ScopeOf(const CollectorEnv& env, CollectorStats* stats) {
  if (!env.registry_keys.empty()) {
    std::vector<KeyScope> keys;
    for (const std::string& k : env.registry_keys) {
      std::optional<KeyScope> scope = ParseScopeKey(k);
      if (scope) keys.push_back(std::move(*scope));
      else stats->warnings.push_back({k, std::string(kDoc) + "not a key of a hive that is read"});
    }
    return Simplify(std::move(keys));
  }
  DerivedScope derived = DeriveScope(env.terms);
  if (derived.defaulted > 0) {
    stats->warnings.push_back(
        {"", std::string(kDoc) + std::to_string(derived.defaulted) +
                 " IOC(s) name no key to read (a Path or KeyPath term with is, starts-with or contains of a key "
                 "path): the default persistence keys were read (Run, RunOnce, Services, Winlogon, Image File "
                 "Execution Options, AppInit_DLLs, Shell Folders...); --registry-key reads others"});
  }
  return std::move(derived.keys);
}

class RegistryCollector final : public Collector {
 public:
  bool live_only() const override { return true; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override {
    CollectorStats stats;
    std::vector<KeyScope> scope = ScopeOf(env, &stats);
    Sweep sweep(env, visit, &stats);
    for (const KeyScope& s : scope) {
      for (const Root& root : sweep.RootsOf(s.root)) {
        if (sweep.Done()) return stats;
        sweep.Read(root, s);
      }
    }
    return stats;
  }
};

}  // namespace

std::unique_ptr<Collector> MakeRegistryCollector() { return std::make_unique<RegistryCollector>(); }

}  // namespace iocscan::collect
