// The term registry: lookup, the FileItem minimum set, table invariants.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "terms/registry.h"
#include "terms/terms_support.h"

using namespace iocscan::terms;

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const TermInfo& Must(std::string_view search) {
  auto id = FindTerm(search);
  INFO(search);
  REQUIRE(id.has_value());
  return Term(*id);
}

}  // namespace

TEST_CASE("FindTerm folds ASCII case and returns the canonical spelling") {
  CHECK(Must("FileItem/MD5Sum").search == "FileItem/Md5sum");
  CHECK(Must("fileitem/fullpath").search == "FileItem/FullPath");
  CHECK(Must("PortItem/RemoteIP").search == "PortItem/remoteIP");
  CHECK(Must("SERVICEITEM/NAME").search == "ServiceItem/name");
  CHECK(*FindTerm("FileItem/MD5Sum") == *FindTerm("FileItem/Md5sum"));
}

TEST_CASE("FindTerm rejects unknown and partial paths") {
  CHECK_FALSE(FindTerm("FileItem/Md5").has_value());
  CHECK_FALSE(FindTerm("FileItem").has_value());
  CHECK_FALSE(FindTerm("FileItem/").has_value());
  CHECK_FALSE(FindTerm("").has_value());
  CHECK_FALSE(FindTerm(" FileItem/Md5sum").has_value());
  CHECK_FALSE(FindTerm("NoSuchItem/Name").has_value());
}

TEST_CASE("every FileItem term of the minimum set is collected on linux and macos with its type") {
  const std::vector<std::pair<std::string_view, ValueType>> kMinimum = {
      {"FileItem/FullPath", ValueType::kString},
      {"FileItem/FilePath", ValueType::kString},
      {"FileItem/FileName", ValueType::kString},
      {"FileItem/FileExtension", ValueType::kString},
      {"FileItem/SizeInBytes", ValueType::kInt},
      {"FileItem/Md5sum", ValueType::kMd5},
      {"FileItem/Sha1sum", ValueType::kSha1},
      {"FileItem/Sha256sum", ValueType::kSha256},
      {"FileItem/Modified", ValueType::kDate},
      {"FileItem/Accessed", ValueType::kDate},
      {"FileItem/Changed", ValueType::kDate},
      {"FileItem/Created", ValueType::kDate},
      {"FileItem/Username", ValueType::kString},
      {"FileItem/StringList/string", ValueType::kString},
      {"FileItem/PEInfo/PETimeStamp", ValueType::kDate},
      {"FileItem/PEInfo/Type", ValueType::kString},
      {"FileItem/Permissions", ValueType::kInt},
      {"FileItem/INode", ValueType::kInt},
      {"FileItem/PEInfo/Sections/Section/Entropy/AverageValue", ValueType::kDouble},
      {"FileItem/PEInfo/DigitalSignature/SignatureExists", ValueType::kBool},
  };
  for (const auto& [search, type] : kMinimum) {
    INFO(search);
    const TermInfo& t = Must(search);
    CHECK(t.document == "FileItem");
    CHECK(t.type == type);
    CHECK(CollectedOn(t, kLinux));
    CHECK(CollectedOn(t, kMacos));
  }
}

