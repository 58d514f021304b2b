#include "collect/file_schema.h"

#include "terms/registry.h"

namespace iocscan::collect {
namespace {

struct Entry {
  FileField field;
  std::string_view search;
};

#define PEI "FileItem/PEInfo/"
#define VER "FileItem/PEInfo/VersionInfoList/VersionInfoItem/"
constexpr Entry kEntries[] = {
    {FileField::kFullPath, "FileItem/FullPath"},
    {FileField::kFilePath, "FileItem/FilePath"},
    {FileField::kFileName, "FileItem/FileName"},
    {FileField::kFileExtension, "FileItem/FileExtension"},
    {FileField::kDrive, "FileItem/Drive"},
    {FileField::kSizeInBytes, "FileItem/SizeInBytes"},
    {FileField::kModified, "FileItem/Modified"},
    {FileField::kAccessed, "FileItem/Accessed"},
    {FileField::kChanged, "FileItem/Changed"},
    {FileField::kCreated, "FileItem/Created"},
    {FileField::kPermissions, "FileItem/Permissions"},
    {FileField::kINode, "FileItem/INode"},
    {FileField::kFileAttributes, "FileItem/FileAttributes"},
    {FileField::kUsername, "FileItem/Username"},
    {FileField::kGroup, "FileItem/Group"},
    {FileField::kGroupId, "FileItem/GroupID"},
    {FileField::kSecurityId, "FileItem/SecurityID"},
    {FileField::kStreamName, "FileItem/StreamList/Stream/Name"},
    {FileField::kStreamSize, "FileItem/StreamList/Stream/SizeInBytes"},
    {FileField::kStreamMd5sum, "FileItem/StreamList/Stream/Md5sum"},
    {FileField::kStreamSha1sum, "FileItem/StreamList/Stream/Sha1sum"},
    {FileField::kStreamSha256sum, "FileItem/StreamList/Stream/Sha256sum"},
    {FileField::kMd5sum, "FileItem/Md5sum"},
    {FileField::kSha1sum, "FileItem/Sha1sum"},
    {FileField::kSha256sum, "FileItem/Sha256sum"},
    {FileField::kStrings, "FileItem/StringList/string"},
    {FileField::kPeType, PEI "Type"},
    {FileField::kPeSubsystem, PEI "Subsystem"},
    {FileField::kPeTimeStamp, PEI "PETimeStamp"},
    {FileField::kPeBaseAddress, PEI "BaseAddress"},
    {FileField::kPeChecksum, PEI "PEChecksum/PEFileRaw"},
    {FileField::kPeSignatureExists, PEI "DigitalSignature/SignatureExists"},
    {FileField::kPeNumberOfSections, PEI "Sections/NumberOfSections"},
    {FileField::kPeActualNumberOfSections, PEI "Sections/ActualNumberOfSections"},
    {FileField::kPeSectionName, PEI "Sections/Section/Name"},
    {FileField::kPeSectionSize, PEI "Sections/Section/SizeInBytes"},
    {FileField::kPeSectionEntropy, PEI "Sections/Section/Entropy/AverageValue"},
    {FileField::kPeModuleName, PEI "ImportedModules/Module/Name"},
    {FileField::kPeImportedFunction, PEI "ImportedModules/Module/ImportedFunctions/string"},
    {FileField::kPeModuleFunctionCount, PEI "ImportedModules/Module/NumberOfFunctions"},
    {FileField::kPeExportDllName, PEI "Exports/DllName"},
    {FileField::kPeExportedFunction, PEI "Exports/ExportedFunctions/string"},
    {FileField::kPeExportFunctionCount, PEI "Exports/NumberOfFunctions"},
    {FileField::kPeExportNameCount, PEI "Exports/NumberOfNames"},
    {FileField::kPeExportTimeStamp, PEI "Exports/ExportsTimeStamp"},
    {FileField::kPeVersionCompanyName, VER "CompanyName"},
    {FileField::kPeVersionFileDescription, VER "FileDescription"},
    {FileField::kPeVersionFileVersion, VER "FileVersion"},
    {FileField::kPeVersionInternalName, VER "InternalName"},
    {FileField::kPeVersionLegalCopyright, VER "LegalCopyright"},
    {FileField::kPeVersionOriginalFilename, VER "OriginalFilename"},
    {FileField::kPeVersionProductName, VER "ProductName"},
    {FileField::kPeVersionProductVersion, VER "ProductVersion"},
    {FileField::kPeVersionComments, VER "Comments"},
    {FileField::kPeVersionLegalTrademarks, VER "LegalTrademarks"},
    {FileField::kPeVersionPrivateBuild, VER "PrivateBuild"},
    {FileField::kPeVersionSpecialBuild, VER "SpecialBuild"},
    {FileField::kPeVersionLanguage, VER "Language"},
};
#undef PEI
#undef VER
static_assert(std::size(kEntries) == kFileFieldCount - 1, "one entry per FileField");

}  // namespace

std::string_view FileFieldSearch(FileField f) {
  for (const Entry& e : kEntries) {
    if (e.field == f) return e.search;
  }
  return {};
}

std::string_view VersionKey(FileField f) {
  if (f < FileField::kPeVersionCompanyName || f >= FileField::kPeVersionLanguage) return {};
  std::string_view s = FileFieldSearch(f);
  return s.substr(s.rfind('/') + 1);
}

FileSchema FileSchema::Resolve() {
  FileSchema schema;
  schema.by_id_.assign(terms::AllTerms().size(), FileField::kNone);
  for (const Entry& e : kEntries) {
    std::optional<terms::FieldId> id = terms::FindTerm(e.search);
    if (!id || *id >= schema.by_id_.size()) continue;
    schema.by_id_[*id] = e.field;
    schema.ids_[static_cast<std::size_t>(e.field)] = id;
  }
  return schema;
}

ContentNeeds FileSchema::NeedsOf(std::span<const terms::FieldId> fields) const {
  ContentNeeds needs;
  for (terms::FieldId id : fields) {
    FileField f = Field(id);
    if (f == FileField::kMd5sum) needs.digests |= hash::kMd5;
    if (f == FileField::kSha1sum) needs.digests |= hash::kSha1;
    if (f == FileField::kSha256sum) needs.digests |= hash::kSha256;
    if (f == FileField::kStrings) needs.strings = true;
    if (IsPeField(f)) needs.pe = true;
  }
  return needs;
}

}  // namespace iocscan::collect
