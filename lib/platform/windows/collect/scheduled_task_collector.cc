#include "platform/windows/collect/scheduled_task_collector.h"

#include <windows.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "collect/record_item.h"
#include "collect/wintask/job_file.h"
#include "collect/wintask/task_fields.h"
#include "collect/wintask/task_run_info.h"
#include "collect/wintask/task_xml.h"
#include "core/ascii.h"
#include "hash/digest.h"
#include "platform/safe_open.h"
#include "platform/windows/collect/file_digests.h"
#include "platform/windows/win_text.h"

namespace iocscan::collect {
namespace {

namespace win = platform::win;

// Task folders nest two or three levels (\Microsoft\Windows\X); deeper is not a real layout.
constexpr int kMaxTaskDepth = 32;

std::string ErrorText(DWORD error) { return "Win32 error " + std::to_string(error); }

// The whole file when it is at most `cap` bytes; nullopt with `why` set otherwise.
std::optional<std::string> ReadSmallFile(const std::string& path, std::size_t cap, bool follow, std::string* why) {
  platform::OpenResult opened = platform::SafeOpen(platform::kCurrentDir, path.c_str(), {}, follow);
  if (!opened.ok()) {
    *why = "cannot be opened (" + std::string(platform::OpenFailureName(opened.failure)) + ")";
    return std::nullopt;
  }
  if (opened.file.size() > cap) {
    *why = "refused: " + std::to_string(opened.file.size()) + " bytes";
    return std::nullopt;
  }
  return opened.file.ReadUpTo(cap);
}

// "%SystemRoot%\x" -> "C:\Windows\x" with this process's environment.
std::string Expanded(const std::string& text) {
  std::wstring w = win::Wide(text);
  DWORD need = ::ExpandEnvironmentStringsW(w.c_str(), nullptr, 0);
  if (need == 0) return text;
  std::wstring out(need, L'\0');
  DWORD got = ::ExpandEnvironmentStringsW(w.c_str(), out.data(), need);
  if (got == 0 || got > need) return text;
  out.resize(got - 1);
  return win::Utf8(out);
}

// A bare program name ("powershell.exe", "cmd") found as CreateProcess would: SearchPathW with
// the default search order, ".exe" appended when the name has no extension.
std::string Searched(const std::string& program) {
  if (program.empty() || program.find_first_of("\\/:") != std::string::npos) return program;
  std::wstring name = win::Wide(program);
  wchar_t found[MAX_PATH * 2];
  DWORD n = ::SearchPathW(nullptr, name.c_str(), L".exe", MAX_PATH * 2, found, nullptr);
  if (n == 0 || n >= MAX_PATH * 2) return program;
  return win::Utf8(std::wstring_view(found, n));
}

constexpr wchar_t kTaskCacheTasks[] = L"SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Schedule\\TaskCache\\Tasks";

// The Schedule service's record of each task's runs (task_run_info.h), by lower-case task path.
// A system without the TaskCache key (Wine) has none; one that refuses it is a warning.
std::map<std::string, TaskRunInfo> TaskRunRecords(std::optional<std::string>* problem) {
  std::map<std::string, TaskRunInfo> out;
  HKEY tasks = nullptr;
  LSTATUS rc = ::RegOpenKeyExW(HKEY_LOCAL_MACHINE, kTaskCacheTasks, 0, KEY_READ, &tasks);
  if (rc != ERROR_SUCCESS) {
    if (rc != ERROR_FILE_NOT_FOUND) *problem = ErrorText(static_cast<DWORD>(rc));
    return out;
  }
  wchar_t id[256];
  for (DWORD i = 0;; ++i) {
    DWORD length = 256;
    if (::RegEnumKeyExW(tasks, i, id, &length, nullptr, nullptr, nullptr, nullptr) != ERROR_SUCCESS) break;
    wchar_t path[1024];
    DWORD path_bytes = sizeof(path);
    unsigned char info[64];
    DWORD info_bytes = sizeof(info);
    if (::RegGetValueW(tasks, id, L"Path", RRF_RT_REG_SZ, nullptr, path, &path_bytes) != ERROR_SUCCESS ||
        ::RegGetValueW(tasks, id, L"DynamicInfo", RRF_RT_REG_BINARY, nullptr, info, &info_bytes) != ERROR_SUCCESS) {
      continue;  // a key being written or removed by the service right now
    }
    std::optional<TaskRunInfo> run =
        ParseTaskDynamicInfo(std::string_view(reinterpret_cast<const char*>(info), info_bytes));
    if (run) out[AsciiLowered(win::Utf8(std::wstring_view(path, wcsnlen(path, path_bytes / sizeof(wchar_t)))))] = *run;
  }
  ::RegCloseKey(tasks);
  return out;
}

// The programs of a task's Exec actions, hashed together on the first hash term asked.
class TaskDigests {
 public:
  TaskDigests(std::vector<std::string> programs, hash::DigestMask mask) : programs_(std::move(programs)), mask_(mask) {}