TEST_CASE("exactly the FileItem terms a portable collector gives are collected today") {
  std::set<std::string> expected = {
      "FullPath", "FilePath", "FileName", "FileExtension", "SizeInBytes", "Md5sum", "Sha1sum",
      "Sha256sum", "Modified", "Accessed", "Changed", "Created", "Username", "Permissions",
      "INode", "Group", "GroupID", "StringList/string", "PEInfo/Type", "PEInfo/Subsystem",
      "PEInfo/PETimeStamp", "PEInfo/BaseAddress", "PEInfo/Sections/NumberOfSections",
      "PEInfo/Sections/Section/Name", "PEInfo/Sections/Section/SizeInBytes",
      "PEInfo/Sections/Section/Entropy/AverageValue", "PEInfo/ImportedModules/Module/Name",
      "PEInfo/ImportedModules/Module/ImportedFunctions/string",
      "PEInfo/ImportedModules/Module/NumberOfFunctions", "PEInfo/Exports/DllName",
      "PEInfo/Exports/ExportedFunctions/string", "PEInfo/Exports/NumberOfFunctions",
      "PEInfo/PEChecksum/PEFileRaw", "PEInfo/DigitalSignature/SignatureExists", "Drive",
      "FileAttributes", "SecurityID", "StreamList/Stream/Name", "StreamList/Stream/SizeInBytes",
      "StreamList/Stream/Md5sum", "StreamList/Stream/Sha1sum", "StreamList/Stream/Sha256sum"};
  for (const char* field : {"CompanyName", "FileDescription", "FileVersion", "InternalName",
                            "LegalCopyright", "OriginalFilename", "ProductName", "ProductVersion",
                            "Comments", "LegalTrademarks", "PrivateBuild", "SpecialBuild",
                            "Language"}) {
    expected.insert(std::string("PEInfo/VersionInfoList/VersionInfoItem/") + field);
  }
  std::set<std::string> collected;
  for (const TermInfo& t : AllTerms()) {
    if (t.collected == 0 || t.document != "FileItem") continue;
    // Group and mode come from POSIX ids; SIDs, attributes, drives and streams are Windows' own.
    bool posix_only = t.search == "FileItem/Group" || t.search == "FileItem/GroupID" ||
                      t.search == "FileItem/Permissions";
    bool windows_only = t.search == "FileItem/Drive" || t.search == "FileItem/FileAttributes" ||
                        t.search == "FileItem/SecurityID" || t.search.starts_with("FileItem/StreamList/");
    CHECK(t.collected == (posix_only ? kLinux | kMacos : windows_only ? kWindows : kLinux | kMacos | kWindows));
    collected.insert(std::string(t.search.substr(sizeof("FileItem/") - 1)));
  }
  CHECK(collected == expected);
}

// The Linux ServiceItem and TaskItem collectors (collect/service, collect/task); ServiceItem is
// also collected on Windows (collect/windows).
std::set<std::string> CollectedOnlyOnLinux(std::string_view document) {
  std::set<std::string> out;
  for (const TermInfo& t : TermsOfDocument(document)) {
    if (t.collected == 0) continue;
    INFO(t.search);
    CHECK(t.collected == kLinux);
    out.insert(std::string(t.search.substr(document.size() + 1)));
  }
  return out;
}

using testing::CollectedOn;

TEST_CASE("exactly the ServiceItem and TaskItem terms the collectors give are collected") {
  std::set<std::string> linux_services = {"name", "descriptiveName", "description", "path", "arguments", "mode",
                                          "status", "startedAs", "type", "pathmd5sum", "pathsha1sum",
                                          "pathsha256sum", "md5sum", "sha1sum", "sha256sum"};
  std::set<std::string> windows_services = linux_services;
  windows_services.insert({"pid", "serviceDLL", "serviceDLLmd5sum", "serviceDLLsha1sum", "serviceDLLsha256sum"});
  std::set<std::string> on_linux, on_windows;
  for (const TermInfo& t : TermsOfDocument("ServiceItem")) {
    INFO(t.search);
    CHECK((t.collected & kMacos) == 0);
    std::string field(t.search.substr(sizeof("ServiceItem/") - 1));
    if (t.collected & kLinux) on_linux.insert(field);
    if (t.collected & kWindows) on_windows.insert(field);
  }
  CHECK(on_linux == linux_services);
  CHECK(on_windows == windows_services);
  // Vendor platforms stay the lists' own; the Linux-only schedule text is ours.
  CHECK(Must("ServiceItem/startedAs").vendor_platforms == kWindows);
  CHECK(Must("TaskItem/crontabMinute").vendor_platforms == kLinux);
  CHECK(Must("TaskItem/schedule").vendor_platforms == kLinux);
  CHECK(Must("TaskItem/NextRunTime").type == ValueType::kDate);
  // Digests are read lazily, after every field of the record.
  CHECK(Must("ServiceItem/pathsha256sum").cost == Cost::kDigest);
  CHECK(Must("TaskItem/md5sum").cost == Cost::kDigest);
  CHECK(Must("ServiceItem/name").cost == Cost::kName);
  CHECK(Must("TaskItem/ActionList/Action/ExecProgramPath").list);
}

