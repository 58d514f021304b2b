// The Windows TaskItem collector on the real OS (Wine in CI): task files the test writes into the
// real %SystemRoot%\System32\Tasks (a UTF-16LE task with a BOM as the Schedule service writes
// them, a UTF-8 one in a nested folder, a malformed one), a TaskCache run record, and a legacy
// .job file written by the OS's own Task Scheduler 1.0 API (mstask), read back through
// MakeCollector.
#include <windows.h>
#include <initguid.h>
#include <mstask.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "collect/collector.h"
#include "hash/digest.h"
#include "support/little_endian.h"
#include "terms/registry.h"
#include "windows/collector_support.h"

namespace iocscan::collect {
namespace {

namespace fs = std::filesystem;

fs::path SystemDir() {
  wchar_t dir[MAX_PATH];
  UINT n = ::GetSystemDirectoryW(dir, MAX_PATH);
  return fs::path(std::wstring(dir, n));
}

// A folder of its own under the real Tasks folder, removed with everything in it.
class TaskFolder {
 public:
  TaskFolder() : name_("iocscan-test-" + std::to_string(::GetCurrentProcessId())) {
    root_ = SystemDir() / "Tasks" / name_;
    fs::create_directories(root_);
  }
  ~TaskFolder() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  const std::string& name() const { return name_; }
  void Write(const std::string& rel, const std::string& bytes) {
    fs::path p = root_ / fs::path(rel);
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
  }

