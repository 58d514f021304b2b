// Where the browsers iocscan reads keep their history under a home folder (POSIX) or a user
// profile folder (Windows), and the small pure conversions of their databases (times, host
// names). Tested on literal values.
//
//   for (const BrowserLayout& b : BrowserLayouts()) ... home + "/" + b.dir ...
//   for (const BrowserLayout& b : WindowsBrowserLayouts()) ... profile + "\\" + b.dir ...
//   ChromeTimeToEpoch(13408300800000000) -> 1764000000  (microseconds since 1601-01-01)
//   FirefoxTimeToEpoch(1764000000000000) -> 1764000000  (microseconds since 1970-01-01)
//   HostOfUrl("https://user@Example.com:8443/x") -> "Example.com"
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace iocscan::collect {

enum class BrowserKind { kFirefox, kChromium };

struct BrowserLayout {
  std::string_view name;      // UrlHistoryItem/BrowserName
  BrowserKind kind;
  std::string_view dir;       // relative to the home or profile folder: one folder per profile
  std::string_view database;  // file name inside a profile folder
  bool single_profile;        // the history is in `dir` itself (Opera)
};

std::span<const BrowserLayout> BrowserLayouts();         // under a POSIX home, '/' separators
std::span<const BrowserLayout> WindowsBrowserLayouts();  // under C:\Users\<name>, '\' separators

std::int64_t ChromeTimeToEpoch(std::int64_t micros_since_1601);
std::int64_t EpochToChromeTime(std::int64_t epoch_seconds);    // the first microsecond of that second
std::int64_t FirefoxTimeToEpoch(std::int64_t micros_since_1970);

// The host of a URL (no scheme, user, port or path); "" when the URL has no authority.
std::string HostOfUrl(std::string_view url);

}  // namespace iocscan::collect