TEST_CASE("exactly the account and hosts-file terms the Linux collectors give are collected") {
  CHECK(CollectedOn("UserItem", kLinux) ==
        std::set<std::string>{"Username", "fullname", "userid", "homedirectory", "shell",
                              "grouplist/groupname", "disabled", "LastLogin"});
  CHECK(CollectedOn("UserItem", kWindows) ==
        std::set<std::string>{"Username", "fullname", "userid", "homedirectory", "grouplist/groupname",
                              "disabled", "LastLogin", "description", "lockedout", "passwordrequired",
                              "scriptpath", "SecurityID"});
  CHECK(CollectedOnlyOnLinux("GroupItem") == std::set<std::string>{"GroupName", "gid", "userlist/username"});
  const std::set<std::string> hosts_file = {"Host", "RecordName", "RecordType", "RecordData/IPv4Address",
                                           "RecordData/IPv6Address", "DataLength"};
  CHECK(CollectedOn("DnsEntryItem", kLinux) == hosts_file);
  std::set<std::string> with_cache = hosts_file;  // Windows adds the DNS client cache
  with_cache.insert({"TimeToLive", "RecordData/Host"});
  CHECK(CollectedOn("DnsEntryItem", kWindows) == with_cache);
  // Vendor platforms stay the lists' own.
  CHECK(Must("UserItem/shell").vendor_platforms == kMacos);
  CHECK(Must("UserItem/disabled").vendor_platforms == kWindows);
  CHECK(Must("GroupItem/gid").vendor_platforms == kLinux);
  CHECK(Must("UserItem/LastLogin").cost == Cost::kOther);  // one lastlog read per account, when asked
  CHECK(Must("UserItem/grouplist/groupname").list);
}

TEST_CASE("exactly the system, volume and module terms the collectors give are collected") {
  std::set<std::string> both = {"hostname", "domain", "OS", "productName", "buildNumber", "machine", "uptime",
                                 "timezone", "user", "MAC", "networkArray/networkInfo/adapter",
                                 "networkArray/networkInfo/MAC", "networkArray/networkInfo/ipArray/ipInfo/ipAddress",
                                 "networkArray/networkInfo/ipArray/ipInfo/ipv6Address",
                                 "networkArray/networkInfo/ipArray/ipInfo/subnetMask"};
  std::set<std::string> on_linux = both, on_windows = both;
  on_linux.insert("kernelVersion");
  on_windows.insert("installDate");
  CHECK(CollectedOn("SystemInfoItem", kLinux) == on_linux);
  CHECK(CollectedOn("SystemInfoItem", kWindows) == on_windows);
  std::set<std::string> volume = {"MountPoint", "Name", "DevicePath", "DeviceID", "FileSystemName",
                                  "FileSystemFlags", "Flags/ReadOnly", "Flags/Removable", "Type", "RemoteFS",
                                  "RemoteAddress", "IsMounted", "VolumeID", "SerialNumber", "VolumeName",
                                  "TotalSize", "FreeSize", "TotalAllocationUnits",
                                  "ActualAvailableAllocationUnits"};
  CHECK(CollectedOn("VolumeItem", kLinux) == volume);
  volume.insert({"DriveLetter", "BytesPerSector", "SectorsPerAllocationUnit"});  // Windows' own
  CHECK(CollectedOn("VolumeItem", kWindows) == volume);
  CHECK(Must("VolumeItem/TotalSize").cost == Cost::kStat);  // statvfs, only when asked
  CHECK(Must("SystemInfoItem/networkArray/networkInfo/ipArray/ipInfo/ipAddress").list);
}

