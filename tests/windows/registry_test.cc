// The RegistryItem collector (platform/windows/collect/registry_collector.cc) on the real registry
// (Wine's in CI): values written under HKCU\Software\iocscan-test-<pid> with the API, read back
// through MakeCollector("RegistryItem") and through the scan's RunCollector with compiled IOCs
// (the scope derived from their Path terms), then deleted.
#include <windows.h>

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "collect/collector.h"
#include "compile/support.h"
#include "platform/windows/win_text.h"
#include "scan/collector_run.h"

namespace iocscan::collect {
namespace {

using platform::win::Wide;

// HKCU\Software\iocscan-test-<pid>, deleted with everything below it at the end of the test.
class TestKey {
 public:
  TestKey() : name_("Software\\iocscan-test-" + std::to_string(::GetCurrentProcessId())) {
    REQUIRE(::RegCreateKeyExW(HKEY_CURRENT_USER, Wide(name_).c_str(), 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &key_,
                              nullptr) == ERROR_SUCCESS);
  }
  ~TestKey() {
    ::RegCloseKey(key_);
    ::RegDeleteTreeW(HKEY_CURRENT_USER, Wide(name_).c_str());
  }
  const std::string& name() const { return name_; }
  std::string path() const { return "HKEY_CURRENT_USER\\" + name_; }

  // Sets value `value` of subkey `sub` ("" = this key) to raw bytes.
  void Set(const std::string& sub, const std::string& value, DWORD type, const std::string& bytes) {
    HKEY k = nullptr;
    REQUIRE(::RegCreateKeyExW(key_, Wide(sub).c_str(), 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &k, nullptr) ==
            ERROR_SUCCESS);
    CHECK(::RegSetValueExW(k, value.empty() ? nullptr : Wide(value).c_str(), 0, type,
                           reinterpret_cast<const BYTE*>(bytes.data()), static_cast<DWORD>(bytes.size())) ==
          ERROR_SUCCESS);
    ::RegCloseKey(k);
  }
  void SetString(const std::string& sub, const std::string& value, DWORD type, const std::string& text) {
    std::wstring w = Wide(text);
    Set(sub, value, type, std::string(reinterpret_cast<const char*>(w.c_str()), (w.size() + 1) * sizeof(wchar_t)));
  }
  void CreateSubkey(const std::string& sub) {
    HKEY k = nullptr;
    REQUIRE(::RegCreateKeyExW(key_, Wide(sub).c_str(), 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &k, nullptr) ==
            ERROR_SUCCESS);
    ::RegCloseKey(k);
  }

