// RunCollector and RecordItem: a collector's items are evaluated like files, matched items keep
// their card fields and hits, lazy fields are computed only when a term reaches them.
#include <catch2/catch.hpp>

#include "collect/record_item.h"
#include "compile/support.h"
#include "scan/cards.h"
#include "scan/collector_run.h"

namespace iocscan::scan {
namespace {

using collect::RecordItem;
using compile::testing::And;
using compile::testing::Ioc11;
using compile::testing::Or;
using compile::testing::T;

struct User {
  std::string name;
  std::int64_t uid;
  std::string shell;
};

// A collector over a fixed list of users; counts how often the lazy field was computed.
class FakeUsers final : public collect::Collector {
 public:
  explicit FakeUsers(std::vector<User> users) : users_(std::move(users)) {}
  bool live_only() const override { return false; }
  collect::CollectorStats Collect(const collect::CollectorEnv& env, const collect::ItemVisitor& visit) override {
    collect::CollectorStats stats;
    for (const User& u : users_) {
      if (env.Stopped()) break;
      RecordItem item;
      item.Add("UserItem/Username", RecordItem::Text(u.name)).Add("UserItem/userid", RecordItem::Int(u.uid));
      item.Lazy("UserItem/shell", [this, shell = u.shell] {
        ++lazy_computed;
        return compile::FieldValue{RecordItem::Text(shell)};
      });
      item.Show("Username", report::CardValue::Text(u.name));
      ++stats.items;
      visit(item);
    }
    return stats;
  }
  int lazy_computed = 0;

 private:
  std::vector<User> users_;
};

compile::CompiledSet CompileForTest(const std::string& criteria) {
  std::vector<ioc::Ioc> iocs;
  iocs.push_back(Ioc11(criteria));
  return compile::Compile(std::move(iocs), {.require_collected = false});
}

TEST_CASE("RunCollector keeps every matching item with its card fields", "[scan][collector]") {
  compile::CompiledSet set = CompileForTest(Or(T("starts-with", "UserItem/Username", "svc-")));
  FakeUsers users({{"svc-a", 1001, "/bin/sh"}, {"alice", 1000, "/bin/bash"}, {"svc-b", 1002, "/bin/sh"}});
  CollectorRun run = RunCollector(users, set, *set.DocumentIndex("UserItem"), {});
  CHECK(run.stats.items == 3);
  REQUIRE(run.matches.items.size() == 2);
  CHECK(run.matches.items[0].card.document == "UserItem");
  CHECK(run.matches.items[0].card.fields.at(0).values.at(0).text == "svc-a");
  CHECK(run.matches.items[1].card.fields.at(0).values.at(0).text == "svc-b");
  CHECK(run.matches.group_true == std::vector<bool>{true});

  std::vector<report::Card> cards =
      AssembleCards(set, std::move(run.matches.items), run.matches.group_true, {"h", "os"}, 0);
  REQUIRE(cards.size() == 1);
  CHECK(cards[0].items.size() == 2);
  CHECK(cards[0].items[0].terms == std::vector<std::string>{"UserItem/Username starts-with \"svc-\""});
}

TEST_CASE("A lazy field is computed only when a term still needs it", "[scan][collector]") {
  // AND(name is "alice", shell is "/bin/bash"): only alice's shell is ever asked for.
  compile::CompiledSet set =
      CompileForTest(Or(And(T("is", "UserItem/Username", "alice") + T("is", "UserItem/shell", "/bin/bash"))));
  FakeUsers users({{"svc-a", 1001, "/bin/sh"}, {"alice", 1000, "/bin/bash"}, {"bob", 1003, "/bin/bash"}});
  CollectorRun run = RunCollector(users, set, *set.DocumentIndex("UserItem"), {});
  CHECK(run.matches.items.size() == 1);
  CHECK(users.lazy_computed == 1);
}

TEST_CASE("Item binding holds for collected records too", "[scan][collector]") {
  // No single user is both uid 1000 and named svc-a.
  compile::CompiledSet set =
      CompileForTest(Or(And(T("is", "UserItem/Username", "svc-a") + T("is", "UserItem/userid", "1000"))));
  FakeUsers users({{"svc-a", 1001, "/bin/sh"}, {"alice", 1000, "/bin/bash"}});
  CollectorRun run = RunCollector(users, set, *set.DocumentIndex("UserItem"), {});
  CHECK(run.matches.items.empty());
  CHECK(run.matches.group_true == std::vector<bool>{false});
}

TEST_CASE("A stopped collector returns without visiting", "[scan][collector]") {
  compile::CompiledSet set = CompileForTest(Or(T("is", "UserItem/Username", "alice")));
  FakeUsers users({{"alice", 1000, "/bin/bash"}});
  std::atomic<bool> stop{true};
  collect::CollectorEnv env;
  env.stop = &stop;
  CollectorRun run = RunCollector(users, set, *set.DocumentIndex("UserItem"), env);
  CHECK(run.stats.items == 0);
}

// Keeps the env it was given.
class EnvProbe final : public collect::Collector {
 public:
  bool live_only() const override { return false; }
  collect::CollectorStats Collect(const collect::CollectorEnv& env, const collect::ItemVisitor&) override {
    seen = env;
    return {};
  }
  collect::CollectorEnv seen;
};

TEST_CASE("RunCollector hands the collector the supported terms of its document, as written", "[scan][collector]") {
  std::vector<ioc::Ioc> iocs;
  iocs.push_back(Ioc11(Or(T("starts-with", "UserItem/Username", "svc-") + T("isnot", "UserItem/shell", "/bin/sh") +
                          T("is", "UserItem/NoSuchTerm", "x") + T("is", "FileItem/FileName", "a"))));
  iocs.push_back(Ioc11(Or(T("contains", "userItem/username", "adm", true)), "b.ioc", "t2"));
  compile::CompiledSet set = compile::Compile(std::move(iocs), {.require_collected = false});
  EnvProbe probe;
  collect::CollectorEnv env;
  env.registry_keys = {"HKLM\\SOFTWARE"};
  RunCollector(probe, set, *set.DocumentIndex("UserItem"), env);
  REQUIRE(probe.seen.terms.size() == 3);
  CHECK(probe.seen.terms[0].ioc == 0);
  CHECK(probe.seen.terms[0].field == *terms::FindTerm("UserItem/Username"));
  CHECK(probe.seen.terms[0].condition == "starts-with");
  CHECK(probe.seen.terms[0].text == "svc-");
  CHECK(probe.seen.terms[1].condition == "isnot");
  CHECK(probe.seen.terms[1].field == *terms::FindTerm("UserItem/shell"));
  CHECK(probe.seen.terms[2].ioc == 1);
  CHECK(probe.seen.terms[2].negate);
  CHECK(probe.seen.terms[2].field == *terms::FindTerm("UserItem/Username"));
  CHECK(probe.seen.registry_keys == std::vector<std::string>{"HKLM\\SOFTWARE"});
}

TEST_CASE("RecordItem ignores terms the registry does not know and reports absent fields", "[scan][collector]") {
  RecordItem item;
  item.Add("UserItem/NoSuchField", RecordItem::Text("x")).Add("UserItem/Username", RecordItem::Text("a"));
  CHECK(item.Get(*terms::FindTerm("UserItem/shell")) == nullptr);
  const compile::FieldValue* name = item.Get(*terms::FindTerm("UserItem/Username"));
  REQUIRE(name);
  CHECK(name->at(0).text == "a");
}

}  // namespace
}  // namespace iocscan::scan