TEST_CASE("exactly the ModuleItem terms the Linux collector gives are collected") {
  CHECK(CollectedOnlyOnLinux("ModuleItem") ==
        std::set<std::string>{"ModuleName", "Module", "Size", "ModuleSize", "Status", "Address",
                              "ModuleAddress", "ModuleBase", "UsedByList/Module", "Taint", "Intree",
                              "Filename", "ModulePath", "DependsList/Depends/Module", "SrcVersion",
                              "ParmList/Parm/Name", "Md5sum", "Sha1sum", "Sha256sum", "License",
                              "Vermagic", "Retpoline", "AliasList/Alias/Name"});
  // Taint is iocscan's own Linux term; the others keep the vendor list's platforms.
  CHECK(Must("ModuleItem/Taint").vendor_platforms == kLinux);
  CHECK(Must("ModuleItem/ModuleName").vendor_platforms == (kLinux | kWindows));
  CHECK(Must("ModuleItem/Sha256sum").cost == Cost::kDigest);
  CHECK(Must("ModuleItem/License").cost == Cost::kOther);  // reads the module file, when asked
  CHECK(Must("ModuleItem/AliasList/Alias/Name").list);
}

TEST_CASE("collected FileItem terms carry the cost of getting them") {
  CHECK(Must("FileItem/FileName").cost == Cost::kName);
  CHECK(Must("FileItem/FullPath").cost == Cost::kName);
  CHECK(Must("FileItem/SizeInBytes").cost == Cost::kStat);
  CHECK(Must("FileItem/Modified").cost == Cost::kStat);
  CHECK(Must("FileItem/Username").cost == Cost::kOwner);
  CHECK(Must("FileItem/Md5sum").cost == Cost::kDigest);
  CHECK(Must("FileItem/PEInfo/Exports/DllName").cost == Cost::kPe);
  CHECK(Must("FileItem/StringList/string").cost == Cost::kStrings);
  CHECK(Cost::kName < Cost::kDigest);
}

TEST_CASE("list and raw-bytes flags follow the path") {
  const TermInfo& strings = Must("FileItem/StringList/string");
  CHECK(strings.list);
  CHECK(strings.raw_bytes);
  CHECK(Must("FileItem/PEInfo/Sections/Section/Name").list);
  CHECK(Must("FileItem/PEInfo/ImportedModules/Module/ImportedFunctions/string").list);
  CHECK(Must("FileItem/PEInfo/VersionInfoList/VersionInfoItem/CompanyName").list);
  CHECK(Must("ProcessItem/PortList/PortItem/remotePort").list);
  CHECK(Must("ProcessItem/SectionList/MemorySection/InjectedHexPattern").raw_bytes);
  CHECK_FALSE(Must("FileItem/FullPath").list);
  CHECK_FALSE(Must("FileItem/FullPath").raw_bytes);
  CHECK_FALSE(Must("FileItem/PEInfo/Sections/NumberOfSections").list);
  CHECK_FALSE(Must("FileItem/PEInfo/Type").list);
}

TEST_CASE("terms of documents without a Linux collector are known but not collected") {
  for (std::string_view s : {"ProcessItem/SecurityType", "PortItem/CreationTime", "HiveItem/Path",
                             "processEvent/processCmdLine", "eventItem/processEvent/process",
                             "Network/DNS", "Yara/TextString", "DriverItem/TimerRoutineIncluded"}) {
    INFO(s);
    CHECK(Must(s).collected == 0);
  }
}

TEST_CASE("exactly the RegistryItem terms the Windows collector gives are collected, on Windows only") {
  std::set<std::string> collected;
  for (const TermInfo& t : TermsOfDocument("RegistryItem")) {
    INFO(t.search);
    CHECK((t.collected == 0 || t.collected == kWindows));
    if (t.collected) collected.insert(std::string(t.search.substr(sizeof("RegistryItem/") - 1)));
  }
  CHECK(collected == std::set<std::string>{"Hive", "KeyPath", "Modified", "NumSubKeys", "NumValues", "Path",
                                           "ReportedLengthInBytes", "Text", "Type", "Username", "Value",
                                           "ValueName"});
}