 private:
  std::string name_;
  HKEY key_ = nullptr;
};

// Every field of an item as text (ints and dates as numbers), by search path.
using Fields = std::map<std::string, std::string>;

Fields Record(CollectedItem& item) {
  Fields out;
  for (const terms::TermInfo& t : terms::TermsOfDocument("RegistryItem")) {
    const compile::FieldValue* v = item.Get(terms::IdOf(t));
    if (!v || v->empty()) continue;
    const compile::Scalar& s = v->front();
    out[std::string(t.search.substr(sizeof("RegistryItem/") - 1))] =
        t.type == terms::ValueType::kString ? s.text : std::to_string(s.integer);
  }
  return out;
}

// The items of the collector with `env`, by Path.
std::map<std::string, Fields> Collect(const CollectorEnv& env, CollectorStats* stats = nullptr) {
  std::unique_ptr<Collector> c = MakeCollector("RegistryItem");
  REQUIRE(c);
  std::map<std::string, Fields> items;
  CollectorStats s = c->Collect(env, [&](CollectedItem& item) {
    Fields f = Record(item);
    items[f["Path"]] = f;
  });
  if (stats) *stats = std::move(s);
  return items;
}

std::string Le32(std::uint32_t v) {
  std::string b(4, '\0');
  for (int i = 0; i < 4; ++i) b[i] = static_cast<char>(v >> (8 * i));
  return b;
}

TEST_CASE("RegistryItem reads values, types and key facts of an explicit key", "[windows][registry]") {
  TestKey key;
  key.SetString("", "Updater", REG_SZ, "C:\\Users\\Public\\evil.exe");
  key.SetString("", "", REG_SZ, "default data");
  key.SetString("", "Expand", REG_EXPAND_SZ, "%TEMP%\\x.dll");
  key.Set("", "Count", REG_DWORD, Le32(42));
  key.Set("", "Big", REG_QWORD, std::string("\x00\x00\x00\x00\x01\x00\x00\x00", 8));
  key.Set("", "Blob", REG_BINARY, std::string("\xde\xad\x00\x01", 4));
  key.Set("", "List", REG_MULTI_SZ, std::string("a\0\0\0b\0\0\0c\0\0\0\0\0", 14));
  key.SetString("Sub\\Deeper", "Name", REG_SZ, "\xc3\xa9t\xc3\xa9");  // "été"
  key.CreateSubkey("Empty");

  CollectorEnv env;
  env.registry_keys = {"HKCU\\" + key.name()};
  CollectorStats stats;
  std::map<std::string, Fields> items = Collect(env, &stats);
  CHECK(stats.errors == 0);
  CHECK(stats.items == items.size());
  const std::string p = key.path();
  REQUIRE(items.count(p + "\\Updater"));
  Fields& u = items[p + "\\Updater"];
  CHECK(u["Hive"] == "HKEY_CURRENT_USER");
  CHECK(u["KeyPath"] == key.name());
  CHECK(u["ValueName"] == "Updater");
  CHECK(u["Type"] == "REG_SZ");
  CHECK(u["Text"] == "C:\\Users\\Public\\evil.exe");
  CHECK(u["Value"] == u["Text"]);
  CHECK(u["ReportedLengthInBytes"] == std::to_string(2 * (sizeof("C:\\Users\\Public\\evil.exe"))));
  CHECK(u["NumValues"] == "7");
  CHECK(u["NumSubKeys"] == "2");
  CHECK(std::stoll(u["Modified"]) > 1'600'000'000);
  CHECK(u.count("Username") == 1);

  REQUIRE(items.count(p));  // the default value has the key's path
  CHECK(items[p]["ValueName"] == "(Default)");
  CHECK(items[p]["Text"] == "default data");
  CHECK(items[p + "\\Expand"]["Type"] == "REG_EXPAND_SZ");
  CHECK(items[p + "\\Expand"]["Text"] == "%TEMP%\\x.dll");
  CHECK(items[p + "\\Count"]["Type"] == "REG_DWORD");
  CHECK(items[p + "\\Count"]["Text"] == "42");
  CHECK(items[p + "\\Big"]["Text"] == "4294967296");
  CHECK(items[p + "\\Blob"]["Text"] == "dead0001");
  CHECK(items[p + "\\List"]["Text"] == "a\nb\nc");
  CHECK(items[p + "\\Sub\\Deeper\\Name"]["Text"] == "\xc3\xa9t\xc3\xa9");
  CHECK(items[p + "\\Sub\\Deeper\\Name"]["KeyPath"] == key.name() + "\\Sub\\Deeper");
  // Keys without values are items of their own: Sub (it has a subkey) and Empty.
  REQUIRE(items.count(p + "\\Empty"));
  CHECK(items[p + "\\Empty"]["NumValues"] == "0");
  CHECK(items[p + "\\Empty"].count("ValueName") == 0);
  CHECK(items[p + "\\Sub"]["NumSubKeys"] == "1");
  CHECK(items.size() == 10);
}

TEST_CASE("RegistryItem: data over 1 MiB is not read, a missing key is silent", "[windows][registry]") {
  TestKey key;
  key.Set("", "Huge", REG_BINARY, std::string((1u << 20) + 1, 'x'));
  key.SetString("", "Small", REG_SZ, "ok");
  CollectorEnv env;
  env.registry_keys = {"HKEY_CURRENT_USER\\" + key.name(), "HKLM\\SOFTWARE\\iocscan-no-such-key"};
  CollectorStats stats;
  std::map<std::string, Fields> items = Collect(env, &stats);
  REQUIRE(items.size() == 2);
  Fields& huge = items[key.path() + "\\Huge"];
  CHECK(huge["Type"] == "REG_BINARY");
  CHECK(huge["ReportedLengthInBytes"] == std::to_string((1u << 20) + 1));
  CHECK(huge.count("Text") == 0);
  CHECK(items[key.path() + "\\Small"]["Text"] == "ok");
  CHECK(stats.errors == 0);
  REQUIRE(stats.warnings.size() == 1);
  CHECK(stats.warnings[0].source == key.path() + "\\Huge");
}

// Compiles `criteria` (one IOC) and runs the RegistryItem collector through the scan.
scan::CollectorRun RunIoc(const std::string& criteria) {
  std::vector<ioc::Ioc> iocs;
  iocs.push_back(compile::testing::Ioc11(criteria));
  compile::CompiledSet set = compile::Compile(std::move(iocs));
  REQUIRE(set.report(0).unsupported == 0);
  std::unique_ptr<Collector> c = MakeCollector("RegistryItem");
  REQUIRE(c);
  return scan::RunCollector(*c, set, *set.DocumentIndex("RegistryItem"), {});
}

TEST_CASE("an IOC on Path and Text matches the value; its Path term is the scope", "[windows][registry]") {
  using compile::testing::And;
  using compile::testing::T;
  TestKey key;
  key.SetString("Run", "Updater", REG_SZ, "C:\\Users\\Public\\evil.exe");
  key.SetString("Run", "Other", REG_SZ, "C:\\Windows\\notepad.exe");
  key.SetString("RunOnce", "Updater", REG_SZ, "C:\\Users\\Public\\evil.exe");

  scan::CollectorRun run = RunIoc(And(T("starts-with", "RegistryItem/Path", key.path() + "\\Run\\") +
                                      T("contains", "RegistryItem/Text", "\\users\\public\\")));
  CHECK(run.stats.items == 2);  // only Run\ was read: Updater and Other
  CHECK(run.stats.warnings.empty());
  REQUIRE(run.matches.items.size() == 1);
  const report::CardItem& card = run.matches.items[0].card;
  CHECK(card.document == "RegistryItem");
  REQUIRE(card.fields.size() >= 4);
  CHECK(card.fields[0].name == "Path");
  CHECK(card.fields[0].values.at(0).text == key.path() + "\\Run\\Updater");
  CHECK(card.fields[1].name == "Type");
  CHECK(card.fields[2].name == "Text");
  CHECK(card.fields[2].values.at(0).text == "C:\\Users\\Public\\evil.exe");
  CHECK(card.fields[3].name == "Modified");

  // `Path is` reads the one key; a relative KeyPath term reads it in every user's hive.
  run = RunIoc(And(T("is", "RegistryItem/Path", key.path() + "\\RunOnce\\Updater")));
  CHECK(run.stats.items == 1);
  CHECK(run.matches.items.size() == 1);
  run = RunIoc(And(T("is", "RegistryItem/KeyPath", key.name() + "\\Run") + T("is", "RegistryItem/ValueName", "other")));
  CHECK(run.matches.items.size() == 1);
}

TEST_CASE("an IOC without a usable key reads the default persistence keys, with a warning", "[windows][registry]") {
  using compile::testing::And;
  using compile::testing::T;
  HKEY run = nullptr;
  const std::wstring run_key = L"Software\\Microsoft\\Windows\\CurrentVersion\\Run";
  REQUIRE(::RegCreateKeyExW(HKEY_CURRENT_USER, run_key.c_str(), 0, nullptr, 0, KEY_ALL_ACCESS, nullptr, &run, nullptr) ==
          ERROR_SUCCESS);
  const std::wstring value = L"iocscan-test-" + std::to_wstring(::GetCurrentProcessId());
  const std::wstring data = L"C:\\iocscan-test\\iocscan-default-scope.exe";
  REQUIRE(::RegSetValueExW(run, value.c_str(), 0, REG_SZ, reinterpret_cast<const BYTE*>(data.c_str()),
                           static_cast<DWORD>((data.size() + 1) * sizeof(wchar_t))) == ERROR_SUCCESS);
  scan::CollectorRun r = RunIoc(And(T("contains", "RegistryItem/Path", "CurrentVersion\\Run") +
                                    T("ends-with", "RegistryItem/Text", "iocscan-default-scope.exe")));
  ::RegDeleteValueW(run, value.c_str());
  ::RegCloseKey(run);
  REQUIRE(r.matches.items.size() == 1);
  CHECK(r.matches.items[0].card.fields[0].values.at(0).text ==
        "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\" + platform::win::Utf8(value));
  bool warned = false;
  for (const Warning& w : r.stats.warnings) warned = warned || w.message.find("default persistence keys") != std::string::npos;
  CHECK(warned);
}

}  // namespace
}  // namespace iocscan::collect
