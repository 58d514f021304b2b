#include "platform/linux/log_files.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>

namespace iocscan::platform {
namespace {

constexpr std::size_t kChunk = 64 * 1024;

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Sort key of a rotation of `base`: larger = older. nullopt: not a rotation of base.
// base -> 0; base.N[.gz] -> N; base-YYYYMMDD[.gz] -> 10^9 - date (newer dates are younger).
std::optional<std::int64_t> RotationAge(std::string_view name, std::string_view base) {
  if (!name.starts_with(base)) return std::nullopt;
  std::string_view rest = name.substr(base.size());
  if (rest.empty()) return 0;
  if (rest.ends_with(".gz")) rest.remove_suffix(3);
  if (rest.size() > 1 && rest[0] == '.' && AllDigits(rest.substr(1)) && rest.size() < 8) {
    return std::stoll(std::string(rest.substr(1)));
  }
  if (rest.size() == 9 && rest[0] == '-' && AllDigits(rest.substr(1))) {
    return 1000000000 - std::stoll(std::string(rest.substr(1)));
  }
  return std::nullopt;
}

// Splits a stream of text into lines.
class LineSplitter {
 public:
  explicit LineSplitter(const std::function<bool(std::string_view)>& on_line) : on_line_(on_line) {}
  // false: the consumer asked to stop.
  bool Feed(std::string_view data) {
    while (!data.empty()) {
      std::size_t nl = data.find('\n');
      if (nl == std::string_view::npos) {
        pending_.append(data);
        return true;
      }
      bool go_on;
      if (pending_.empty()) {
        go_on = on_line_(data.substr(0, nl));
      } else {
        pending_.append(data.substr(0, nl));
        go_on = on_line_(pending_);
        pending_.clear();
      }
      if (!go_on) return false;
      data.remove_prefix(nl + 1);
    }
    return true;
  }
  void Finish() {
    if (!pending_.empty()) on_line_(pending_);
    pending_.clear();
  }

 private:
  const std::function<bool(std::string_view)>& on_line_;
  std::string pending_;
};

Error ReadError(const RootFs& fs, const LogFile& file, std::string_view what) {
  return Error{fs.HostPath(file.path), std::string(what)};
}

}  // namespace

Result<std::vector<LogFile>> FindLogFiles(const RootFs& fs, std::string_view dir, std::string_view base) {
  Result<std::vector<RootFs::Entry>> entries = fs.List(dir);
  if (!entries.ok()) return entries.error();
  std::vector<std::pair<std::int64_t, LogFile>> found;
  for (const RootFs::Entry& e : entries.value()) {
    if (e.type == RootFs::Type::kDir || e.type == RootFs::Type::kOther) continue;
    std::optional<std::int64_t> age = RotationAge(e.name, base);
    if (!age) continue;
    found.push_back({*age, LogFile{std::string(dir) + "/" + e.name, e.name.ends_with(".gz")}});
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<LogFile> out;
  for (auto& f : found) out.push_back(std::move(f.second));
  return out;
}

Result<LogReadStats> ReadLogLines(const RootFs& fs, const LogFile& file, std::uint64_t max_bytes,
                                  const std::function<void(std::int64_t)>& on_open,
                                  const std::function<bool(std::string_view)>& on_line) {
  OpenResult opened = fs.OpenFile(file.path);
  if (!opened.ok()) {
    return ReadError(fs, file, std::string("cannot be opened: ") + std::strerror(opened.error ? opened.error : EIO));
  }
  LogReadStats stats;
  stats.mtime = opened.file.stat().mtime;
  on_open(stats.mtime);
  LineSplitter lines(on_line);
  std::vector<unsigned char> in(kChunk);
  std::vector<unsigned char> out(4 * kChunk);
  z_stream z{};
  if (file.gzip && inflateInit2(&z, 15 + 32) != Z_OK) return ReadError(fs, file, "zlib cannot start");
  struct ZEnd {
    z_stream* z;
    bool on;
    ~ZEnd() { if (on) inflateEnd(z); }
  } z_end{&z, file.gzip};
  // Hands `data` out, up to max_bytes; false: stop (limit reached or the consumer said so).
  auto emit = [&](const unsigned char* data, std::size_t n) {
    std::size_t room = static_cast<std::size_t>(std::min<std::uint64_t>(n, max_bytes - stats.bytes));
    stats.bytes += room;
    if (!lines.Feed({reinterpret_cast<const char*>(data), room})) return false;
    if (room < n) stats.truncated = true;
    return room == n;
  };
  while (true) {
    std::int64_t n = opened.file.Read(in.data(), in.size());
    if (n < 0) return ReadError(fs, file, std::string("read failed: ") + std::strerror(opened.file.error()));
    if (n == 0) break;
    if (!file.gzip) {
      if (!emit(in.data(), static_cast<std::size_t>(n))) return stats;
      continue;
    }
    z.next_in = in.data();
    z.avail_in = static_cast<uInt>(n);
    while (z.avail_in > 0) {
      z.next_out = out.data();
      z.avail_out = static_cast<uInt>(out.size());
      int rc = inflate(&z, Z_NO_FLUSH);
      if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
        lines.Finish();
        return ReadError(fs, file, "corrupt gzip data");
      }
      if (!emit(out.data(), out.size() - z.avail_out)) return stats;
      if (rc == Z_STREAM_END) inflateReset(&z);  // concatenated gzip members
      else if (rc == Z_BUF_ERROR && z.avail_out > 0) break;
    }
  }
  lines.Finish();
  return stats;
}

}  // namespace iocscan::platform