TEST_CASE("vendor types and platforms come from the term lists") {
  CHECK(Must("PortItem/remoteIP").type == ValueType::kIp);
  CHECK(Must("ProcessItem/pid").type == ValueType::kInt);
  CHECK(Must("ProcessItem/startTime").type == ValueType::kDate);
  CHECK(Must("ServiceItem/serviceDLLmd5sum").type == ValueType::kMd5);
  CHECK(Must("fileWriteEvent/size").type == ValueType::kDouble);
  CHECK(Must("UserItem/disabled").type == ValueType::kBool);
  CHECK(Must("RegistryItem/Path").vendor_platforms == kWindows);
  CHECK(Must("FileItem/Group").vendor_platforms == (kLinux | kMacos));
  CHECK(Must("FileItem/PEInfo/Type").vendor_platforms == kWindows);
  CHECK(Must("ProcessItem/name").vendor_platforms == kAllPlatforms);
  // Resource names are names or numbers; the corpus writes them as strings (the list says int).
  CHECK(Must("FileItem/PEInfo/ResourceInfoList/ResourceInfoItem/Name").type == ValueType::kString);
  // Listed twice in the vendor list ({w} and {ml}): one row, both masks.
  CHECK(Must("FileItem/SecurityID").vendor_platforms == kAllPlatforms);
}

TEST_CASE("PersistenceItem fields that embed another document keep that document's type") {
  CHECK(Must("PersistenceItem/FileItem/Md5sum").type == ValueType::kMd5);
  CHECK(Must("PersistenceItem/FileItem/SizeInBytes").type == ValueType::kInt);
  CHECK(Must("PersistenceItem/ServiceItem/pathSignatureExists").type == ValueType::kBool);
  CHECK(Must("PersistenceItem/RegistryItem/Modified").type == ValueType::kDate);
  CHECK(Must("PersistenceItem/FileCreated").type == ValueType::kDate);
  CHECK(Must("PersistenceItem/serviceDLLsha256sum").type == ValueType::kSha256);
  CHECK(TermsOfDocument("PersistenceItem").size() == 197);  // as many as the 2020 list
}

TEST_CASE("event terms exist in both spellings with one type") {
  int pairs = 0;
  for (const TermInfo& t : AllTerms()) {
    if (!t.search.ends_with("Event") && t.document.ends_with("Event")) {
      std::string wrapped = "eventItem/" + std::string(t.search);
      INFO(wrapped);
      const TermInfo& w = Must(wrapped);
      CHECK(w.document == "eventItem");
      CHECK(w.type == t.type);
      ++pairs;
    }
  }
  CHECK(pairs == 85);  // 1 + 5 + 23 + 11 + 9 + 11 + 13 + 12 (eventitem.iocterms)
}

TEST_CASE("terms that real files use but no vendor list defines are known") {
  for (std::string_view s :
       {"Yara/TextString", "Yara/HexString", "Yara/RegexString", "Yara/FileSize", "Yara/RuleName",
        "ProcessItem/DllPath", "ProcessItem/cmdLine", "ProcessItem/ParentProcessName",
        "ProcessItem/EnabledPrivilege/Name", "ProcessItem/Hooked/API/FunctionName",
        "ProcessItem/Hooked/API/HookingModuleName",
        "ProcessItem/SectionList/MemorySection/InjectedHexPattern",
        "RegistryItem/ShimCache/ExecutablePath", "DriverItem/TimerRoutineIncluded"}) {
    INFO(s);
    CHECK(FindTerm(s).has_value());
  }
}

TEST_CASE("the table has no duplicate search path, in any case") {
  std::set<std::string> seen;
  for (const TermInfo& t : AllTerms()) {
    INFO(t.search);
    CHECK(seen.insert(Lower(t.search)).second);
  }
  CHECK(seen.size() == AllTerms().size());
  CHECK(AllTerms().size() > 900);
}

