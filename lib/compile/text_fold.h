// Case folding for case-insensitive comparisons: ASCII always, plus the simple lower-case mappings of
// Latin-1, Greek and Cyrillic capitals for UTF-8 text. Every mapping here is a pair RE2 also folds,
// so RE2's case-insensitive prefilter (index.h) never rejects what these comparisons accept.
#pragma once

#include <string>
#include <string_view>

namespace iocscan::compile {

// Appends the folded form of `text` to *out (cleared first). `unicode` false = ASCII only (raw bytes).
// Bytes that are not valid UTF-8 are copied unchanged.
void FoldCase(std::string_view text, bool unicode, std::string* out);

inline std::string Folded(std::string_view text, bool unicode) {
  std::string out;
  FoldCase(text, unicode, &out);
  return out;
}

}  // namespace iocscan::compile
