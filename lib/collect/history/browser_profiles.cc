#include "collect/history/browser_profiles.h"

namespace iocscan::collect {
namespace {

constexpr std::int64_t kSeconds1601To1970 = 11644473600;

// Floor division: times before the epoch (never in practice) still round down.
std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

constexpr BrowserLayout kLayouts[] = {
    {"Firefox", BrowserKind::kFirefox, ".mozilla/firefox", "places.sqlite", false},
    {"Firefox", BrowserKind::kFirefox, "snap/firefox/common/.mozilla/firefox", "places.sqlite", false},
    {"Chrome", BrowserKind::kChromium, ".config/google-chrome", "History", false},
    {"Chrome", BrowserKind::kChromium, ".config/google-chrome-beta", "History", false},
    {"Chromium", BrowserKind::kChromium, ".config/chromium", "History", false},
    {"Chromium", BrowserKind::kChromium, "snap/chromium/common/chromium", "History", false},
    {"Edge", BrowserKind::kChromium, ".config/microsoft-edge", "History", false},
    {"Brave", BrowserKind::kChromium, ".config/BraveSoftware/Brave-Browser", "History", false},
    {"Opera", BrowserKind::kChromium, ".config/opera", "History", true},
    {"Vivaldi", BrowserKind::kChromium, ".config/vivaldi", "History", false},
};

// Chromium browsers keep "User Data\<profile>\History" under %LOCALAPPDATA%, Firefox its profiles
// under %APPDATA%; Opera's one profile is in %APPDATA% too.
constexpr BrowserLayout kWindowsLayouts[] = {
    {"Firefox", BrowserKind::kFirefox, "AppData\\Roaming\\Mozilla\\Firefox\\Profiles", "places.sqlite", false},
    {"Chrome", BrowserKind::kChromium, "AppData\\Local\\Google\\Chrome\\User Data", "History", false},
    {"Chrome", BrowserKind::kChromium, "AppData\\Local\\Google\\Chrome Beta\\User Data", "History", false},
    {"Chromium", BrowserKind::kChromium, "AppData\\Local\\Chromium\\User Data", "History", false},
    {"Edge", BrowserKind::kChromium, "AppData\\Local\\Microsoft\\Edge\\User Data", "History", false},
    {"Brave", BrowserKind::kChromium, "AppData\\Local\\BraveSoftware\\Brave-Browser\\User Data", "History", false},
    {"Opera", BrowserKind::kChromium, "AppData\\Roaming\\Opera Software\\Opera Stable", "History", true},
    {"Vivaldi", BrowserKind::kChromium, "AppData\\Local\\Vivaldi\\User Data", "History", false},
};

}  // namespace

std::span<const BrowserLayout> BrowserLayouts() { return kLayouts; }
std::span<const BrowserLayout> WindowsBrowserLayouts() { return kWindowsLayouts; }

std::int64_t ChromeTimeToEpoch(std::int64_t micros_since_1601) {
  return FloorDiv(micros_since_1601, 1000000) - kSeconds1601To1970;
}

std::int64_t EpochToChromeTime(std::int64_t epoch_seconds) {
  return (epoch_seconds + kSeconds1601To1970) * 1000000;
}

std::int64_t FirefoxTimeToEpoch(std::int64_t micros_since_1970) { return FloorDiv(micros_since_1970, 1000000); }

std::string HostOfUrl(std::string_view url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (std::size_t at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  if (rest.starts_with('[')) {  // [IPv6]:port
    std::size_t close = rest.find(']');
    return std::string(rest.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
  }
  return std::string(rest.substr(0, rest.find(':')));
}

}  // namespace iocscan::collect
