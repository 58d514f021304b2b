// The RegistryItem scope rule (collect/registry/registry_scope.h) on literal terms: which keys a
// Path or KeyPath term makes the collector read, the default scope, --registry-key, and the
// removal of scopes another one covers.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "collect/registry/registry_scope.h"
#include "terms/registry.h"

namespace iocscan::collect {
namespace {

ScopeTerm Term(std::uint32_t ioc, std::string_view search, std::string condition, std::string text,
               bool negate = false) {
  return ScopeTerm{ioc, *terms::FindTerm(search), std::move(condition), negate, std::move(text)};
}

constexpr ScopeRoot kM = ScopeRoot::kLocalMachine;
constexpr ScopeRoot kU = ScopeRoot::kEveryUser;

TEST_CASE("a full Path term: the key that holds the value", "[collect][registry]") {
  std::vector<ScopeTerm> t = {
      Term(0, "RegistryItem/Path", "is", "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\evil")};
  DerivedScope s = DeriveScope(t);
  CHECK(s.defaulted == 0);
  REQUIRE(s.keys.size() == 1);
  CHECK(s.keys[0] == KeyScope{kM, "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run", "evil", 1});
}

TEST_CASE("starts-with and contains of a hive path: the key up to the last name, any depth", "[collect][registry]") {
  std::vector<ScopeTerm> t = {
      Term(0, "RegistryItem/Path", "starts-with", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"),
      Term(1, "RegistryItem/Path", "contains", "HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\MRxCls\\ImagePath"),
      Term(2, "RegistryItem/KeyPath", "starts-with", "HKEY_USERS\\S-1-5-21-1-2-3-1001\\Software\\Evil")};
  DerivedScope s = DeriveScope(t);
  CHECK(s.defaulted == 0);
  REQUIRE(s.keys.size() == 3);
  CHECK(s.keys[0] ==
        KeyScope{ScopeRoot::kCurrentUser, "Software\\Microsoft\\Windows\\CurrentVersion", "Run", kAnyDepth});
  CHECK(s.keys[1] == KeyScope{kM, "SYSTEM\\ControlSet001\\Services\\MRxCls", "ImagePath", kAnyDepth});
  CHECK(s.keys[2] == KeyScope{ScopeRoot::kUsers, "S-1-5-21-1-2-3-1001\\Software", "Evil", kAnyDepth});
}

TEST_CASE("a text ending in a separator names the whole key", "[collect][registry]") {
  DerivedScope s = DeriveScope(std::vector<ScopeTerm>{
      Term(0, "RegistryItem/Path", "contains", "\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\"),
      Term(1, "RegistryItem/Path", "starts-with", "HKLM\\SOFTWARE\\Evil\\")});
  REQUIRE(s.keys.size() == 3);
  CHECK(s.keys[0] == KeyScope{kM, "Software\\Microsoft\\Windows\\CurrentVersion\\Run", "", kAnyDepth});
  CHECK(s.keys[1] == KeyScope{kU, "Software\\Microsoft\\Windows\\CurrentVersion\\Run", "", kAnyDepth});
  CHECK(s.keys[2] == KeyScope{kM, "SOFTWARE\\Evil", "", kAnyDepth});
}

TEST_CASE("relative texts: KeyPath anchors them, contains needs a top-level name", "[collect][registry]") {
  DerivedScope s = DeriveScope(std::vector<ScopeTerm>{Term(0, "RegistryItem/KeyPath", "is", "Software\\Evil\\Config")});
  REQUIRE(s.keys.size() == 2);
  CHECK(s.keys[0] == KeyScope{kM, "Software\\Evil\\Config", "", 0});
  CHECK(s.keys[1] == KeyScope{kU, "Software\\Evil\\Config", "", 0});

  // From the corpus: Path contains "Software\Microsoft\CurrentHalInf".
  s = DeriveScope(std::vector<ScopeTerm>{Term(0, "RegistryItem/Path", "contains", "Software\\Microsoft\\CurrentHalInf")});
  REQUIRE(s.keys.size() == 2);
  CHECK(s.keys[0] == KeyScope{kM, "Software\\Microsoft", "CurrentHalInf", kAnyDepth});
  CHECK(s.keys[1] == KeyScope{kU, "Software\\Microsoft", "CurrentHalInf", kAnyDepth});

  s = DeriveScope(std::vector<ScopeTerm>{Term(0, "RegistryItem/Path", "contains", "SYSTEM\\CurrentControlSet\\Services\\x")});
  REQUIRE(s.keys.size() == 2);  // "System" is also a user top-level key
  s = DeriveScope(std::vector<ScopeTerm>{Term(0, "RegistryItem/KeyPath", "contains", "Control Panel\\Desktop")});
  REQUIRE(s.keys.size() == 1);
  CHECK(s.keys[0] == KeyScope{kU, "Control Panel", "Desktop", kAnyDepth});
  s = DeriveScope(std::vector<ScopeTerm>{Term(0, "RegistryItem/KeyPath", "starts-with", "S-1-5-18\\Software")});
  REQUIRE(s.keys.size() == 1);
  CHECK(s.keys[0] == KeyScope{ScopeRoot::kUsers, "S-1-5-18", "Software", kAnyDepth});
}

TEST_CASE("terms that give no scope make their IOC read the default keys", "[collect][registry]") {
  std::vector<ScopeTerm> t = {
      Term(0, "RegistryItem/Path", "contains", "CurrentVersion\\Run"),          // not at a top-level name
      Term(0, "RegistryItem/Text", "contains", "evil.exe"),                     // not a key
      Term(1, "RegistryItem/Path", "is", "HKLM\\SOFTWARE\\Evil\\x", true),      // negated
      Term(2, "RegistryItem/Path", "isnot", "HKLM\\SOFTWARE\\Evil\\x"),         // negated by name
      Term(3, "RegistryItem/Path", "ends-with", "\\Run\\evil"),                 // not a prefix
      Term(4, "RegistryItem/Path", "matches", "^HKEY_LOCAL_MACHINE\\\\SOFTWARE"),
      Term(5, "RegistryItem/Path", "contains", "HKLM\\SOFTWARE\\Evil"),         // scoped
      Term(5, "RegistryItem/ValueName", "is", "x")};
  DerivedScope s = DeriveScope(t);
  CHECK(s.defaulted == 5);
  std::vector<KeyScope> expected = DefaultScope();
  expected.insert(expected.begin() + 0, KeyScope{kM, "SOFTWARE", "Evil", kAnyDepth});
  CHECK(s.keys.size() == expected.size());
  CHECK(s.keys[0] == expected[0]);
  CHECK(DeriveScope({}).keys.empty());
  CHECK(DeriveScope({}).defaulted == 0);
}

TEST_CASE("the default scope holds the persistence keys once each", "[collect][registry]") {
  std::vector<KeyScope> d = DefaultScope();
  CHECK(Simplify(d) == d);
  auto has = [&](ScopeRoot root, std::string_view key, std::string_view prefix = "") {
    for (const KeyScope& k : d) {
      if (k.root == root && k.key == key && k.name_prefix == prefix) return true;
    }
    return false;
  };
  CHECK(has(kM, "Software\\Microsoft\\Windows\\CurrentVersion", "Run"));
  CHECK(has(kU, "Software\\Microsoft\\Windows\\CurrentVersion", "Run"));
  CHECK(has(kM, "SYSTEM\\CurrentControlSet\\Services"));
  CHECK(has(kM, "Software\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon"));
  CHECK(has(kM, "Software\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options"));
  CHECK(has(kM, "Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows"));  // AppInit_DLLs
  CHECK(has(kU, "Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\Shell Folders"));
}

TEST_CASE("explicit keys (--registry-key): a whole subtree, HKEY_USERS star is every user", "[collect][registry]") {
  CHECK(ParseScopeKey("HKLM\\SOFTWARE\\Evil") == KeyScope{kM, "SOFTWARE\\Evil", "", kAnyDepth});
  CHECK(ParseScopeKey("HKEY_USERS\\*\\Software\\Evil") == KeyScope{kU, "Software\\Evil", "", kAnyDepth});
  CHECK(ParseScopeKey("HKU\\*") == KeyScope{kU, "", "", kAnyDepth});
  CHECK(ParseScopeKey("HKU\\S-1-5-18") == KeyScope{ScopeRoot::kUsers, "S-1-5-18", "", kAnyDepth});
  CHECK(ParseScopeKey("hkcu") == KeyScope{ScopeRoot::kCurrentUser, "", "", kAnyDepth});
  CHECK(ParseScopeKey("SOFTWARE\\Evil") == std::nullopt);
  CHECK(ParseScopeKey("HKCR\\CLSID") == std::nullopt);
}

TEST_CASE("scopes another one reads are dropped, the first of equal ones stays", "[collect][registry]") {
  KeyScope run{kM, "Software\\Microsoft\\Windows\\CurrentVersion", "Run", kAnyDepth};
  KeyScope evil{kM, "SOFTWARE\\MICROSOFT\\Windows\\CurrentVersion\\RunOnce", "evil", 1};   // below, case differs
  KeyScope other{kM, "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall", "", 0};    // not under "Run"
  KeyScope user{ScopeRoot::kCurrentUser, "Software\\Microsoft\\Windows\\CurrentVersion", "RunOnce", 0};
  KeyScope every{kU, "Software\\Microsoft\\Windows\\CurrentVersion", "Run", kAnyDepth};
  CHECK(Simplify({evil, run, other, run, user, every}) == std::vector<KeyScope>{run, other, every});
  // A bounded scope covers what fits in its depth.
  KeyScope shallow{kM, "A", "", 2};
  CHECK(Simplify({shallow, KeyScope{kM, "A\\B", "", 1}}) == std::vector<KeyScope>{shallow});
  CHECK(Simplify({shallow, KeyScope{kM, "A\\B", "", 2}}).size() == 2);
  CHECK(Simplify({shallow, KeyScope{kM, "A\\B", "", kAnyDepth}}).size() == 2);
  CHECK(Simplify({KeyScope{kM, "", "", kAnyDepth}, shallow}).size() == 1);  // the whole hive
  CHECK(Simplify({KeyScope{kM, "AB", "", kAnyDepth}, KeyScope{kM, "A", "", 0}}).size() == 2);
}

TEST_CASE("InScope filters the names at the top of a scope", "[collect][registry]") {
  KeyScope s{kM, "K", "Run", kAnyDepth};
  CHECK(InScope(s, "RunOnce"));
  CHECK(InScope(s, "run"));
  CHECK_FALSE(InScope(s, "Ru"));
  CHECK(InScope(KeyScope{kM, "K", "", 0}, ""));
}

}  // namespace
}  // namespace iocscan::collect
