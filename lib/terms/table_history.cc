// The history family of the term table.
// Browser history documents.
// Source: the vendor term lists digested in openioc-notes.md (sections 10-11) and the terms
// real IOC files use that no vendor list defines (corpus-stats.md). Vendor platform masks are
// the lists' own.
#include "terms/table.h"

namespace iocscan::terms::table {

namespace {

constexpr TermInfo kHistoryTerms[] = {
    // UrlHistoryItem
    Collected("UrlHistoryItem/BrowserName", kString, kM | kW, kL | kW, Cost::kName, kNone,
              "Firefox, Chrome, Chromium, Edge, Brave, Opera or Vivaldi"),
    Known("UrlHistoryItem/BrowserVersion", kString, kM | kW, kNone, "Browser Version"),
    Known("UrlHistoryItem/FirstBookmarkDate", kDate, kM | kW, kNone, "First Bookmark Date"),
    Collected("UrlHistoryItem/FirstVisitDate", kDate, kW, kL | kW, Cost::kName, kNone,
              "Earliest visit the browser still records"),
    Collected("UrlHistoryItem/Hidden", kBool, kM | kW, kL | kW, Cost::kName, kNone,
              "Hidden from the history view (subframes, redirects)"),
    Collected("UrlHistoryItem/HostName", kString, kM | kW, kL | kW, Cost::kName, kNone,
              "Host part of the URL (no user, no port)"),
    Known("UrlHistoryItem/IndexedContent", kString, kM | kW, kNone, "Indexed Content"),
    Collected("UrlHistoryItem/LastVisitDate", kDate, kM | kW, kL | kW, Cost::kName, kNone, "Last Visit Date"),
    Known("UrlHistoryItem/LastVisitDateLocal", kDate, kW, kNone, "Last Visit Date Local"),
    Collected("UrlHistoryItem/PageTitle", kString, kM | kW, kL | kW, Cost::kName, kNone, "Page Title"),
    Collected("UrlHistoryItem/Profile", kString, kM | kW, kL | kW, Cost::kName, kNone,
              "Browser profile folder (\"Default\", \"abcd1234.default-release\")"),
    Known("UrlHistoryItem/Thumbnail", kString, kW, kNone, "Thumbnail"),
    Collected("UrlHistoryItem/Typed", kBool, kM | kW, kL | kW, Cost::kName, kNone,
              "The URL was typed in the address bar at least once"),
    Collected("UrlHistoryItem/URL", kString, kM | kW, kL | kW, Cost::kName, kNone,
              "URL from the browser history"),
    Collected("UrlHistoryItem/Username", kString, kM | kW, kL | kW, Cost::kName, kNone,
              "Owner of the home (POSIX) or user profile (Windows) the browser profile is in"),
    Collected("UrlHistoryItem/VisitCount", kInt, kM | kW, kL | kW, Cost::kName, kNone, "Visit Count"),
    Known("UrlHistoryItem/VisitFrom", kString, kM | kW, kNone, "Visit From"),
    Known("UrlHistoryItem/VisitType", kString, kM | kW, kNone, "Visit Type"),
    // CookieHistoryItem
    Known("CookieHistoryItem/BrowserName", kString, kM | kW, kNone, "Browser Name"),
    Known("CookieHistoryItem/BrowserVersion", kString, kM | kW, kNone, "Browser Version"),
    Known("CookieHistoryItem/CookieFlags", kString, kM | kW, kNone, "Cookie Flags"),
    Known("CookieHistoryItem/CookieName", kString, kM | kW, kNone, "Cookie Name"),
    Known("CookieHistoryItem/CookiePath", kString, kM | kW, kNone, "Cookie Path"),
    Known("CookieHistoryItem/CookieValue", kString, kM | kW, kNone, "Cookie Value"),
    Known("CookieHistoryItem/CreationDate", kDate, kM | kW, kNone, "Creation Date"),
    Known("CookieHistoryItem/ExpirationDate", kDate, kM | kW, kNone, "Expiration Date"),
    Known("CookieHistoryItem/FileName", kString, kM | kW, kNone, "File Name"),
    Known("CookieHistoryItem/FilePath", kString, kM | kW, kNone, "File Path"),
    Known("CookieHistoryItem/HostName", kString, kM | kW, kNone, "Host Name"),
    Known("CookieHistoryItem/IsHttpOnly", kString, kM | kW, kNone, "Is Http Only"),
    Known("CookieHistoryItem/IsSecure", kBool, kM | kW, kNone, "Is Secure"),
    Known("CookieHistoryItem/LastAccessedDate", kDate, kM | kW, kNone, "Last Accessed Date"),
    Known("CookieHistoryItem/LastModifiedDate", kDate, kM | kW, kNone, "Last Modified Date"),
    Known("CookieHistoryItem/LastVisitDate", kDate, kM | kW, kNone, "Last Visit Date"),
    Known("CookieHistoryItem/Profile", kString, kM | kW, kNone, "Profile"),
    Known("CookieHistoryItem/Username", kString, kM | kW, kNone, "Username"),
    // FileDownloadHistoryItem
    Known("FileDownloadHistoryItem/AutoResume", kString, kM | kW, kNone, "Auto Resume"),
    Known("FileDownloadHistoryItem/BrowserName", kString, kM | kW, kNone, "Browser Name"),
    Known("FileDownloadHistoryItem/BrowserVersion", kString, kM | kW, kNone, "Browser Version"),
    Known("FileDownloadHistoryItem/BytesDownloaded", kInt, kM | kW, kNone, "Bytes Downloaded"),
    Known("FileDownloadHistoryItem/CacheFlags", kString, kM | kW, kNone, "Cache Flags"),
    Known("FileDownloadHistoryItem/CacheHitCount", kInt, kM | kW, kNone, "Cache Hit Count"),
    Known("FileDownloadHistoryItem/DownloadType", kString, kM | kW, kNone, "Download Type"),
    Known("FileDownloadHistoryItem/EndDate", kDate, kM | kW, kNone, "End Date"),
    Known("FileDownloadHistoryItem/FileName", kString, kM | kW, kNone, "File Name"),
    Known("FileDownloadHistoryItem/FullHttpHeader", kString, kM | kW, kNone, "Full Http Header"),
    Known("FileDownloadHistoryItem/LastAccessedDate", kDate, kM | kW, kNone, "Last Accessed Date"),
    Known("FileDownloadHistoryItem/LastCacheSynchDate", kDate, kM | kW, kNone,
          "Last Cache Synch Date"),
    Known("FileDownloadHistoryItem/LastCheckedDate", kDate, kM | kW, kNone, "Last Checked Date"),
    Known("FileDownloadHistoryItem/LastModifiedDate", kDate, kM | kW, kNone, "Last Modified Date"),
    Known("FileDownloadHistoryItem/MaxBytes", kInt, kM | kW, kNone, "Max Bytes"),
    Known("FileDownloadHistoryItem/MimeType", kString, kM | kW, kNone, "Mime Type"),
    Known("FileDownloadHistoryItem/Profile", kString, kM | kW, kNone, "Profile"),
    Known("FileDownloadHistoryItem/Referrer", kString, kM | kW, kNone, "Referrer"),
    Known("FileDownloadHistoryItem/SourceURL", kString, kM | kW, kNone, "Source URL"),
    Known("FileDownloadHistoryItem/StartDate", kDate, kM | kW, kNone, "Start Date"),
    Known("FileDownloadHistoryItem/State", kString, kM | kW, kNone, "State"),
    Known("FileDownloadHistoryItem/TargetDirectory", kString, kM | kW, kNone, "Target Directory"),
    Known("FileDownloadHistoryItem/TemporaryPath", kString, kM | kW, kNone, "Temporary Path"),
    Known("FileDownloadHistoryItem/Username", kString, kM | kW, kNone, "Username"),
    // FormHistoryItem
    Known("FormHistoryItem/BrowserName", kString, kM | kW, kNone, "Browser Name"),
    Known("FormHistoryItem/BrowserVersion", kString, kM | kW, kNone, "Browser Version"),
    Known("FormHistoryItem/CreationDate", kDate, kM | kW, kNone, "Creation Date"),
    Known("FormHistoryItem/EncryptedPassword", kString, kM | kW, kNone, "Encrypted Password"),
    Known("FormHistoryItem/EncryptedUsername", kString, kM | kW, kNone, "Encrypted Username"),
    Known("FormHistoryItem/EncryptionType", kString, kM | kW, kNone, "Encryption Type"),
    Known("FormHistoryItem/FirstUsedDate", kDate, kM | kW, kNone, "First Used Date"),
    Known("FormHistoryItem/FormFieldName", kString, kM | kW, kNone, "Form Field Name"),
    Known("FormHistoryItem/FormFieldValue", kString, kM | kW, kNone, "Form Field Value"),
    Known("FormHistoryItem/FormSubmitURL", kString, kM | kW, kNone, "Form Submit URL"),
    Known("FormHistoryItem/FormType", kString, kM | kW, kNone, "Form Type"),
    Known("FormHistoryItem/Guid", kString, kM | kW, kNone, "Guid"),
    Known("FormHistoryItem/HostName", kString, kM | kW, kNone, "Host Name"),
    Known("FormHistoryItem/HttpRealm", kString, kM | kW, kNone, "Http Realm"),
    Known("FormHistoryItem/LastUsedDate", kDate, kM | kW, kNone, "Last Used Date"),
    Known("FormHistoryItem/PasswordChangedDate", kDate, kM | kW, kNone, "Password Changed Date"),
    Known("FormHistoryItem/PasswordFieldName", kString, kM | kW, kNone, "Password Field Name"),
    Known("FormHistoryItem/Profile", kString, kM | kW, kNone, "Profile"),
    Known("FormHistoryItem/TimesUsed", kInt, kM | kW, kNone, "Times Used"),
    Known("FormHistoryItem/Username", kString, kM | kW, kNone, "Username"),
    Known("FormHistoryItem/UsernameFieldName", kString, kM | kW, kNone, "Username Field Name"),
    Known("FormHistoryItem/UsernameFieldValue", kString, kM | kW, kNone, "Username Field Value"),
};

}  // namespace

std::span<const TermInfo> HistoryTerms() { return kHistoryTerms; }

}  // namespace iocscan::terms::table