 private:
  std::string name_;
  fs::path root_;
};

std::string Utf16LeWithBom(std::string_view ascii) {
  std::string out = "\xFF\xFE";
  for (char c : ascii) {
    out += c;
    out += '\0';
  }
  return out;
}

std::string TaskXml(const std::string& author, const std::string& command, const std::string& arguments) {
  return "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n"
         "<Task version=\"1.2\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">\r\n"
         "  <RegistrationInfo><Date>2024-03-01T10:15:30</Date><Author>" + author + "</Author>"
         "<Description>iocscan test task</Description></RegistrationInfo>\r\n"
         "  <Triggers><LogonTrigger><Enabled>true</Enabled></LogonTrigger>"
         "<CalendarTrigger><StartBoundary>2024-03-01T09:00:00Z</StartBoundary>"
         "<ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay></CalendarTrigger></Triggers>\r\n"
         "  <Principals><Principal id=\"Author\"><UserId>S-1-5-18</UserId><RunLevel>HighestAvailable</RunLevel>"
         "</Principal></Principals>\r\n"
         "  <Settings><Hidden>true</Hidden></Settings>\r\n"
         "  <Actions Context=\"Author\"><Exec><Command>" + command + "</Command><Arguments>" + arguments +
         "</Arguments></Exec></Actions>\r\n</Task>\r\n";
}

// Runs the TaskItem collector with every Windows term needed; the items of `task_prefix`.
std::map<std::string, Fields> CollectTasks(const std::string& task_prefix, CollectorStats* stats) {
  WindowsTerms terms = WindowsTermsOf("TaskItem");
  CollectorEnv env;
  env.needed = terms.ids;
  std::unique_ptr<Collector> c = MakeCollector("TaskItem");
  REQUIRE(c);
  CHECK_FALSE(c->live_only());
  std::map<std::string, Fields> kept;
  *stats = c->Collect(env, [&](CollectedItem& item) {
    Fields f = FieldsOf(item, terms.searches);
    std::string name = f["TaskItem/Name"].at(0).text;
    if (name.rfind(task_prefix, 0) == 0) {
      CHECK_FALSE(item.CardFields().empty());
      kept[name] = std::move(f);
    }
  });
  return kept;
}

std::vector<std::string> Texts(Fields& f, const std::string& search) {
  std::vector<std::string> out;
  for (const compile::Scalar& s : f[search]) out.push_back(s.text);
  return out;
}

std::string FileBytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST_CASE("TaskItem reads the task files of System32\\Tasks", "[windows][collect][task]") {
  TaskFolder folder;
  std::string marker = "--iocscan-marker-" + std::to_string(::GetCurrentProcessId());
  folder.Write("Updater", Utf16LeWithBom(TaskXml("CORP\\mallory", "\"%SystemRoot%\\System32\\notepad.exe\"", marker)));
  folder.Write("Sub\\Deep\\Plain", TaskXml("alice", "cmd", "/c exit"));  // UTF-8, a bare program name
  folder.Write("Broken", Utf16LeWithBom("<Task><Actions>"));
  CollectorStats stats;
  std::string prefix = "\\" + folder.name() + "\\";
  std::map<std::string, Fields> tasks = CollectTasks(prefix, &stats);
  REQUIRE(tasks.size() == 2);

  Fields& updater = tasks[prefix + "Updater"];
  CHECK(Texts(updater, "TaskItem/Creator") == std::vector<std::string>{"CORP\\mallory"});
  CHECK(Texts(updater, "TaskItem/Comment") == std::vector<std::string>{"iocscan test task"});
  CHECK(Texts(updater, "TaskItem/AccountName") == std::vector<std::string>{"S-1-5-18"});
  CHECK(Texts(updater, "TaskItem/AccountRunLevel") == std::vector<std::string>{"HighestAvailable"});
  CHECK(Texts(updater, "TaskItem/ActionList/Action/ExecArguments") == std::vector<std::string>{marker});
  fs::path notepad = SystemDir() / "notepad.exe";
  std::vector<std::string> programs = Texts(updater, "TaskItem/ActionList/Action/ExecProgramPath");
  REQUIRE(programs.size() == 2);  // as written, and expanded
  CHECK(programs[0] == "%SystemRoot%\\System32\\notepad.exe");
  CHECK(_stricmp(programs[1].c_str(), notepad.string().c_str()) == 0);
  CHECK(Texts(updater, "TaskItem/TriggerList/Trigger/TriggerFrequency") ==
        std::vector<std::string>{"At logon", "Daily"});
  CHECK(Texts(updater, "TaskItem/Status") == std::vector<std::string>{"Ready"});
  CHECK(Texts(updater, "TaskItem/Flag").at(0).find("TASK_FLAG_HIDDEN") != std::string::npos);
  hash::Digests want = hash::DigestBytes(hash::kAllDigests, FileBytes(notepad));
  CHECK(Texts(updater, "TaskItem/md5sum") == std::vector<std::string>{want.md5});
  CHECK(Texts(updater, "TaskItem/ActionList/Action/ExecProgramSha1sum") == std::vector<std::string>{want.sha1});
  CHECK(Texts(updater, "TaskItem/sha256sum") == std::vector<std::string>{want.sha256});
  CHECK(updater.count("TaskItem/NextRunTime") == 0);

  Fields& plain = tasks[prefix + "Sub\\Deep\\Plain"];
  CHECK(Texts(plain, "TaskItem/Creator") == std::vector<std::string>{"alice"});
  CHECK(Texts(plain, "TaskItem/ActionList/Action/ExecProgramPath") == std::vector<std::string>{"cmd"});
  hash::Digests cmd = hash::DigestBytes(hash::kMd5, FileBytes(SystemDir() / "cmd.exe"));
  CHECK(Texts(plain, "TaskItem/md5sum") == std::vector<std::string>{cmd.md5});  // found by SearchPathW

  bool warned = false;
  for (const Warning& w : stats.warnings) {
    if (w.source.find(folder.name() + "\\Broken") != std::string::npos) {
      warned = w.message.find("not well-formed XML") != std::string::npos;
    }
  }
  CHECK(warned);
}

// A TaskCache record the test writes for its own task: the key the Schedule service keeps under
// HKLM (Wine has none of its own), removed afterwards.
class TaskCacheRecord {
 public:
  TaskCacheRecord(const std::wstring& task_path, const std::string& dynamic_info)
      : key_(L"SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Schedule\\TaskCache\\Tasks\\{iocscan-test-" +
             std::to_wstring(::GetCurrentProcessId()) + L"}") {
    ok_ = ::RegSetKeyValueW(HKEY_LOCAL_MACHINE, key_.c_str(), L"Path", REG_SZ, task_path.c_str(),
                            static_cast<DWORD>((task_path.size() + 1) * sizeof(wchar_t))) == ERROR_SUCCESS &&
          ::RegSetKeyValueW(HKEY_LOCAL_MACHINE, key_.c_str(), L"DynamicInfo", REG_BINARY, dynamic_info.data(),
                            static_cast<DWORD>(dynamic_info.size())) == ERROR_SUCCESS;
  }
  ~TaskCacheRecord() { ::RegDeleteTreeW(HKEY_LOCAL_MACHINE, key_.c_str()); }
  bool ok() const { return ok_; }

