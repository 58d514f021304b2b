#include "platform/terminal.h"

#include <io.h>
#include <windows.h>

namespace iocscan::platform {
namespace {

std::atomic<bool>* g_flag = nullptr;

// Runs on a thread of its own. The first event sets the flag and is handled; a second one is
// left to the default handler, which ends the process.
BOOL WINAPI OnConsoleEvent(DWORD) {
  if (g_flag == nullptr || g_flag->exchange(true)) return FALSE;
  return TRUE;
}

HANDLE ConsoleOf(std::FILE* stream) { return reinterpret_cast<HANDLE>(::_get_osfhandle(::_fileno(stream))); }

}  // namespace

bool IsTerminal(std::FILE* stream) {
  DWORD mode = 0;
  return ::GetConsoleMode(ConsoleOf(stream), &mode) != 0;
}

int TerminalColumns(std::FILE* stream) {
  CONSOLE_SCREEN_BUFFER_INFO info{};
  if (!::GetConsoleScreenBufferInfo(ConsoleOf(stream), &info)) return 80;
  int columns = info.srWindow.Right - info.srWindow.Left + 1;
  return columns > 20 ? columns : 80;
}

void SetFlagOnInterrupt(std::atomic<bool>* flag) {
  g_flag = flag;
  ::SetConsoleCtrlHandler(OnConsoleEvent, TRUE);
}

}  // namespace iocscan::platform
