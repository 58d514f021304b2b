// The console facts and the Ctrl-C handling a command-line scan needs, per OS.
#pragma once

#include <atomic>
#include <cstdio>

namespace iocscan::platform {

// True when `stream` (stdout, stderr) is an interactive terminal or console.
bool IsTerminal(std::FILE* stream);

// The terminal's width in columns; 80 when unknown or narrower than 20.
int TerminalColumns(std::FILE* stream);

// Ctrl-C (and SIGTERM on POSIX, Ctrl-Break and console close on Windows) set `*flag` so the scan
// stops and still writes what it found; a second Ctrl-C kills the process. `flag` must outlive
// the process (a global).
void SetFlagOnInterrupt(std::atomic<bool>* flag);

}  // namespace iocscan::platform