  compile::FieldValue Field(std::string hash::Digests::*digest) {
    if (!digests_) {
      digests_.emplace();
      for (const std::string& p : programs_) {
        if (std::optional<hash::Digests> d = win::DigestFile(p, mask_, /*follow_links=*/true)) digests_->push_back(*d);
      }
    }
    compile::FieldValue out;
    for (const hash::Digests& d : *digests_) {
      if (!(d.*digest).empty()) out.push_back(RecordItem::Text(d.*digest));
    }
    return out;
  }

 private:
  std::vector<std::string> programs_;
  hash::DigestMask mask_;
  std::optional<std::vector<hash::Digests>> digests_;
};

class ScheduledTaskCollector final : public Collector {
 public:
  bool live_only() const override { return false; }
  CollectorStats Collect(const CollectorEnv& env, const ItemVisitor& visit) override;

 private:
  void Folder(const std::string& dir, const std::string& relative, int depth);
  void TaskFile(const std::string& path, const std::string& relative);
  void JobFolder(const std::string& dir);
  void JobFile(const std::string& path, const std::string& name);
  void Emit(const ScheduledTask& task, const std::string& task_path, const std::string& path);
  std::string ProgramOnDisk(const std::string& command) const;
  void Problem(const std::string& source, std::string message) {
    stats_.warnings.push_back({source, "TaskItem: " + std::move(message)});
    ++stats_.errors;
  }

