#include "collect/registry/registry_scope.h"

#include <array>
#include <map>
#include <utility>

#include "compile/condition.h"
#include "terms/registry.h"

namespace iocscan::collect {
namespace {

// Names at the top of HKEY_LOCAL_MACHINE and of a user's hive (a relative `contains` is taken as
// a key path only when it starts with one of them).
constexpr std::array<std::string_view, 6> kMachineTop = {"SOFTWARE", "SYSTEM", "SAM", "SECURITY", "HARDWARE",
                                                         "BCD00000000"};
constexpr std::array<std::string_view, 12> kUserTop = {
    "Software", "System",   "Control Panel", "Environment", "Console", "AppEvents",
    "Keyboard Layout", "Network", "Printers", "Volatile Environment", "EUDC", "Identities"};

template <std::size_t N>
bool OneOf(std::string_view name, const std::array<std::string_view, N>& names) {
  for (std::string_view n : names) {
    if (EqualsIgnoreCase(name, n)) return true;
  }
  return false;
}

ScopeRoot RootOf(Hive hive) {
  switch (hive) {
    case Hive::kLocalMachine:
      return ScopeRoot::kLocalMachine;
    case Hive::kUsers:
      return ScopeRoot::kUsers;
    case Hive::kCurrentUser:
      return ScopeRoot::kCurrentUser;
  }
  return ScopeRoot::kLocalMachine;
}

std::string_view FirstName(std::string_view key) { return key.substr(0, key.find('\\')); }

// The roots a relative text (no hive) is read under; empty when it names no key.
std::vector<ScopeRoot> RelativeRoots(std::string_view key, bool anchored) {
  std::string_view first = FirstName(key);
  if (StartsWithIgnoreCase(first, "S-1-") || EqualsIgnoreCase(first, ".DEFAULT")) return {ScopeRoot::kUsers};
  std::vector<ScopeRoot> roots;
  if (anchored || OneOf(first, kMachineTop)) roots.push_back(ScopeRoot::kLocalMachine);
  if (anchored || OneOf(first, kUserTop)) roots.push_back(ScopeRoot::kEveryUser);
  return roots;
}

// The scopes one term gives; empty when it gives none.
std::vector<KeyScope> ScopesOf(const ScopeTerm& term, terms::FieldId path, terms::FieldId key_path) {
  if (term.field != path && term.field != key_path) return {};
  compile::ParsedCondition c;
  if (!compile::ParseConditionName(term.condition, &c) || c.negated || term.negate) return {};
  if (c.op != compile::Op::kIs && c.op != compile::Op::kStartsWith && c.op != compile::Op::kContains) return {};
  bool is_path = term.field == path;
  std::vector<ScopeRoot> roots;
  std::string key;
  if (std::optional<KeyName> name = ParseKeyName(term.text)) {
    roots.push_back(RootOf(name->hive));
    key = std::move(name->key);
  } else {
    key = CleanKey(term.text);
    if (key.empty()) return {};
    roots = RelativeRoots(key, !is_path && c.op != compile::Op::kContains);
  }
  KeyScope shape;
  bool whole_key = term.text.ends_with('\\');  // "...\Run\": inside Run, not RunOnce
  if ((!is_path && c.op == compile::Op::kIs) || (whole_key && c.op != compile::Op::kIs)) {
    shape.key = key;
    shape.depth = c.op == compile::Op::kIs ? 0 : kAnyDepth;
  } else {
    std::size_t last = key.rfind('\\');
    shape.key = last == std::string::npos ? "" : key.substr(0, last);
    shape.name_prefix = last == std::string::npos ? key : key.substr(last + 1);
    shape.depth = c.op == compile::Op::kIs ? 1 : kAnyDepth;  // Path is: a value, or a key's default
  }
  std::vector<KeyScope> out;
  for (ScopeRoot root : roots) {
    shape.root = root;
    out.push_back(shape);
  }
  return out;
}

bool RootCovers(ScopeRoot outer, ScopeRoot inner) {
  return outer == inner || (outer == ScopeRoot::kEveryUser && inner == ScopeRoot::kCurrentUser);
}

// True when `outer` reads everything `inner` reads.
bool Covers(const KeyScope& outer, const KeyScope& inner) {
  if (!RootCovers(outer.root, inner.root)) return false;
  if (EqualsIgnoreCase(inner.key, outer.key)) {
    return StartsWithIgnoreCase(inner.name_prefix, outer.name_prefix) && outer.depth >= inner.depth;
  }
  std::string_view below = inner.key;
  if (!outer.key.empty()) {
    if (!StartsWithIgnoreCase(below, outer.key) || below.size() <= outer.key.size() || below[outer.key.size()] != '\\') {
      return false;
    }
    below.remove_prefix(outer.key.size() + 1);
  }
  if (!StartsWithIgnoreCase(FirstName(below), outer.name_prefix)) return false;
  if (outer.depth == kAnyDepth) return true;
  if (inner.depth == kAnyDepth) return false;
  std::uint64_t levels = 1;
  for (char ch : below) levels += ch == '\\' ? 1 : 0;
  return outer.depth >= levels + inner.depth;
}

KeyScope Key(ScopeRoot root, std::string key, std::uint32_t depth = kAnyDepth, std::string prefix = "") {
  return KeyScope{root, std::move(key), std::move(prefix), depth};
}

}  // namespace

DerivedScope DeriveScope(std::span<const ScopeTerm> terms) {
  terms::FieldId path = *terms::FindTerm("RegistryItem/Path");
  terms::FieldId key_path = *terms::FindTerm("RegistryItem/KeyPath");
  DerivedScope out;
  std::map<std::uint32_t, bool> scoped;  // IOC -> some term of it gave a scope
  for (const ScopeTerm& t : terms) {
    std::vector<KeyScope> keys = ScopesOf(t, path, key_path);
    scoped[t.ioc] = scoped[t.ioc] || !keys.empty();
    out.keys.insert(out.keys.end(), keys.begin(), keys.end());
  }
  for (const auto& [ioc, has] : scoped) out.defaulted += has ? 0 : 1;
  if (out.defaulted > 0) {
    std::vector<KeyScope> d = DefaultScope();
    out.keys.insert(out.keys.end(), d.begin(), d.end());
  }
  out.keys = Simplify(std::move(out.keys));
  return out;
}

std::optional<KeyScope> ParseScopeKey(std::string_view key) {
  std::optional<KeyName> name = ParseKeyName(key);
  if (!name) return std::nullopt;
  if (name->hive == Hive::kUsers && FirstName(name->key) == "*") {
    std::string_view rest = std::string_view(name->key).substr(1);
    return Key(ScopeRoot::kEveryUser, CleanKey(rest));
  }
  return Key(RootOf(name->hive), std::move(name->key));
}

std::vector<KeyScope> DefaultScope() {
  constexpr ScopeRoot kM = ScopeRoot::kLocalMachine;
  constexpr ScopeRoot kU = ScopeRoot::kEveryUser;
  const std::string cv = "Software\\Microsoft\\Windows\\CurrentVersion";
  const std::string nt = "Software\\Microsoft\\Windows NT\\CurrentVersion";
  const std::string wow_cv = "Software\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion";
  const std::string wow_nt = "Software\\WOW6432Node\\Microsoft\\Windows NT\\CurrentVersion";
  return {
      // Run, RunOnce, RunOnceEx, RunServices, RunServicesOnce and their subkeys.
      Key(kM, cv, kAnyDepth, "Run"),
      Key(kM, wow_cv, kAnyDepth, "Run"),
      Key(kU, cv, kAnyDepth, "Run"),
      Key(kM, cv + "\\Policies\\Explorer\\Run"),
      Key(kU, cv + "\\Policies\\Explorer\\Run"),
      Key(kM, nt + "\\Winlogon"),
      Key(kU, nt + "\\Winlogon", 0),
      Key(kM, nt + "\\Image File Execution Options"),
      Key(kM, wow_nt + "\\Image File Execution Options"),
      Key(kM, nt + "\\Windows", 0),  // AppInit_DLLs, LoadAppInit_DLLs
      Key(kM, wow_nt + "\\Windows", 0),
      Key(kU, nt + "\\Windows", 0),  // load, run
      Key(kM, cv + "\\Explorer\\Shell Folders", 0),
      Key(kM, cv + "\\Explorer\\User Shell Folders", 0),
      Key(kU, cv + "\\Explorer\\Shell Folders", 0),
      Key(kU, cv + "\\Explorer\\User Shell Folders", 0),
      Key(kM, cv + "\\Explorer\\Browser Helper Objects"),
      Key(kM, "Software\\Microsoft\\Active Setup\\Installed Components"),
      Key(kM, "SYSTEM\\CurrentControlSet\\Services"),
      Key(kM, "SYSTEM\\CurrentControlSet\\Control\\Session Manager", 0),  // BootExecute
      Key(kM, "SYSTEM\\CurrentControlSet\\Control\\Lsa", 0),  // authentication and notification packages
      Key(kM, "SYSTEM\\CurrentControlSet\\Control\\Print\\Monitors"),
      Key(kU, "Environment", 0),  // UserInitMprLogonScript
  };
}

std::vector<KeyScope> Simplify(std::vector<KeyScope> keys) {
  std::vector<KeyScope> out;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    bool covered = false;
    for (std::size_t j = 0; j < keys.size() && !covered; ++j) {
      // Of two scopes that cover each other (equal), the first stays.
      covered = j != i && Covers(keys[j], keys[i]) && (j < i || !Covers(keys[i], keys[j]));
    }
    if (!covered) out.push_back(keys[i]);
  }
  return out;
}

}  // namespace iocscan::collect