 private:
  std::wstring key_;
  bool ok_ = false;
};

using iocscan::testing::LittleEndian;

TEST_CASE("TaskItem adds the run record the Schedule service keeps in the registry", "[windows][collect][task]") {
  TaskFolder folder;
  folder.Write("Ran", Utf16LeWithBom(TaskXml("CORP\\mallory", "C:\\Users\\Public\\svchost.exe", "-k")));
  folder.Write("NeverRecorded", Utf16LeWithBom(TaskXml("alice", "cmd", "/c exit")));
  const std::uint64_t registered = 133800000000000000;  // 2024-12-30T02:40:00Z
  const std::uint64_t started = registered + 36000000000;  // an hour later
  std::string info = LittleEndian(3, 4) + LittleEndian(registered, 8) + LittleEndian(started, 8) +
                     LittleEndian(0, 4) + LittleEndian(0x80070002, 4) + LittleEndian(started + 50000000, 8);
  std::wstring name(folder.name().begin(), folder.name().end());
  TaskCacheRecord record(L"\\" + name + L"\\RAN", info);  // the service's case may differ from the file's
  if (!record.ok()) {
    WARN("the TaskCache key cannot be written here (not an administrator): not tested");
    return;
  }
  CollectorStats stats;
  std::string prefix = "\\" + folder.name() + "\\";
  std::map<std::string, Fields> tasks = CollectTasks(prefix, &stats);
  REQUIRE(tasks.size() == 2);
  Fields& ran = tasks[prefix + "Ran"];
  REQUIRE(ran["TaskItem/MostRecentRunTime"].size() == 1);
  CHECK(ran["TaskItem/MostRecentRunTime"][0].integer == 1735530000);  // 2024-12-30T03:40:00Z
  REQUIRE(ran["TaskItem/ExitCode"].size() == 1);
  CHECK(ran["TaskItem/ExitCode"][0].integer == 0x80070002);
  Fields& other = tasks[prefix + "NeverRecorded"];
  CHECK(other.count("TaskItem/MostRecentRunTime") == 0);
  CHECK(other.count("TaskItem/ExitCode") == 0);
}

// A legacy task saved by the Task Scheduler 1.0 COM API (ITask + IPersistFile::Save writes
// %SystemRoot%\Tasks\<name>.job), deleted afterwards.
class LegacyJob {
 public:
  explicit LegacyJob(const std::wstring& name) : name_(name) {
    ::CoInitializeEx(nullptr, COINIT_APARTMENTTHREADED);
    if (FAILED(::CoCreateInstance(CLSID_CTaskScheduler, nullptr, CLSCTX_INPROC_SERVER, IID_ITaskScheduler,
                                  reinterpret_cast<void**>(&scheduler_)))) {
      return;
    }
    ITask* task = nullptr;
    if (FAILED(scheduler_->NewWorkItem(name.c_str(), CLSID_CTask, IID_ITask, reinterpret_cast<IUnknown**>(&task)))) {
      return;
    }
    bool ok = SUCCEEDED(task->SetApplicationName(L"C:\\Users\\Public\\svchost.exe")) &&
              SUCCEEDED(task->SetParameters(L"-k netsvcs")) && SUCCEEDED(task->SetCreator(L"CORP\\mallory")) &&
              SUCCEEDED(task->SetComment(L"legacy job")) &&
              SUCCEEDED(task->SetFlags(TASK_FLAG_HIDDEN | TASK_FLAG_DISABLED));
    WORD index = 0;
    ITaskTrigger* trigger = nullptr;
    if (ok && SUCCEEDED(task->CreateTrigger(&index, &trigger))) {
      TASK_TRIGGER t = {};
      t.cbTriggerSize = sizeof(t);
      t.wBeginYear = 2099;  // never due: Wine's schedsvc runs due .job files, and records the run
      t.wBeginMonth = 3;
      t.wBeginDay = 1;
      t.wStartHour = 9;
      t.wStartMinute = 30;
      t.TriggerType = TASK_TIME_TRIGGER_DAILY;
      t.Type.Daily.DaysInterval = 1;
      ok = SUCCEEDED(trigger->SetTrigger(&t));
      trigger->Release();
    }
    IPersistFile* file = nullptr;
    if (ok && SUCCEEDED(task->QueryInterface(IID_IPersistFile, reinterpret_cast<void**>(&file)))) {
      saved_ = SUCCEEDED(file->Save(nullptr, TRUE));
      file->Release();
    }
    task->Release();
  }
  ~LegacyJob() {
    if (scheduler_) {
      scheduler_->Delete(name_.c_str());
      scheduler_->Release();
    }
    ::CoUninitialize();
  }
  bool saved() const { return saved_; }

