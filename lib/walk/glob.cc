#include "walk/glob.h"

#include <algorithm>
#include <utility>

namespace iocscan::walk {

Glob::Glob(std::string_view pattern) : pattern_(pattern) {
  std::string_view p = pattern;
  while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
  basename_only_ = p.find('/') == std::string_view::npos;
  Compile(p);
}

void Glob::Compile(std::string_view p) {
  std::size_t i = 0;
  while (i < p.size()) {
    char c = p[i];
    if (c == '*') {
      std::size_t run = 0;
      while (i < p.size() && p[i] == '*') ++i, ++run;
      if (run == 1) {
        tokens_.push_back({Kind::kStar});
      } else if (i < p.size() && p[i] == '/') {
        ++i;  // "**/" = zero or more whole components: an entry that may skip "**" + "/"
        tokens_.push_back({Kind::kDoubleStarSlash});
        tokens_.push_back({Kind::kDoubleStar});
        tokens_.push_back({Kind::kByte, '/'});
      } else {
        tokens_.push_back({Kind::kDoubleStar});
      }
    } else if (c == '?') {
      tokens_.push_back({Kind::kAnyByte});
      ++i;
    } else if (std::size_t after = c == '[' ? ParseSet(p, i) : 0; after != 0) {
      i = after;
    } else if (c == '\\' && i + 1 < p.size()) {
      tokens_.push_back({Kind::kByte, static_cast<unsigned char>(p[i + 1])});
      i += 2;
    } else {
      tokens_.push_back({Kind::kByte, static_cast<unsigned char>(c)});
      ++i;
    }
  }
}

// Parses "[...]" at p[i]; on success appends a kSet token and returns the index after ']'.
// Returns 0 (nothing appended) when there is no closing bracket.
std::size_t Glob::ParseSet(std::string_view p, std::size_t i) {
  std::size_t j = i + 1;
  bool negate = false;
  if (j < p.size() && (p[j] == '!' || p[j] == '^')) negate = true, ++j;
  std::bitset<256> set;
  bool first = true;
  while (j < p.size() && (p[j] != ']' || first)) {
    auto lo = static_cast<unsigned char>(p[j]);
    if (j + 2 < p.size() && p[j + 1] == '-' && p[j + 2] != ']') {
      auto hi = static_cast<unsigned char>(p[j + 2]);
      for (unsigned v = lo; v <= hi; ++v) set.set(v);
      j += 3;
    } else {
      set.set(lo);
      ++j;
    }
    first = false;
  }
  if (j >= p.size()) return 0;
  Token t{Kind::kSet};
  t.negate = negate;
  t.set = static_cast<std::uint16_t>(sets_.size());
  sets_.push_back(set);
  tokens_.push_back(t);
  return j + 1;
}

bool Glob::TokenAccepts(const Token& t, unsigned char c) const {
  switch (t.kind) {
    case Kind::kByte:
      return c == t.byte;
    case Kind::kAnyByte:
      return c != '/';
    case Kind::kSet:
      return c != '/' && sets_[t.set].test(c) != t.negate;
    default:
      return false;
  }
}

void Glob::Close(char* states) const {
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    if (!states[i]) continue;
    Kind k = tokens_[i].kind;
    if (k == Kind::kStar || k == Kind::kDoubleStar || k == Kind::kDoubleStarSlash) {
      states[i + 1] = 1;
    }
    // The entry of "**/" may also skip its two followers; it consumes nothing itself, so the
    // skip is offered only before the first byte of the group, never in the middle of a name.
    if (k == Kind::kDoubleStarSlash) states[i + 3] = 1;
  }
}

bool Glob::Matches(std::string_view path) const {
  if (basename_only_) {
    std::size_t slash = path.rfind('/');
    if (slash != std::string_view::npos && slash + 1 < path.size()) path.remove_prefix(slash + 1);
  }
  const std::size_t n = tokens_.size();
  // Two state sets; on the stack for ordinary patterns (this runs for every listed entry).
  char small[2][64];
  std::vector<char> big;
  char* cur = small[0];
  char* next = small[1];
  if (n + 1 > sizeof small[0]) {
    big.resize(2 * (n + 1));
    cur = big.data();
    next = big.data() + n + 1;
  }
  std::fill(cur, cur + n + 1, 0);
  cur[0] = 1;
  Close(cur);
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    std::fill(next, next + n + 1, 0);
    bool any = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (!cur[i]) continue;
      const Token& t = tokens_[i];
      switch (t.kind) {
        case Kind::kStar:
          if (c != '/') next[i] = 1, any = true;
          break;
        case Kind::kDoubleStar:
          next[i] = 1, any = true;
          break;
        default:
          if (TokenAccepts(t, c)) next[i + 1] = 1, any = true;
      }
    }
    if (!any) return false;
    Close(next);
    std::swap(cur, next);
  }
  return cur[n] != 0;
}

GlobSet::GlobSet(const std::vector<std::string>& patterns) {
  globs_.reserve(patterns.size());
  for (const std::string& p : patterns) globs_.emplace_back(p);
}

bool GlobSet::Matches(std::string_view path) const {
  for (const Glob& g : globs_) {
    if (g.Matches(path)) return true;
  }
  return false;
}

}  // namespace iocscan::walk
