// ProcessCollector for real: a child started by the test (a copy of sleep under a unique name,
// with a unique argument) and the test's own process, read back from /proc field by field.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>

#include "collect/process/process_collector.h"
#include "hash/digest.h"
#include "platform/users.h"
#include "support/live_objects.h"
#include "support/scratch_dir.h"

namespace iocscan::collect {
namespace {

using iocscan::testing::LoopbackListener;
using iocscan::testing::ScratchDir;
using iocscan::testing::SleepingChild;

struct Seen {
  std::map<std::string, compile::FieldValue> fields;  // by search path
  std::vector<report::CardField> card;
};

std::vector<terms::FieldId> Ids(const std::vector<std::string>& searches) {
  std::vector<terms::FieldId> ids;
  for (const std::string& s : searches) ids.push_back(*terms::FindTerm(s));
  std::sort(ids.begin(), ids.end());
  return ids;
}

// Collects every process with `searches` needed; keeps the fields and card of `pid`.
std::optional<Seen> CollectPid(int pid, const std::vector<std::string>& searches) {
  std::vector<terms::FieldId> ids = Ids(searches);
  CollectorEnv env;
  env.needed = ids;
  std::optional<Seen> seen;
  ProcessCollector collector;
  collector.Collect(env, [&](CollectedItem& item) {
    const compile::FieldValue* p = item.Get(*terms::FindTerm("ProcessItem/pid"));
    if (!p || p->empty() || p->at(0).integer != pid) return;
    seen.emplace();
    for (const std::string& search : searches) {
      const compile::FieldValue* v = item.Get(*terms::FindTerm(search));
      if (v) seen->fields[search] = *v;
    }
    seen->card = item.CardFields();
  });
  return seen;
}

std::vector<std::string> Texts(const compile::FieldValue& v) {
  std::vector<std::string> out;
  for (const compile::Scalar& s : v) out.push_back(s.text);
  return out;
}

bool Has(const compile::FieldValue& v, const std::string& text) {
  std::vector<std::string> t = Texts(v);
  return std::find(t.begin(), t.end(), text) != t.end();
}

bool HasInt(const compile::FieldValue& v, std::int64_t n) {
  return std::any_of(v.begin(), v.end(), [&](const compile::Scalar& s) { return s.integer == n; });
}

TEST_CASE("ProcessCollector reads a child's name path arguments parent start time and user", "[collect][process]") {
  ScratchDir dir;
  SleepingChild child(dir);
  if (!child.ok()) {
    WARN("skipped: " << child.why());
    return;
  }
  std::optional<Seen> seen = CollectPid(child.pid(), {"ProcessItem/name", "ProcessItem/path", "ProcessItem/arguments",
                                                      "ProcessItem/parentpid", "ProcessItem/startTime",
                                                      "ProcessItem/Username"});
  REQUIRE(seen);
  CHECK(Texts(seen->fields["ProcessItem/name"]) == std::vector<std::string>{child.name()});  // > 15 bytes
  CHECK(Texts(seen->fields["ProcessItem/path"]) == std::vector<std::string>{dir.path()});
  CHECK(Texts(seen->fields["ProcessItem/arguments"]) ==
        std::vector<std::string>{child.exe() + " 600 " + child.argument()});
  CHECK(HasInt(seen->fields["ProcessItem/parentpid"], ::getpid()));
  REQUIRE(seen->fields["ProcessItem/startTime"].size() == 1);
  std::int64_t started = seen->fields["ProcessItem/startTime"][0].integer;
  CHECK(std::abs(started - static_cast<std::int64_t>(std::time(nullptr))) < 120);
  CHECK(Texts(seen->fields["ProcessItem/Username"]) ==
        std::vector<std::string>{platform::UserDb::Load("").UserName(::geteuid())});
  REQUIRE(seen->card.size() == 3);
  CHECK(seen->card[0].name == "pid");
  CHECK(seen->card[0].values.at(0).integer == child.pid());
  CHECK(seen->card[1].values.at(0).text == child.name());
  CHECK(seen->card[2].values.at(0).text == dir.path());
}

TEST_CASE("ProcessCollector lists a child's mapped files and its executable as a handle", "[collect][process]") {
  ScratchDir dir;
  SleepingChild child(dir);
  if (!child.ok()) {
    WARN("skipped: " << child.why());
    return;
  }
  std::optional<Seen> seen =
      CollectPid(child.pid(), {"ProcessItem/SectionList/MemorySection/Name", "ProcessItem/HandleList/Handle/Name",
                               "ProcessItem/HandleList/Handle/FileDescriptor", "ProcessItem/HandleList/Handle/Type",
                               "ProcessItem/HandleList/Handle/INode", "ProcessItem/HandleList/Handle/Size"});
  REQUIRE(seen);
  CHECK(Has(seen->fields["ProcessItem/SectionList/MemorySection/Name"], child.exe()));
  CHECK(Has(seen->fields["ProcessItem/HandleList/Handle/Name"], child.exe()));
  CHECK(Has(seen->fields["ProcessItem/HandleList/Handle/FileDescriptor"], "txt"));
  CHECK(Has(seen->fields["ProcessItem/HandleList/Handle/Type"], "File"));
  struct stat st {};
  REQUIRE(::stat(child.exe().c_str(), &st) == 0);
  CHECK(HasInt(seen->fields["ProcessItem/HandleList/Handle/INode"], static_cast<std::int64_t>(st.st_ino)));
  CHECK(Has(seen->fields["ProcessItem/HandleList/Handle/Size"], std::to_string(child.bytes().size())));
}

TEST_CASE("ProcessCollector hashes a child's executable only when asked", "[collect][process]") {
  ScratchDir dir;
  SleepingChild child(dir);
  if (!child.ok()) {
    WARN("skipped: " << child.why());
    return;
  }
  hash::Digests want = hash::DigestBytes(hash::kAllDigests, child.bytes());
  std::optional<Seen> seen =
      CollectPid(child.pid(), {"ProcessItem/HandleList/Handle/Md5sum", "ProcessItem/HandleList/Handle/Sha1sum",
                               "ProcessItem/HandleList/Handle/Sha256sum"});
  REQUIRE(seen);
  CHECK(Has(seen->fields["ProcessItem/HandleList/Handle/Md5sum"], want.md5));
  CHECK(Has(seen->fields["ProcessItem/HandleList/Handle/Sha1sum"], want.sha1));
  CHECK(Has(seen->fields["ProcessItem/HandleList/Handle/Sha256sum"], want.sha256));

  // Not needed by any IOC: the field is absent, nothing is read.
  ProcessCollector collector;
  collector.Collect({}, [&](CollectedItem& item) {
    if (item.Get(*terms::FindTerm("ProcessItem/pid"))->at(0).integer != child.pid()) return;
    CHECK(item.Get(*terms::FindTerm("ProcessItem/HandleList/Handle/Md5sum")) == nullptr);
  });
}

TEST_CASE("ProcessCollector joins the test's own socket with the TCP table", "[collect][process]") {
  LoopbackListener listener;
  REQUIRE(listener.ok());
  struct stat st {};
  REQUIRE(::fstat(listener.fd(), &st) == 0);
  const std::string h = "ProcessItem/HandleList/Handle/";
  const std::string p = "ProcessItem/PortList/PortItem/";
  std::optional<Seen> seen = CollectPid(
      ::getpid(), {h + "Type", h + "Name", h + "FileDescriptor", h + "INode", h + "SocketType", h + "SocketProtocol",
                   h + "SocketState", h + "SocketLocalAddress", h + "SocketLocalPort", p + "localPort", p + "localIP",
                   p + "protocol", p + "state", p + "pid", p + "process"});
  REQUIRE(seen);
  CHECK(Has(seen->fields[h + "Type"], "Socket"));
  CHECK(Has(seen->fields[h + "Name"], "socket:[" + std::to_string(st.st_ino) + "]"));
  CHECK(Has(seen->fields[h + "FileDescriptor"], std::to_string(listener.fd())));
  CHECK(HasInt(seen->fields[h + "INode"], static_cast<std::int64_t>(st.st_ino)));
  CHECK(Has(seen->fields[h + "SocketType"], "STREAM"));
  CHECK(Has(seen->fields[h + "SocketProtocol"], "TCP"));
  CHECK(Has(seen->fields[h + "SocketState"], "LISTEN"));
  CHECK(Has(seen->fields[h + "SocketLocalAddress"], "127.0.0.1"));
  CHECK(Has(seen->fields[h + "SocketLocalPort"], std::to_string(listener.port())));
  CHECK(HasInt(seen->fields[p + "localPort"], listener.port()));
  CHECK(Has(seen->fields[p + "localIP"], "127.0.0.1"));
  CHECK(Has(seen->fields[p + "protocol"], "TCP"));
  CHECK(Has(seen->fields[p + "state"], "LISTEN"));
  CHECK(HasInt(seen->fields[p + "pid"], ::getpid()));
  CHECK_FALSE(seen->fields[p + "process"].empty());
}

TEST_CASE("ProcessCollector with name terms only costs little per process", "[collect][process]") {
  std::vector<terms::FieldId> ids = Ids({"ProcessItem/name", "ProcessItem/arguments"});
  CollectorEnv env;
  env.needed = ids;
  ProcessCollector collector;
  auto start = std::chrono::steady_clock::now();
  std::uint64_t matched = 0;
  CollectorStats stats = collector.Collect(env, [&](CollectedItem& item) {
    const compile::FieldValue* name = item.Get(*terms::FindTerm("ProcessItem/name"));
    if (name && !name->empty() && name->at(0).text == "no-such-process-name") ++matched;
  });
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(stats.items > 0);
  CHECK(matched == 0);
  // 2,000 processes at this rate must stay well under a second.
  double per_2000 = seconds / static_cast<double>(stats.items) * 2000;
  INFO(stats.items << " processes in " << seconds << " s");
  CHECK(per_2000 < 0.5);
}

TEST_CASE("ProcessCollector on a missing proc folder is one warning and one error", "[collect][process]") {
  ProcessCollector collector("/nonexistent-proc-for-iocscan");
  std::uint64_t visited = 0;
  CollectorStats stats = collector.Collect({}, [&](CollectedItem&) { ++visited; });
  CHECK(visited == 0);
  CHECK(stats.items == 0);
  CHECK(stats.errors == 1);
  CHECK(stats.warnings.size() == 1);
}

TEST_CASE("ProcessCollector counts unreadable descriptor lists without a warning per process", "[collect][process]") {
  if (::geteuid() == 0) {
    WARN("skipped: as root every process's descriptors are readable");
    return;
  }
  std::vector<terms::FieldId> ids = Ids({"ProcessItem/HandleList/Handle/Name"});
  CollectorEnv env;
  env.needed = ids;
  ProcessCollector collector;
  bool saw_self = false;
  CollectorStats stats = collector.Collect(env, [&](CollectedItem& item) {
    const compile::FieldValue* names = item.Get(*terms::FindTerm("ProcessItem/HandleList/Handle/Name"));
    if (item.Get(*terms::FindTerm("ProcessItem/pid"))->at(0).integer == ::getpid()) {
      saw_self = names && !names->empty();
    }
  });
  CHECK(saw_self);
  // Other users' processes (pid 1 at least, normally) cannot be listed: at most one warning.
  CHECK(stats.warnings.size() <= 1);
  if (stats.errors > 0) CHECK(stats.warnings.size() == 1);
}

}  // namespace
}  // namespace iocscan::collect