 private:
  std::wstring name_;
  ITaskScheduler* scheduler_ = nullptr;
  bool saved_ = false;
};

fs::path WindowsDir() {
  wchar_t dir[MAX_PATH];
  UINT n = ::GetWindowsDirectoryW(dir, MAX_PATH);
  return fs::path(std::wstring(dir, n));
}

TEST_CASE("TaskItem reads the legacy .job files the Task Scheduler 1.0 API writes", "[windows][collect][task]") {
  const std::string name = "iocscan-test-job-" + std::to_string(::GetCurrentProcessId());
  LegacyJob job(std::wstring(name.begin(), name.end()));
  REQUIRE(job.saved());
  REQUIRE(fs::exists(WindowsDir() / "Tasks" / (name + ".job")));
  CollectorStats stats;
  std::map<std::string, Fields> tasks = CollectTasks("\\" + name, &stats);
  REQUIRE(tasks.size() == 1);
  Fields& t = tasks.begin()->second;
  CHECK(tasks.begin()->first == "\\" + name);
  CHECK(Texts(t, "TaskItem/ActionList/Action/ExecProgramPath") ==
        std::vector<std::string>{"C:\\Users\\Public\\svchost.exe"});
  CHECK(Texts(t, "TaskItem/ActionList/Action/ExecArguments") == std::vector<std::string>{"-k netsvcs"});
  CHECK(Texts(t, "TaskItem/Creator") == std::vector<std::string>{"CORP\\mallory"});
  CHECK(Texts(t, "TaskItem/Comment") == std::vector<std::string>{"legacy job"});
  CHECK(Texts(t, "TaskItem/Flag").at(0).find("TASK_FLAG_HIDDEN") != std::string::npos);
  CHECK(Texts(t, "TaskItem/TriggerList/Trigger/TriggerFrequency") == std::vector<std::string>{"Daily"});
  REQUIRE(t["TaskItem/TriggerList/Trigger/TriggerBegin"].size() == 1);
  CHECK(t["TaskItem/TriggerList/Trigger/TriggerBegin"][0].integer == 4076040600);  // 2099-03-01T09:30:00
  CHECK(Texts(t, "TaskItem/Status") == std::vector<std::string>{"Disabled"});
  // It never ran (the last run and exit code fields are read in tests/collect/job_file_test.cc:
  // Wine's schedsvc rewrites a job file it is told about, so a test cannot plant a run here).
  CHECK(t.count("TaskItem/MostRecentRunTime") == 0);
  CHECK(t.count("TaskItem/ExitCode") == 0);
}

}  // namespace
}  // namespace iocscan::collect
