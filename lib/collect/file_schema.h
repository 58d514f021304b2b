// Which FileItem terms this collector serves, resolved against the term registry once at start-up
// (osquery's "declare the schema once"). A term the registry does not know is simply not served.
// The schema also tells which content products (digests, PE, strings) a set of fields needs, so
// the scan can set FileCollectOptions from the compiled IOCs.
//
//   FileSchema schema = FileSchema::Resolve();
//   schema.Field(*terms::FindTerm("FileItem/Md5sum"))   -> FileField::kMd5sum
//   schema.NeedsOf(fields_used_by_the_iocs).digests      -> hash::kMd5 | ...
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "hash/digest.h"
#include "terms/value.h"

namespace iocscan::collect {

enum class FileField : std::uint8_t {
  kNone,
  // name/path (free)
  kFullPath, kFilePath, kFileName, kFileExtension, kDrive,
  // one stat
  kSizeInBytes, kModified, kAccessed, kChanged, kCreated, kPermissions, kINode, kFileAttributes,
  // owner (Windows: the owner SID, read from the security descriptor)
  kUsername, kGroup, kGroupId, kSecurityId,
  // NTFS alternate data streams (one listing; the digests read each stream)
  kStreamName, kStreamSize, kStreamMd5sum, kStreamSha1sum, kStreamSha256sum,
  // content: digests
  kMd5sum, kSha1sum, kSha256sum,
  // content: strings
  kStrings,
  // content: PE
  kPeType, kPeSubsystem, kPeTimeStamp, kPeBaseAddress, kPeChecksum, kPeSignatureExists,
  kPeNumberOfSections, kPeActualNumberOfSections, kPeSectionName, kPeSectionSize, kPeSectionEntropy,
  kPeModuleName, kPeImportedFunction, kPeModuleFunctionCount,
  kPeExportDllName, kPeExportedFunction, kPeExportFunctionCount, kPeExportNameCount, kPeExportTimeStamp,
  kPeVersionCompanyName, kPeVersionFileDescription, kPeVersionFileVersion, kPeVersionInternalName,
  kPeVersionLegalCopyright, kPeVersionOriginalFilename, kPeVersionProductName, kPeVersionProductVersion,
  kPeVersionComments, kPeVersionLegalTrademarks, kPeVersionPrivateBuild, kPeVersionSpecialBuild,
  kPeVersionLanguage,
  kCount,
};
inline constexpr std::size_t kFileFieldCount = static_cast<std::size_t>(FileField::kCount);

// The registry search path of a field ("FileItem/Md5sum"); "" for kNone/kCount.
std::string_view FileFieldSearch(FileField f);

inline bool IsDigestField(FileField f) { return f >= FileField::kMd5sum && f <= FileField::kSha256sum; }
inline bool IsPeField(FileField f) { return f >= FileField::kPeType && f < FileField::kCount; }
// The version-info key of a kPeVersion* field ("CompanyName"); "" for others.
std::string_view VersionKey(FileField f);

// What content work a set of fields needs.
struct ContentNeeds {
  hash::DigestMask digests = 0;
  bool pe = false;
  bool strings = false;
};

class FileSchema {
 public:
  // Looks every FileField up with terms::FindTerm.
  static FileSchema Resolve();

  // kNone when `id` is not a FileItem term this collector serves.
  FileField Field(terms::FieldId id) const { return id < by_id_.size() ? by_id_[id] : FileField::kNone; }
  // The registry id of a field, when the registry knows it.
  std::optional<terms::FieldId> Id(FileField f) const { return ids_[static_cast<std::size_t>(f)]; }

  ContentNeeds NeedsOf(std::span<const terms::FieldId> fields) const;

 private:
  std::vector<FileField> by_id_;
  std::array<std::optional<terms::FieldId>, kFileFieldCount> ids_{};
};

}  // namespace iocscan::collect