TEST_CASE("every row is well formed") {
  for (const TermInfo& t : AllTerms()) {
    INFO(t.search);
    CHECK(!t.document.empty());
    CHECK(t.search.substr(0, t.search.find('/')) == t.document);
    CHECK(t.search.size() > t.document.size() + 1);
    CHECK(t.search.back() != '/');
    CHECK(t.search.find(' ') == std::string_view::npos);
    CHECK(t.search.find("//") == std::string_view::npos);
    CHECK(!t.description.empty());
    // Masks only use the three platform bits; every term is defined somewhere.
    CHECK(t.vendor_platforms != 0);
    CHECK((t.vendor_platforms & ~kAllPlatforms) == 0);
    CHECK((t.collected & ~kAllPlatforms) == 0);
    if (t.collected == 0) CHECK(t.cost == Cost::kOther);
    if (t.raw_bytes) CHECK(t.type == ValueType::kString);
  }
}

TEST_CASE("ids and documents index the table") {
  std::span<const TermInfo> all = AllTerms();
  for (std::size_t i = 0; i < all.size(); ++i) {
    CHECK(IdOf(all[i]) == i);
    CHECK(&Term(static_cast<FieldId>(i)) == &all[i]);
  }
  std::size_t covered = 0;
  std::set<std::string> docs;
  for (std::string_view doc : AllDocuments()) {
    INFO(doc);
    CHECK(docs.insert(Lower(doc)).second);
    std::span<const TermInfo> terms = TermsOfDocument(doc);
    REQUIRE(!terms.empty());
    for (const TermInfo& t : terms) CHECK(t.document == doc);
    covered += terms.size();
  }
  // Documents are contiguous: their runs add up to the whole table.
  CHECK(covered == all.size());
  CHECK(AllDocuments().front() == "FileItem");
}

TEST_CASE("documents are matched case-insensitively") {
  CHECK(IsKnownDocument("FileItem"));
  CHECK(IsKnownDocument("fileitem"));
  CHECK(IsKnownDocument("eventItem"));
  CHECK(IsKnownDocument("Yara"));
  CHECK_FALSE(IsKnownDocument("File"));
  CHECK_FALSE(IsKnownDocument(""));
  CHECK(CanonicalDocument("PROCESSITEM") == std::optional<std::string_view>("ProcessItem"));
  CHECK(TermsOfDocument("nosuch").empty());
  for (std::string_view doc :
       {"FileItem", "ProcessItem", "PortItem", "DnsEntryItem", "UrlHistoryItem", "EventLogItem",
        "RegistryItem", "ServiceItem", "UserItem", "SystemInfoItem", "Network", "TaskItem",
        "DriverItem", "HookItem", "ArpEntryItem", "RouteEntryItem", "ModuleItem", "VolumeItem",
        "DiskItem", "GroupItem", "ShellHistoryItem", "SudoLogItem", "Syslog", "PrefetchItem",
        "CookieHistoryItem", "FileDownloadHistoryItem", "Email", "Snort", "Yara", "processEvent",
        "fileWriteEvent", "imageLoadEvent", "regKeyEvent", "urlMonitorEvent", "dnsLookupEvent",
        "ipv4NetworkEvent", "addressNotificationEvent", "eventItem", "LoginHistoryItem",
        "PersistenceItem", "QuarantineEventItem", "QuarantineListItem", "FormHistoryItem",
        "HiveItem", "SystemRestoreItem", "ConfigInfo"}) {
    INFO(doc);
    CHECK(IsKnownDocument(doc));
  }
}

TEST_CASE("platform names") {
  CHECK(PlatformList(kLinux | kMacos) == "linux,macos");
  CHECK(PlatformList(kAllPlatforms) == "linux,macos,windows");
  CHECK(PlatformList(kWindows) == "windows");
  CHECK(PlatformList(0).empty());
  CHECK(PlatformNames(kMacos | kWindows) == std::vector<std::string_view>{"macos", "windows"});
#if defined(__linux__)
  CHECK(CurrentPlatform() == kLinux);
#endif
}

TEST_CASE("first use from several threads builds the registry once") {
  std::vector<std::thread> threads;
  std::vector<int> found(8, 0);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&found, i] {
      for (int k = 0; k < 200; ++k) {
        if (FindTerm(k % 2 ? "fileitem/md5sum" : "ProcessItem/NAME")) ++found[i];
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int n : found) CHECK(n == 200);
}
