// Registry names: hive spellings, cleaned key paths, and Path composed from hive, key and value.
#include <catch2/catch.hpp>

#include "collect/registry/registry_path.h"

namespace iocscan::collect {
namespace {

TEST_CASE("Path joins hive, key and value name; the default value is the key", "[collect][registry]") {
  CHECK(RegistryPath(Hive::kLocalMachine, "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run", "evil") ==
        "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\evil");
  CHECK(RegistryPath(Hive::kUsers, "S-1-5-21-1-2-3-1001\\Software\\X", "v") ==
        "HKEY_USERS\\S-1-5-21-1-2-3-1001\\Software\\X\\v");
  CHECK(RegistryPath(Hive::kCurrentUser, "Software\\X", "") == "HKEY_CURRENT_USER\\Software\\X");
  CHECK(RegistryPath(Hive::kCurrentUser, "", "top") == "HKEY_CURRENT_USER\\top");
  CHECK(RegistryPath(Hive::kLocalMachine, "", "") == "HKEY_LOCAL_MACHINE");
  CHECK(RegistryPath(Hive::kLocalMachine, "K", "a\\b") == "HKEY_LOCAL_MACHINE\\K\\a\\b");  // names may hold '\'
  CHECK(HiveName(Hive::kUsers) == "HKEY_USERS");
  CHECK(JoinKey("", "") == "");
  CHECK(JoinKey("a", "") == "a");
  CHECK(JoinKey("", "b") == "b");
  CHECK(JoinKey("a", "b") == "a\\b");
}

TEST_CASE("key names: hive spellings in any case, empty names dropped", "[collect][registry]") {
  auto k = ParseKeyName("HKLM\\Software\\X");
  REQUIRE(k);
  CHECK(k->hive == Hive::kLocalMachine);
  CHECK(k->key == "Software\\X");
  k = ParseKeyName("hkey_current_user\\\\Software\\X\\");
  REQUIRE(k);
  CHECK(k->hive == Hive::kCurrentUser);
  CHECK(k->key == "Software\\X");
  k = ParseKeyName("HKU");
  REQUIRE(k);
  CHECK(k->hive == Hive::kUsers);
  CHECK(k->key.empty());
  k = ParseKeyName("\\Registry\\Machine\\SYSTEM\\ControlSet001");
  REQUIRE(k);
  CHECK(k->hive == Hive::kLocalMachine);
  CHECK(k->key == "SYSTEM\\ControlSet001");
  k = ParseKeyName("\\REGISTRY\\USER\\S-1-5-18");
  REQUIRE(k);
  CHECK(k->hive == Hive::kUsers);
  CHECK(k->key == "S-1-5-18");
  CHECK(ParseKeyName("HKEY_USERSX\\a") == std::nullopt);
  CHECK(ParseKeyName("HKLMSoftware") == std::nullopt);
  CHECK(ParseKeyName("HKEY_CLASSES_ROOT\\CLSID") == std::nullopt);  // not a hive this collector reads
  CHECK(ParseKeyName("Software\\X") == std::nullopt);
  CHECK(ParseKeyName("") == std::nullopt);
  CHECK(CleanKey("\\a\\\\b\\") == "a\\b");
  CHECK(StartsWithIgnoreCase("RunOnce", "run"));
  CHECK_FALSE(StartsWithIgnoreCase("Ru", "run"));
}

}  // namespace
}  // namespace iocscan::collect
