// Windows side of platform/job_os.h: the C runtime's zone rules, GetTickCount64 for the boot time,
// LockFileEx for the job lock, CreateProcessW (no shell) for actions.
#include "platform/job_os.h"

#include <windows.h>

#include <algorithm>
#include <ctime>
#include <string>

#include "platform/windows/win_text.h"

namespace iocscan::platform {
namespace {

std::string LastErrorText(const char* what) { return std::string(what) + " (error " + std::to_string(::GetLastError()) + ")"; }

// One argument quoted the way CommandLineToArgvW and the C runtime split it back: backslashes are
// literal except before a quote, where they are doubled, and the quote is escaped.
void AppendQuoted(std::wstring& line, const std::wstring& arg) {
  if (!arg.empty() && arg.find_first_of(L" \t\n\v\"") == std::wstring::npos) {
    line += arg;
    return;
  }
  line += L'"';
  std::size_t backslashes = 0;
  for (wchar_t c : arg) {
    if (c == L'\\') {
      ++backslashes;
      continue;
    }
    if (c == L'"') backslashes = backslashes * 2 + 1;
    line.append(backslashes, L'\\');
    backslashes = 0;
    line += c;
  }
  line.append(backslashes * 2, L'\\');
  line += L'"';
}

class OwnedHandle {
 public:
  OwnedHandle() = default;
  ~OwnedHandle() { Close(); }
  OwnedHandle(const OwnedHandle&) = delete;
  OwnedHandle& operator=(const OwnedHandle&) = delete;
  HANDLE* out() { return &h_; }
  HANDLE get() const { return h_; }
  void Close() {
    if (h_ != nullptr && h_ != INVALID_HANDLE_VALUE) ::CloseHandle(h_);
    h_ = nullptr;
  }

 private:
  HANDLE h_ = nullptr;
};

// A pipe whose `child_end` is inherited by the child and whose other end stays ours.
bool MakePipe(OwnedHandle& read_end, OwnedHandle& write_end, bool child_reads) {
  SECURITY_ATTRIBUTES inherit{sizeof(SECURITY_ATTRIBUTES), nullptr, TRUE};
  if (!::CreatePipe(read_end.out(), write_end.out(), &inherit, 0)) return false;
  HANDLE ours = child_reads ? write_end.get() : read_end.get();
  return ::SetHandleInformation(ours, HANDLE_FLAG_INHERIT, 0) != 0;
}

}  // namespace

std::int64_t LocalUtcOffset(std::int64_t utc) {
  __time64_t t = utc;
  std::tm local{};
  std::tm gm{};
  if (::_localtime64_s(&local, &t) != 0 || ::_gmtime64_s(&gm, &t) != 0) return 0;
  // The offset is local minus UTC read as the same kind of calendar time.
  gm.tm_isdst = local.tm_isdst;
  return static_cast<std::int64_t>(::_mktime64(&local) - ::_mktime64(&gm));
}

void ReloadLocalZone() { ::_tzset(); }

std::optional<std::int64_t> BootTime() {
  return static_cast<std::int64_t>(std::time(nullptr)) - static_cast<std::int64_t>(::GetTickCount64() / 1000);
}

std::string ExecutablePath() {
  std::wstring path(32768, L'\0');
  DWORD n = ::GetModuleFileNameW(nullptr, path.data(), static_cast<DWORD>(path.size()));
  if (n == 0 || n >= path.size()) return {};
  path.resize(n);
  return win::Utf8(path);
}

// The lock is a byte-range lock on the whole file (LockFileEx, exclusive, fail immediately): the
// system releases it when the handle closes, also when the holder is killed.
ExclusiveLock ExclusiveLock::TryAcquire(const std::string& path) {
  ExclusiveLock lock;
  HANDLE h = ::CreateFileW(win::ExtendedPath(path).c_str(), GENERIC_READ | GENERIC_WRITE,
                           FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr, OPEN_ALWAYS,
                           FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    lock.message_ = LastErrorText("cannot open the lock file");
    return lock;
  }
  OVERLAPPED whole{};
  if (!::LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, MAXDWORD, MAXDWORD, &whole)) {
    DWORD error = ::GetLastError();
    if (error == ERROR_LOCK_VIOLATION || error == ERROR_IO_PENDING) {
      lock.state_ = State::kBusy;
      lock.message_ = "held by another process";
    } else {
      lock.message_ = "cannot lock (error " + std::to_string(error) + ")";
    }
    ::CloseHandle(h);
    return lock;
  }
  lock.fd_ = 1;  // the handle lives in handle_ (fd_ only says "held" on this OS)
  lock.handle_ = h;
  lock.state_ = State::kHeld;
  return lock;
}

