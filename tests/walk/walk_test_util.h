// Helpers for walker tests: a recording visitor, tree builders and `find` as the reference.
#pragma once

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "walk/walker.h"

namespace iocscan::walk::testing {

struct Seen {
  std::string path;
  iocscan::platform::FileType type = iocscan::platform::FileType::kUnknown;
  bool followed = false;
  bool stat_ok = false;
  std::uint32_t mode = 0;
  int depth = 0;
};

// Gathers what every worker's visitor saw (merged when Walk destroys the visitors).
class Recorder {
 public:
  VisitorFactory Factory() {
    return [this](int) { return std::make_unique<RecordingVisitor>(this); };
  }
  std::set<std::string> Paths() const {
    std::set<std::string> out;
    for (const Seen& s : seen) out.insert(s.path);
    return out;
  }
  const Seen* Find(const std::string& path) const {
    for (const Seen& s : seen) {
      if (s.path == path) return &s;
    }
    return nullptr;
  }
  std::vector<Seen> seen;
  bool stat_all = true;

 private:
  class RecordingVisitor : public Visitor {
   public:
    explicit RecordingVisitor(Recorder* r) : r_(r) {}
    ~RecordingVisitor() override {
      std::lock_guard<std::mutex> lock(r_->mu_);
      r_->seen.insert(r_->seen.end(), local_.begin(), local_.end());
    }
    void OnFile(const Entry& e) override {
      Seen s{std::string(e.path), e.type, e.followed, false, 0, e.depth};
      if (r_->stat_all) {
        const iocscan::platform::FileStat* st = e.Stat();
        s.stat_ok = st != nullptr;
        if (st != nullptr) s.mode = st->mode;
      }
      local_.push_back(std::move(s));
    }

   private:
    Recorder* r_;
    std::vector<Seen> local_;
  };
  std::mutex mu_;
};

// `find ROOT -mindepth 1 <predicate> -print0`, as a set of byte paths: the reference counts.
inline std::set<std::string> Find(const std::string& root, const std::string& predicate) {
  std::string cmd = "find '" + root + "' -mindepth 1 " + predicate + " -print0";
  FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string all;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) all.append(buf, n);
  REQUIRE(::pclose(p) == 0);
  std::set<std::string> out;
  std::size_t pos = 0;
  while (pos < all.size()) {
    std::size_t end = all.find('\0', pos);
    out.insert(all.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

inline void MakeFile(int dir_fd, const std::string& name) {
  int fd = ::openat(dir_fd, name.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
  REQUIRE(fd >= 0);
  ::close(fd);
}

inline int MakeDir(int dir_fd, const std::string& name) {
  REQUIRE(::mkdirat(dir_fd, name.c_str(), 0755) == 0);
  int fd = ::openat(dir_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  return fd;
}

// A tree of `fanout`-wide folders `levels` deep with `files_per_dir` files in each folder.
inline void MakeTree(int dir_fd, int levels, int fanout, int files_per_dir) {
  for (int f = 0; f < files_per_dir; ++f) MakeFile(dir_fd, "f" + std::to_string(f) + ".txt");
  if (levels == 0) return;
  for (int d = 0; d < fanout; ++d) {
    int sub = MakeDir(dir_fd, "d" + std::to_string(d));
    MakeTree(sub, levels - 1, fanout, files_per_dir);
    ::close(sub);
  }
}

}  // namespace iocscan::walk::testing
