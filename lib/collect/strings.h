// Printable strings in a file's content, for FileItem/StringList/string: runs of printable ASCII
// (0x20..0x7E and tab) and of UTF-16LE code units whose high byte is 0 and low byte printable,
// of at least `min_length` characters, like `strings -n 4` and `strings -el` in one pass.
//
// Streaming: the content is fed in chunks of any size (a run may cross chunk boundaries), so a
// 500 MiB file needs no more memory than the caps. Values are raw bytes (never assumed UTF-8);
// UTF-16LE runs are given as their low bytes. Duplicates are kept once.
//
//   StringExtractor x(StringsOptions{});
//   x.Feed(chunk1); x.Feed(chunk2);
//   std::vector<std::string> found = x.Finish();
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace iocscan::collect {

// Caps keep a huge or hostile file (megabytes of "AAAA…") from costing unbounded memory; the
// values are large enough for real indicator strings (paths, URLs, mutex names, user agents).
struct StringsOptions {
  std::size_t min_length = 4;
  std::size_t max_string_bytes = 4096;   // a longer run is cut to this many bytes
  std::size_t max_count = 200000;        // distinct strings kept
  std::size_t max_total_bytes = 32u << 20;
};

class StringExtractor {
 public:
  explicit StringExtractor(StringsOptions options = {});

  void Feed(std::string_view chunk);
  // Ends the last runs and returns the strings found (ASCII and UTF-16LE, no order promised).
  std::vector<std::string> Finish();
  // True when a cap dropped strings.
  bool capped() const { return capped_; }

 private:
  void Emit(std::string& run, std::size_t run_length);
  void FeedAscii(unsigned char c);
  void FeedUnit(int parity, unsigned char low, unsigned char high);

  StringsOptions options_;
  std::string ascii_;
  std::size_t ascii_len_ = 0;
  std::string wide_[2];          // one run per byte parity: a UTF-16 string may start at any offset
  std::size_t wide_len_[2] = {0, 0};
  bool have_prev_ = false;
  unsigned char prev_ = 0;
  std::uint64_t offset_ = 0;     // absolute offset of the next byte fed
  std::unordered_set<std::string> found_;
  std::size_t total_bytes_ = 0;
  bool capped_ = false;
};

// One-shot convenience.
std::vector<std::string> ExtractStrings(std::string_view content, StringsOptions options = {});

}  // namespace iocscan::collect
