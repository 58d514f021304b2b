// A temporary folder for one test, removed (with everything in it) at the end of the test.
// Files are made with plain POSIX calls so tests control modes, FIFOs, sockets and sparse sizes.
// On Windows (tests run under Wine) the folder has no descriptor (fd() is -1) and modes are ignored.
#pragma once

#ifdef _WIN32
#include <process.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace iocscan::testing {

class ScratchDir {
 public:
#ifdef _WIN32
  using Mode = int;
#else
  using Mode = mode_t;
#endif

  ScratchDir() {
#ifdef _WIN32
    static int counter = 0;
    for (;;) {
      auto dir = std::filesystem::temp_directory_path() /
                 ("iocscan-test-" + std::to_string(::_getpid()) + "-" + std::to_string(counter++));
      if (std::filesystem::create_directory(dir)) {
        path_ = dir.string();
        break;
      }
    }
#else
    std::string tmpl = (std::filesystem::temp_directory_path() / "iocscan-test-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
    fd_ = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd_ < 0) throw std::runtime_error("open scratch dir failed");
#endif
  }
  ~ScratchDir() {
#ifndef _WIN32
    ::close(fd_);
#endif
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::string& path() const { return path_; }
  int fd() const { return fd_; }
  std::string Join(std::string_view name) const { return path_ + "/" + std::string(name); }

  // Writes `content` to `name` (created or truncated) with `mode`; returns the full path.
  std::string Write(std::string_view name, std::string_view content, Mode mode = 0644) const {
    std::string p = Join(name);
#ifdef _WIN32
    (void)mode;
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw std::runtime_error("write failed: " + p);
#else
    int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) throw std::runtime_error("create failed: " + p);
    std::size_t done = 0;
    while (done < content.size()) {
      ssize_t n = ::write(fd, content.data() + done, content.size() - done);
      if (n <= 0) throw std::runtime_error("write failed: " + p);
      done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    ::chmod(p.c_str(), mode);
#endif
    return p;
  }

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace iocscan::testing