  const CollectorEnv* env_ = nullptr;
  const ItemVisitor* visit_ = nullptr;
  hash::DigestMask digests_ = 0;
  std::map<std::string, TaskRunInfo> runs_;
  CollectorStats stats_;
};

// Live: expanded, then searched. Offline root: "C:\x" read as "<root>\x" (the root's own
// environment is not known, so %variables% stay unresolved and their programs unhashed).
std::string ScheduledTaskCollector::ProgramOnDisk(const std::string& command) const {
  if (env_->root.empty()) return Searched(Expanded(command));
  if (command.size() > 2 && command[1] == ':' && (command[2] == '\\' || command[2] == '/')) {
    return env_->root + command.substr(2);
  }
  return "";
}

void ScheduledTaskCollector::TaskFile(const std::string& path, const std::string& relative) {
  std::string why;
  std::optional<std::string> bytes = ReadSmallFile(path, kMaxTaskXmlBytes, false, &why);
  if (!bytes) return Problem(path, "task file " + why);
  Result<ScheduledTask> task = ParseTaskXml(*bytes);
  if (!task.ok()) return Problem(path, "task file skipped: " + task.error().message);
  std::string task_path = TaskPathOf(relative);
  if (auto run = runs_.find(AsciiLowered(task_path)); run != runs_.end()) task->run = run->second;
  Emit(task.value(), task_path, path);
}

// A legacy .job file: its own last run and exit code; its name is the task's, in the root folder.
void ScheduledTaskCollector::JobFile(const std::string& path, const std::string& name) {
  std::string why;
  std::optional<std::string> bytes = ReadSmallFile(path, kMaxJobFileBytes, false, &why);
  if (!bytes) return Problem(path, "task file " + why);
  Result<ScheduledTask> task = ParseJobFile(*bytes);
  if (!task.ok()) return Problem(path, "task file skipped: " + task.error().message);
  Emit(task.value(), "\\" + name.substr(0, name.size() - 4), path);
}

void ScheduledTaskCollector::Emit(const ScheduledTask& task, const std::string& task_path, const std::string& path) {
  std::vector<std::string> expanded;
  std::vector<std::string> on_disk;
  for (const TaskAction& a : task.actions) {
    expanded.push_back(env_->root.empty() && !a.command.empty() ? Expanded(a.command) : "");
    if (!a.command.empty()) on_disk.push_back(ProgramOnDisk(a.command));
  }
  RecordItem item;
  AddTaskFields(task, task_path, path, expanded, item);
  if (!on_disk.empty()) {
    auto d = std::make_shared<TaskDigests>(std::move(on_disk), digests_ ? digests_ : hash::kAllDigests);
    item.Lazy("TaskItem/md5sum", [d] { return d->Field(&hash::Digests::md5); })
        .Lazy("TaskItem/sha1sum", [d] { return d->Field(&hash::Digests::sha1); })
        .Lazy("TaskItem/sha256sum", [d] { return d->Field(&hash::Digests::sha256); })
        .Lazy("TaskItem/ActionList/Action/ExecProgramMd5sum", [d] { return d->Field(&hash::Digests::md5); })
        .Lazy("TaskItem/ActionList/Action/ExecProgramSha1sum", [d] { return d->Field(&hash::Digests::sha1); })
        .Lazy("TaskItem/ActionList/Action/ExecProgramSha256sum", [d] { return d->Field(&hash::Digests::sha256); });
  }
  ++stats_.items;
  (*visit_)(item);
}

// The entries of `dir` (name, is a folder), reparse points left out: they are never followed out
// of the task folders. nullopt with `error` set when it cannot be listed.
std::optional<std::vector<std::pair<std::string, bool>>> ListFolder(const std::string& dir, DWORD* error) {
  WIN32_FIND_DATAW entry;
  HANDLE h = ::FindFirstFileExW(win::ExtendedPath(dir + "\\*").c_str(), FindExInfoBasic, &entry,
                                FindExSearchNameMatch, nullptr, 0);
  if (h == INVALID_HANDLE_VALUE) {
    *error = ::GetLastError();
    return std::nullopt;
  }
  std::vector<std::pair<std::string, bool>> children;  // listed first: no handle stays open while recursing
  do {
    std::wstring_view name = entry.cFileName;
    if (name == L"." || name == L"..") continue;
    if (entry.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) continue;
    children.emplace_back(win::Utf8(name), (entry.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0);
  } while (::FindNextFileW(h, &entry));
  ::FindClose(h);
  return children;
}

void ScheduledTaskCollector::Folder(const std::string& dir, const std::string& relative, int depth) {
  if (depth > kMaxTaskDepth) return Problem(dir, "task folder nested too deep: not read");
  DWORD error = 0;
  std::optional<std::vector<std::pair<std::string, bool>>> children = ListFolder(dir, &error);
  if (!children) {
    if (error != ERROR_FILE_NOT_FOUND) Problem(dir, "task folder cannot be listed (" + ErrorText(error) + ")");
    return;
  }
  for (const auto& [name, is_dir] : *children) {
    if (env_->Stopped()) return;
    std::string path = dir + "\\" + name;
    std::string rel = relative.empty() ? name : relative + "\\" + name;
    if (is_dir) {
      Folder(path, rel, depth + 1);
    } else {
      TaskFile(path, rel);
    }
  }
}

// %SystemRoot%\Tasks: the .job files only (desktop.ini and SA.DAT live there too).
void ScheduledTaskCollector::JobFolder(const std::string& dir) {
  DWORD error = 0;
  std::optional<std::vector<std::pair<std::string, bool>>> children = ListFolder(dir, &error);
  if (!children) {
    if (error != ERROR_FILE_NOT_FOUND && error != ERROR_PATH_NOT_FOUND) {
      Problem(dir, "legacy task folder cannot be listed (" + ErrorText(error) + ")");
    }
    return;
  }
  for (const auto& [name, is_dir] : *children) {
    if (env_->Stopped()) return;
    bool job = name.size() > 4 && _stricmp(name.c_str() + name.size() - 4, ".job") == 0;
    if (!is_dir && job) JobFile(dir + "\\" + name, name);
  }
}

// The digests the IOCs ask of the programs (md5sum and ExecProgramMd5sum are the same digest).
hash::DigestMask NeededDigests(const CollectorEnv& env) {
  hash::DigestMask m = 0;
  if (env.Needs("TaskItem/md5sum") || env.Needs("TaskItem/ActionList/Action/ExecProgramMd5sum")) m |= hash::kMd5;
  if (env.Needs("TaskItem/sha1sum") || env.Needs("TaskItem/ActionList/Action/ExecProgramSha1sum")) m |= hash::kSha1;
  if (env.Needs("TaskItem/sha256sum") || env.Needs("TaskItem/ActionList/Action/ExecProgramSha256sum")) {
    m |= hash::kSha256;
  }
  return m;
}

std::string TasksFolder(const std::string& root) {
  if (!root.empty()) return root + "\\Windows\\System32\\Tasks";
  wchar_t system[MAX_PATH];
  UINT n = ::GetSystemDirectoryW(system, MAX_PATH);
  if (n == 0 || n >= MAX_PATH) return "C:\\Windows\\System32\\Tasks";
  return win::Utf8(std::wstring_view(system, n)) + "\\Tasks";
}

std::string LegacyTasksFolder(const std::string& root) {
  if (!root.empty()) return root + "\\Windows\\Tasks";
  wchar_t windows[MAX_PATH];
  UINT n = ::GetWindowsDirectoryW(windows, MAX_PATH);
  if (n == 0 || n >= MAX_PATH) return "C:\\Windows\\Tasks";
  return win::Utf8(std::wstring_view(windows, n)) + "\\Tasks";
}

CollectorStats ScheduledTaskCollector::Collect(const CollectorEnv& env, const ItemVisitor& visit) {
  stats_ = {};
  env_ = &env;
  visit_ = &visit;
  digests_ = NeededDigests(env);
  runs_.clear();
  if (env.root.empty()) {  // an offline image's records are in its SOFTWARE hive, not read here
    std::optional<std::string> problem;
    runs_ = TaskRunRecords(&problem);
    if (problem) {
      Problem("HKEY_LOCAL_MACHINE\\" + win::Utf8(kTaskCacheTasks),
              "run records cannot be read (" + *problem + "): no MostRecentRunTime or ExitCode");
    }
  }
  std::string folder = TasksFolder(env.root);
  DWORD attributes = ::GetFileAttributesW(win::ExtendedPath(folder).c_str());
  if (attributes == INVALID_FILE_ATTRIBUTES || !(attributes & FILE_ATTRIBUTE_DIRECTORY)) {
    Problem(folder, "no task folder: no scheduled task read");
  } else {
    Folder(folder, "", 0);
  }
  JobFolder(LegacyTasksFolder(env.root));
  return stats_;
}

}  // namespace

std::unique_ptr<Collector> MakeScheduledTaskCollector() { return std::make_unique<ScheduledTaskCollector>(); }

}  // namespace iocscan::collect
