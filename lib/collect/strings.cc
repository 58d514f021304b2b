#include "collect/strings.h"

namespace iocscan::collect {
namespace {

bool Printable(unsigned char c) { return (c >= 0x20 && c <= 0x7E) || c == '\t'; }

}  // namespace

StringExtractor::StringExtractor(StringsOptions options) : options_(options) {
  if (options_.min_length == 0) options_.min_length = 1;
}

void StringExtractor::Emit(std::string& run, std::size_t run_length) {
  if (run_length >= options_.min_length && !capped_) {
    if (found_.size() >= options_.max_count ||
        total_bytes_ + run.size() > options_.max_total_bytes) {
      capped_ = true;
    } else if (found_.insert(run).second) {
      total_bytes_ += run.size();
    }
  }
  run.clear();
}

void StringExtractor::FeedAscii(unsigned char c) {
  if (Printable(c)) {
    if (ascii_.size() < options_.max_string_bytes) ascii_.push_back(static_cast<char>(c));
    ++ascii_len_;
  } else {
    Emit(ascii_, ascii_len_);
    ascii_len_ = 0;
  }
}

void StringExtractor::FeedUnit(int parity, unsigned char low, unsigned char high) {
  std::string& run = wide_[parity];
  if (high == 0 && Printable(low)) {
    if (run.size() < options_.max_string_bytes) run.push_back(static_cast<char>(low));
    ++wide_len_[parity];
  } else {
    Emit(run, wide_len_[parity]);
    wide_len_[parity] = 0;
  }
}

void StringExtractor::Feed(std::string_view chunk) {
  for (char ch : chunk) {
    unsigned char c = static_cast<unsigned char>(ch);
    FeedAscii(c);
    // The unit made of the previous byte and this one starts at offset_ - 1.
    if (have_prev_) FeedUnit(static_cast<int>((offset_ - 1) & 1), prev_, c);
    prev_ = c;
    have_prev_ = true;
    ++offset_;
  }
}

std::vector<std::string> StringExtractor::Finish() {
  Emit(ascii_, ascii_len_);
  ascii_len_ = 0;
  for (int p = 0; p < 2; ++p) {
    Emit(wide_[p], wide_len_[p]);
    wide_len_[p] = 0;
  }
  std::vector<std::string> out;
  out.reserve(found_.size());
  for (auto it = found_.begin(); it != found_.end();) {
    out.push_back(std::move(found_.extract(it++).value()));
  }
  found_.clear();
  total_bytes_ = 0;
  return out;
}

std::vector<std::string> ExtractStrings(std::string_view content, StringsOptions options) {
  StringExtractor x(options);
  x.Feed(content);
  return x.Finish();
}

}  // namespace iocscan::collect
