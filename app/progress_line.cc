#include "progress_line.h"

#include <fmt/format.h>

#include <string>

#include "platform/terminal.h"
#include "report/escape.h"

namespace iocscan::app {
namespace {

std::string HumanBytes(double bytes) {
  static const char* kUnits[] = {"B", "KB", "MB", "GB", "TB"};
  int unit = 0;
  while (bytes >= 1000 && unit < 4) {
    bytes /= 1000;
    ++unit;
  }
  return unit == 0 ? fmt::format("{:.0f} B", bytes) : fmt::format("{:.1f} {}", bytes, kUnits[unit]);
}

// Keeps the end of a path (the part that changes) when it is too long.
std::string CutFront(const std::string& text, std::size_t width) {
  if (text.size() <= width) return text;
  if (width <= 3) return std::string(width, '.');
  std::size_t from = text.size() - (width - 3);
  while (from < text.size() && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) ++from;  // not mid-UTF-8
  return "..." + text.substr(from);
}

}  // namespace

void ProgressLine::Show(const scan::Progress& p) {
  double rate = p.elapsed_seconds > 0 ? static_cast<double>(p.bytes) / p.elapsed_seconds : 0;
  std::string head = fmt::format("{} files  {}  {}/s  ", p.files, HumanBytes(static_cast<double>(p.bytes)),
                                 HumanBytes(rate));
  int width = platform::TerminalColumns(out_) - 1;
  std::size_t room = head.size() < static_cast<std::size_t>(width) ? width - head.size() : 0;
  std::string line = head + CutFront(report::TerminalSafe(p.current_dir), room);
  std::fprintf(out_, "\r\033[K%s", line.c_str());
  std::fflush(out_);
  shown_ = true;
}

void ProgressLine::Clear() {
  if (!shown_) return;
  std::fputs("\r\033[K", out_);
  std::fflush(out_);
  shown_ = false;
}

}  // namespace iocscan::app
