#include "platform/terminal.h"

#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace iocscan::platform {
namespace {

std::atomic<bool>* g_flag = nullptr;

extern "C" void OnInterrupt(int) {
  if (g_flag != nullptr) g_flag->store(true);
}

}  // namespace

bool IsTerminal(std::FILE* stream) { return ::isatty(fileno(stream)) == 1; }

int TerminalColumns(std::FILE* stream) {
  struct winsize ws {};
  if (::ioctl(fileno(stream), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20) return ws.ws_col;
  return 80;
}

void SetFlagOnInterrupt(std::atomic<bool>* flag) {
  g_flag = flag;
  struct sigaction sa {};
  sa.sa_handler = OnInterrupt;
  sa.sa_flags = SA_RESETHAND;  // the second one kills
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

}  // namespace iocscan::platform