ExclusiveLock::ExclusiveLock(ExclusiveLock&& other) noexcept
    : fd_(other.fd_), handle_(other.handle_), state_(other.state_), message_(std::move(other.message_)) {
  other.fd_ = -1;
  other.handle_ = nullptr;
}

ExclusiveLock::~ExclusiveLock() {
  if (handle_ != nullptr) ::CloseHandle(static_cast<HANDLE>(handle_));  // releases the lock
}

Result<ProgramRun> RunProgram(const std::vector<std::string>& argv, const std::optional<std::string>& input,
                              bool capture_out) {
  if (argv.empty() || argv[0].empty()) return Error{"", "no program to run"};
  std::wstring line;
  for (const std::string& arg : argv) {
    if (!line.empty()) line += L' ';
    AppendQuoted(line, win::Wide(arg));
  }
  OwnedHandle in_read, in_write, out_read, out_write, nul;
  STARTUPINFOW si{};
  si.cb = sizeof si;
  si.dwFlags = STARTF_USESTDHANDLES;
  si.hStdOutput = ::GetStdHandle(STD_OUTPUT_HANDLE);
  si.hStdError = ::GetStdHandle(STD_ERROR_HANDLE);
  if (input) {
    if (!MakePipe(in_read, in_write, /*child_reads=*/true)) return Error{argv[0], LastErrorText("pipe")};
    si.hStdInput = in_read.get();
  } else {
    SECURITY_ATTRIBUTES inherit{sizeof(SECURITY_ATTRIBUTES), nullptr, TRUE};
    *nul.out() = ::CreateFileW(L"NUL", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit, OPEN_EXISTING, 0,
                               nullptr);
    si.hStdInput = nul.get();
  }
  if (capture_out) {
    if (!MakePipe(out_read, out_write, /*child_reads=*/false)) return Error{argv[0], LastErrorText("pipe")};
    si.hStdOutput = out_write.get();
  }
  PROCESS_INFORMATION pi{};
  // No application name: CreateProcessW searches the program like a command line does (the
  // folder of iocscan.exe, the current folder, System32, Windows, PATH), without a shell.
  if (!::CreateProcessW(nullptr, line.data(), nullptr, nullptr, TRUE, CREATE_NO_WINDOW, nullptr, nullptr, &si, &pi)) {
    return Error{argv[0], LastErrorText("cannot run")};
  }
  OwnedHandle process, thread;
  *process.out() = pi.hProcess;
  *thread.out() = pi.hThread;
  in_read.Close();
  out_write.Close();
  if (input) {
    DWORD written = 0;
    const std::string& data = *input;
    for (std::size_t done = 0; done < data.size(); done += written) {
      DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(data.size() - done, 1u << 20));
      if (!::WriteFile(in_write.get(), data.data() + done, chunk, &written, nullptr)) break;  // the child stopped reading
    }
    in_write.Close();
  }
  ProgramRun run;
  if (capture_out) {
    char buffer[65536];
    DWORD got = 0;
    while (::ReadFile(out_read.get(), buffer, sizeof buffer, &got, nullptr) && got > 0) run.out.append(buffer, got);
  }
  ::WaitForSingleObject(process.get(), INFINITE);
  DWORD code = 0;
  ::GetExitCodeProcess(process.get(), &code);
  run.exit_code = static_cast<int>(code);
  return run;
}

bool RunsPrivileged() {
  OwnedHandle token;
  if (!::OpenProcessToken(::GetCurrentProcess(), TOKEN_QUERY, token.out())) return false;
  TOKEN_ELEVATION elevation{};
  DWORD size = 0;
  return ::GetTokenInformation(token.get(), TokenElevation, &elevation, sizeof elevation, &size) &&
         elevation.TokenIsElevated != 0;
}

}  // namespace iocscan::platform
