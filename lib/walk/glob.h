// Path globs for --exclude, compiled once and matched against every path the walker lists.
//
// Syntax (bytes; no escapes needed for paths, but `\x` matches x literally):
//   *        any run of bytes within one path component (never '/')
//   **       any run of bytes across components; `**/` also matches zero components, so
//            "/a/**/b" matches "/a/b" and "/a/x/y/b"
//   ?        one byte other than '/'
//   [abc] [a-z] [!a-z] [^a-z]   one byte (not '/') in / not in the set
// Where it applies:
//   a pattern with a '/' is matched against the FULL path ("/home/*/.cache", "**/node_modules");
//   a pattern without one is matched against the last component only ("*.iso", ".git"), like
//   find -name and gitignore.
// A trailing '/' in the pattern is ignored. A malformed class ("[abc") matches '[' literally.
//
// Matching simulates the pattern's automaton over the path (a set of pattern positions), so the
// cost is O(path length x pattern length) with no backtracking blow-up on many stars.
#pragma once

#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iocscan::walk {

class Glob {
 public:
  explicit Glob(std::string_view pattern);

  // Matches a full path (its last component is used when the pattern has no '/').
  bool Matches(std::string_view path) const;
  const std::string& pattern() const { return pattern_; }

 private:
  // "**/" compiles to kDoubleStarSlash (entry: may skip the group), kDoubleStar, kByte '/'.
  enum class Kind : std::uint8_t { kByte, kAnyByte, kStar, kDoubleStar, kDoubleStarSlash, kSet };
  struct Token {
    Kind kind;
    unsigned char byte = 0;     // kByte
    bool negate = false;        // kSet
    std::uint16_t set = 0;      // kSet: index into sets_
  };

  void Compile(std::string_view p);
  std::size_t ParseSet(std::string_view p, std::size_t i);  // returns the index after ']' or 0
  bool TokenAccepts(const Token& t, unsigned char c) const;
  void Close(char* states) const;  // epsilon closure over star tokens

  std::string pattern_;
  bool basename_only_ = false;
  std::vector<Token> tokens_;
  std::vector<std::bitset<256>> sets_;
};

// Several globs: an entry is excluded when any matches.
class GlobSet {
 public:
  GlobSet() = default;
  explicit GlobSet(const std::vector<std::string>& patterns);
  bool empty() const { return globs_.empty(); }
  bool Matches(std::string_view path) const;

 private:
  std::vector<Glob> globs_;
};

}  // namespace iocscan::walk
