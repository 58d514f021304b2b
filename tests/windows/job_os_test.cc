// The Windows side of platform/job_os.h on the real OS (Wine in CI): RunProgram's argument quoting
// round-trips through a real child's command line, stdin and stdout pipes, exit codes; the boot
// time and the executable's own path.
#include "platform/job_os.h"

#include <windows.h>

#include <catch2/catch.hpp>

#include <ctime>
#include <filesystem>
#include <string>

#include "core/native_path.h"

namespace iocscan::platform {
namespace {

std::string System32(const char* program) {
  wchar_t dir[MAX_PATH];
  UINT n = ::GetSystemDirectoryW(dir, MAX_PATH);
  return Utf8FromPath(std::filesystem::path(std::wstring(dir, n)) / program);
}

TEST_CASE("windows RunProgram: quoting survives the child's command line, pipes, exit codes", "[windows][job]") {
  // cmd /c echo prints its raw command line tail: a quoted argument arrives quoted, intact.
  Result<ProgramRun> echo = RunProgram({System32("cmd.exe"), "/c", "echo", "a b&c"}, std::nullopt, true);
  REQUIRE(echo.ok());
  CHECK(echo->out == "\"a b&c\"\r\n");  // & inside quotes is text, not a second command
  CHECK(echo->exit_code == 0);

  Result<ProgramRun> exit3 = RunProgram({System32("cmd.exe"), "/c", "exit 3"}, std::nullopt, false);
  REQUIRE(exit3.ok());
  CHECK(exit3->exit_code == 3);

  // stdin reaches the child: `find` prints the input lines that contain "one".
  Result<ProgramRun> piped = RunProgram({System32("find.exe"), "one"}, std::string("line one\r\nline two\r\n"), true);
  REQUIRE(piped.ok());
  CHECK(piped->out.find("line one") != std::string::npos);
  CHECK(piped->out.find("line two") == std::string::npos);

  CHECK_FALSE(RunProgram({"C:\\no\\such\\program.exe"}, std::nullopt, false).ok());
}

TEST_CASE("windows job facts: boot time in the past, the executable's own path", "[windows][job]") {
  std::optional<std::int64_t> boot = BootTime();
  REQUIRE(boot);
  CHECK(*boot <= std::time(nullptr));
  std::string self = ExecutablePath();
  CHECK(self.find("test_windows.exe") != std::string::npos);
  CHECK(std::filesystem::exists(PathFromUtf8(self)));
}

}  // namespace
}  // namespace iocscan::platform
