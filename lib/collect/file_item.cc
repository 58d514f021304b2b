#include "collect/file_item.h"

#include <algorithm>
#include <utility>

#include "collect/file_attributes.h"
#include "collect/path_parts.h"
#include "platform/file_owner.h"

namespace iocscan::collect {
namespace {

using compile::FieldValue;
using compile::Scalar;

constexpr std::size_t kReadBufferBytes = 1u << 20;
// A PE-only pass reads this much first and stops there when the file does not start with "MZ".
constexpr std::size_t kPeProbeBytes = 64u << 10;

Scalar Text(std::string s) {
  Scalar x;
  x.text = std::move(s);
  return x;
}

Scalar Int(std::int64_t v) {
  Scalar x;
  x.integer = v;
  x.text = std::to_string(v);
  return x;
}

Scalar Date(std::int64_t epoch) {
  Scalar x;
  x.integer = epoch;
  return x;
}

Scalar Real(double v) {
  Scalar x;
  x.real = v;
  return x;
}

Scalar Bool(bool v) {
  Scalar x;
  x.integer = v ? 1 : 0;
  x.text = v ? "true" : "false";
  return x;
}

hash::DigestMask DigestBit(FileField f) {
  switch (f) {
    case FileField::kMd5sum: return hash::kMd5;
    case FileField::kSha1sum: return hash::kSha1;
    case FileField::kSha256sum: return hash::kSha256;
    default: return 0;
  }
}

}  // namespace

std::uint64_t FileCounters::UnreadableTotal() const {
  std::uint64_t total = 0;
  for (std::uint64_t n : unreadable) total += n;
  return total;
}

void FileCounters::Add(const FileCounters& o) {
  files_opened += o.files_opened;
  bytes_read += o.bytes_read;
  stat_failed += o.stat_failed;
  not_regular += o.not_regular;
  over_max_size += o.over_max_size;
  read_errors += o.read_errors;
  for (int i = 0; i < platform::kOpenFailureCount; ++i) unreadable[i] += o.unreadable[i];
}

FileContext::FileContext(const FileSchema& schema_in, const platform::UserDb& users_in,
                         FileCollectOptions options_in, ContentReader* reader_in)
    : schema(schema_in),
      users(users_in),
      options(std::move(options_in)),
      reader(reader_in != nullptr ? *reader_in : safe_reader_) {}

FileItem::FileItem(FileContext& context, FileEntry entry) : ctx_(context), entry_(std::move(entry)) {
  if (entry_.stat) {
    stat_ = entry_.stat;
    stat_done_ = true;
  }
}

const compile::FieldValue* FileItem::Get(terms::FieldId field) { return GetField(ctx_.schema.Field(field)); }

const compile::FieldValue* FileItem::GetField(FileField f) {
  if (f == FileField::kNone || f >= FileField::kCount) return nullptr;
  std::size_t i = static_cast<std::size_t>(f);
  if (!done_[i]) {
    Compute(f);
    done_.set(i);
  }
  return values_[i].empty() ? nullptr : &values_[i];
}

void FileItem::Compute(FileField f) {
  if (f <= FileField::kDrive) return ComputeName(f);
  if (f == FileField::kCreated) return ComputeCreated();
  if (f <= FileField::kFileAttributes) return ComputeStat();
  if (f <= FileField::kSecurityId) return ComputeOwner();
  if (f <= FileField::kStreamSize) return ComputeStreams();
  if (f <= FileField::kStreamSha256sum) return ComputeStreamDigests();
  if (IsDigestField(f)) return ComputeDigest(f);
  if (f == FileField::kStrings) return ComputeStrings();
  if (IsPeField(f)) return ComputePe();
}

// ---- name and path (free) ----

void FileItem::ComputeName(FileField f) {
  PathParts parts = SplitNativePath(entry_.full_path);
  std::string_view name = parts.name.empty() ? std::string_view(entry_.name) : parts.name;
  switch (f) {
    case FileField::kFullPath:
      if (!entry_.full_path.empty()) Slot(f).push_back(Text(entry_.full_path));
      break;
    case FileField::kFilePath:
      if (!parts.folder.empty()) Slot(f).push_back(Text(std::string(parts.folder)));
      break;
    case FileField::kFileName:
      if (!name.empty()) Slot(f).push_back(Text(std::string(name)));
      break;
    case FileField::kDrive:
      if (!parts.drive.empty()) Slot(f).push_back(Text(std::string(parts.drive)));
      break;
    case FileField::kFileExtension: {
      // After the last dot; none when there is no dot, only a leading one, or nothing after it.
      std::size_t dot = name.rfind('.');
      if (dot != std::string::npos && dot != 0 && dot + 1 < name.size()) {
        Slot(f).push_back(Text(std::string(name.substr(dot + 1))));
      }
      break;
    }
    default:
      break;
  }
}

// ---- stat and owner ----

const std::optional<platform::FileStat>& FileItem::Stat() {
  if (!stat_done_) {
    stat_done_ = true;
    stat_has_btime_query_ = true;
    stat_ = platform::StatAt(entry_.dir_fd, entry_.name.c_str(), ctx_.options.follow_symlinks);
    if (!stat_) ++ctx_.counters.stat_failed;
  }
  return stat_;
}

void FileItem::ComputeStat() {
  for (FileField f : {FileField::kSizeInBytes, FileField::kModified, FileField::kAccessed, FileField::kChanged,
                      FileField::kPermissions, FileField::kINode, FileField::kFileAttributes}) {
    Done(f);
  }
  if (!Stat()) return;
  const platform::FileStat& st = *stat_;
  Slot(FileField::kSizeInBytes).push_back(Int(static_cast<std::int64_t>(st.size)));
  Slot(FileField::kModified).push_back(Date(st.mtime));
  Slot(FileField::kAccessed).push_back(Date(st.atime));
  Slot(FileField::kChanged).push_back(Date(st.ctime));
  Slot(FileField::kPermissions).push_back(Int(st.mode & 07777));
  Slot(FileField::kINode).push_back(Int(static_cast<std::int64_t>(st.ino)));
  if (st.attributes != 0) Slot(FileField::kFileAttributes).push_back(Text(FileAttributesText(st.attributes)));
}

void FileItem::ComputeCreated() {
  if (!Stat()) return;
  std::optional<std::int64_t> btime = stat_->btime;
  if (!btime && !stat_has_btime_query_) {
    // The walker's stat had no birth time field: ask statx once, for the same file only.
    stat_has_btime_query_ = true;
    auto again = platform::StatAt(entry_.dir_fd, entry_.name.c_str(), ctx_.options.follow_symlinks);
    if (again && again->dev == stat_->dev && again->ino == stat_->ino) {
      btime = again->btime;
      stat_->btime = btime;
    }
  }
  if (btime) Slot(FileField::kCreated).push_back(Date(*btime));
}

void FileItem::ComputeOwner() {
  for (FileField f : {FileField::kUsername, FileField::kGroup, FileField::kGroupId, FileField::kSecurityId}) Done(f);
  if (!Stat()) return;
  if (!stat_->has_owner_ids) {
    // Owners are SIDs (Windows): read from the security descriptor.
    if (std::optional<platform::FileOwner> owner = platform::OwnerOf(entry_.dir_fd, entry_.name.c_str())) {
      if (!owner->name.empty()) Slot(FileField::kUsername).push_back(Text(owner->name));
      Slot(FileField::kSecurityId).push_back(Text(owner->sid));
    }
    return;
  }
  Slot(FileField::kUsername).push_back(Text(ctx_.users.UserName(stat_->uid)));
  Slot(FileField::kGroup).push_back(Text(ctx_.users.GroupName(stat_->gid)));
  Slot(FileField::kGroupId).push_back(Int(stat_->gid));
}

void FileItem::ComputeStreams() {
  Done(FileField::kStreamName);
  Done(FileField::kStreamSize);
  for (platform::DataStream& s : platform::AlternateStreams(entry_.dir_fd, entry_.name.c_str())) {
    Slot(FileField::kStreamName).push_back(Text(std::move(s.name)));
    Slot(FileField::kStreamSize).push_back(Int(static_cast<std::int64_t>(s.size)));
  }
}

// The three digests of every named stream in one read of each (streams are rarely more than a
// Zone.Identifier; one over --max-size is skipped and counted). Values follow the streams' order.
void FileItem::ComputeStreamDigests() {
  for (FileField f : {FileField::kStreamMd5sum, FileField::kStreamSha1sum, FileField::kStreamSha256sum}) Done(f);
  const compile::FieldValue* names = GetField(FileField::kStreamName);
  if (!names) return;
  if (ctx_.buffer.size() < kReadBufferBytes) ctx_.buffer.resize(kReadBufferBytes);
  for (const compile::Scalar& stream : *names) {
    platform::OpenResult opened = platform::OpenDataStream(entry_.dir_fd, entry_.name.c_str(), stream.text);
    if (!opened.ok()) {
      ++ctx_.counters.unreadable[static_cast<int>(opened.failure)];
      continue;
    }
    if (opened.file.size() > ctx_.options.max_read_bytes) {
      ++ctx_.counters.over_max_size;
      continue;
    }
    hash::MultiDigest digest(hash::kMd5 | hash::kSha1 | hash::kSha256);
    std::int64_t n = 0;
    while ((n = opened.file.Read(ctx_.buffer.data(), ctx_.buffer.size())) > 0) {
      digest.Update(ctx_.buffer.data(), static_cast<std::size_t>(n));
      ctx_.counters.bytes_read += static_cast<std::uint64_t>(n);
    }
    if (n < 0) {
      ++ctx_.counters.read_errors;
      continue;
    }
    hash::Digests d = digest.Finish();
    Slot(FileField::kStreamMd5sum).push_back(Text(std::move(d.md5)));
    Slot(FileField::kStreamSha1sum).push_back(Text(std::move(d.sha1)));
    Slot(FileField::kStreamSha256sum).push_back(Text(std::move(d.sha256)));
  }
}

// ---- content ----

bool FileItem::ContentAllowed() {
  if (!content_checked_) {
    content_checked_ = true;
    if (!Stat()) return content_allowed_ = false;
    if (stat_->type != platform::FileType::kRegular) {
      ++ctx_.counters.not_regular;
      return content_allowed_ = false;
    }
    if (stat_->size > ctx_.options.max_read_bytes) {
      ++ctx_.counters.over_max_size;
      return content_allowed_ = false;
    }
    content_allowed_ = true;
  }
  return content_allowed_ && !content_failed_;
}

void FileItem::ComputeDigest(FileField f) {
  hash::DigestMask bit = DigestBit(f);
  if (!(digests_done_ & bit) && ContentAllowed()) {
    PassPlan plan;
    plan.digests = static_cast<hash::DigestMask>((ctx_.options.digests | bit) & ~digests_done_);
    plan.pe = ctx_.options.pe_wanted && !pe_done_;
    plan.whole_file = true;
    RunPass(plan);
  }
  digests_done_ |= bit;  // attempted: an unreadable file is not retried
}

void FileItem::CompleteDigests(hash::DigestMask mask) {
  hash::DigestMask missing = static_cast<hash::DigestMask>(mask & ~digests_done_);
  if (missing == 0 || !ContentAllowed()) return;
  PassPlan plan;
  plan.digests = missing;
  plan.whole_file = true;
  RunPass(plan);
}

void FileItem::ComputePe() {
  if (pe_done_) return;
  if (ContentAllowed()) {
    PassPlan plan;
    plan.pe = true;
    hash::DigestMask missing = static_cast<hash::DigestMask>(ctx_.options.digests & ~digests_done_);
    if (missing != 0 && stat_->size <= ctx_.options.pe_max_bytes) {
      plan.digests = missing;  // the PE read covers the whole file anyway
      plan.whole_file = true;
    }
    RunPass(plan);
  }
  pe_done_ = true;
  for (std::size_t i = static_cast<std::size_t>(FileField::kPeType); i < kFileFieldCount; ++i) done_.set(i);
}

void FileItem::ComputeStrings() {
  if (strings_done_) return;
  if (ContentAllowed()) {
    PassPlan plan;
    plan.strings = true;
    plan.whole_file = true;
    plan.digests = static_cast<hash::DigestMask>(ctx_.options.digests & ~digests_done_);
    plan.pe = ctx_.options.pe_wanted && !pe_done_;
    RunPass(plan);
  }
  strings_done_ = true;
}

bool FileItem::RunPass(const PassPlan& plan) {
  platform::OpenResult opened = ctx_.reader.Open(entry_.dir_fd, entry_.name.c_str(), {stat_->dev, stat_->ino},
                                                 ctx_.options.follow_symlinks);
  if (!opened.ok()) {
    ++ctx_.counters.unreadable[static_cast<int>(opened.failure)];
    return FailPass(plan, opened.failure);
  }
  // Distinct files: a matched file re-read for its card's other digests counts once.
  if (!opened_before_) ++ctx_.counters.files_opened;
  opened_before_ = true;
  platform::OpenedFile& file = opened.file;
  if (plan.whole_file && file.size() > ctx_.options.max_read_bytes) {  // grew past --max-size since the stat
    ++ctx_.counters.over_max_size;
    return FailPass(plan, platform::OpenFailure::kNone);
  }
  std::optional<hash::MultiDigest> digest;
  if (plan.digests) digest.emplace(plan.digests);
  std::optional<StringExtractor> strings;
  if (plan.strings) strings.emplace(ctx_.options.strings);
  std::vector<unsigned char>& pe = ctx_.pe_buffer;
  pe.clear();
  bool pe_capture = plan.pe;
  const std::uint64_t pe_cap = ctx_.options.pe_max_bytes;
  const std::uint64_t limit = plan.whole_file ? file.size() : std::min<std::uint64_t>(file.size(), pe_cap);
  if (ctx_.buffer.size() < kReadBufferBytes) ctx_.buffer.resize(kReadBufferBytes);

  std::uint64_t done = 0;
  while (done < limit) {
    std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(ctx_.buffer.size(), limit - done));
    // A PE-only pass probes the start first, so a non-PE costs one small read.
    if (!plan.whole_file && done == 0) want = std::min(want, kPeProbeBytes);
    std::int64_t n = file.Read(ctx_.buffer.data(), want);
    if (n < 0) {
      ++ctx_.counters.read_errors;
      return FailPass(plan, platform::OpenFailure::kOther);
    }
    if (n == 0) break;  // the file shrank since open: what was there is what we have
    done += static_cast<std::uint64_t>(n);
    if (done > bytes_counted_) {  // a later pass over the same bytes does not count them again
      ctx_.counters.bytes_read += done - bytes_counted_;
      bytes_counted_ = done;
    }
    std::string_view chunk(ctx_.buffer.data(), static_cast<std::size_t>(n));
    if (digest) digest->Update(chunk);
    if (strings) strings->Feed(chunk);
    if (pe_capture) {
      std::size_t room = static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), pe_cap - pe.size()));
      pe.insert(pe.end(), chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(room));
      if (pe.size() >= 2 && !(pe[0] == 'M' && pe[1] == 'Z')) pe_capture = false;  // not a PE
    }
    if (!plan.whole_file && !pe_capture) break;
  }

  if (digest) {
    hash::Digests d = digest->Finish();
    auto keep = [this](FileField f, std::string& hex, std::string& kept) {
      if (hex.empty()) return;
      kept = hex;
      Slot(f).push_back(Text(std::move(hex)));
    };
    keep(FileField::kMd5sum, d.md5, digests_.md5);
    keep(FileField::kSha1sum, d.sha1, digests_.sha1);
    keep(FileField::kSha256sum, d.sha256, digests_.sha256);
    digests_done_ |= plan.digests;
    for (FileField f : {FileField::kMd5sum, FileField::kSha1sum, FileField::kSha256sum}) {
      if (plan.digests & DigestBit(f)) Done(f);
    }
  }
  if (strings) {
    for (std::string& s : strings->Finish()) Slot(FileField::kStrings).push_back(Text(std::move(s)));
    strings_done_ = true;
    Done(FileField::kStrings);
  }
  if (plan.pe) StorePe(file.size());
  return true;
}

bool FileItem::FailPass(const PassPlan& plan, platform::OpenFailure why) {
  // Every content field of this item is now absent; nothing is retried.
  content_failed_ = true;
  content_failure_ = why;
  digests_done_ |= plan.digests;
  if (plan.pe) pe_done_ = true;
  if (plan.strings) strings_done_ = true;
  return false;
}

void FileItem::StorePe(std::uint64_t file_size) {
  pe_done_ = true;
  for (std::size_t i = static_cast<std::size_t>(FileField::kPeType); i < kFileFieldCount; ++i) done_.set(i);
  std::vector<unsigned char>& bytes = ctx_.pe_buffer;
  std::optional<pe::PeInfo> info = pe::ParsePe(bytes, file_size);
  bytes.clear();
  if (!info) return;
  Slot(FileField::kPeType).push_back(Text(std::string(pe::TypeName(*info))));
  Slot(FileField::kPeTimeStamp).push_back(Date(info->timestamp));
  Slot(FileField::kPeNumberOfSections).push_back(Int(info->number_of_sections));
  Slot(FileField::kPeActualNumberOfSections).push_back(Int(static_cast<std::int64_t>(info->sections.size())));
  for (const pe::Section& s : info->sections) {
    Slot(FileField::kPeSectionName).push_back(Text(s.name));
    Slot(FileField::kPeSectionSize).push_back(Int(s.raw_size));
    if (s.entropy) Slot(FileField::kPeSectionEntropy).push_back(Real(*s.entropy));
  }
  if (info->has_optional_header) {
    Slot(FileField::kPeSubsystem).push_back(Text(std::string(pe::SubsystemName(info->subsystem))));
    Slot(FileField::kPeBaseAddress).push_back(Int(static_cast<std::int64_t>(info->image_base)));
    Slot(FileField::kPeChecksum).push_back(Int(info->checksum));
    Slot(FileField::kPeSignatureExists).push_back(Bool(info->signature_exists));
  }
  for (const pe::ImportedModule& m : info->imports) {
    if (!m.name.empty()) Slot(FileField::kPeModuleName).push_back(Text(m.name));
    Slot(FileField::kPeModuleFunctionCount).push_back(Int(static_cast<std::int64_t>(m.functions.size())));
    for (const std::string& fn : m.functions) Slot(FileField::kPeImportedFunction).push_back(Text(fn));
  }
  if (info->has_exports) {
    if (!info->export_dll_name.empty()) Slot(FileField::kPeExportDllName).push_back(Text(info->export_dll_name));
    Slot(FileField::kPeExportFunctionCount).push_back(Int(info->export_function_count));
    Slot(FileField::kPeExportNameCount).push_back(Int(info->export_name_count));
    Slot(FileField::kPeExportTimeStamp).push_back(Date(info->export_timestamp));
    for (const std::string& fn : info->exports) Slot(FileField::kPeExportedFunction).push_back(Text(fn));
  }
  for (const pe::VersionTable& table : info->version_info) {
    if (!table.language.empty()) Slot(FileField::kPeVersionLanguage).push_back(Text(table.language));
    for (const auto& [key, value] : table.strings) {
      if (value.empty()) continue;
      for (std::size_t i = static_cast<std::size_t>(FileField::kPeVersionCompanyName);
           i < static_cast<std::size_t>(FileField::kPeVersionLanguage); ++i) {
        if (VersionKey(static_cast<FileField>(i)) == key) values_[i].push_back(Text(value));
      }
    }
  }
}

// ---- card ----

FileCard FileItem::Card() {
  FileCard card;
  card.full_path = entry_.full_path;
  if (const FieldValue* name = GetField(FileField::kFileName)) card.file_name = name->front().text;
  if (Stat()) {
    card.size = stat_->size;
    card.modified = stat_->mtime;
    card.accessed = stat_->atime;
    card.changed = stat_->ctime;
  }
  // The walker's stat may lack the birth time (a followed link is stat'ed without statx's btime).
  if (const FieldValue* created = GetField(FileField::kCreated); created && !created->empty()) {
    card.created = created->front().integer;
  }
  card.md5 = digests_.md5;
  card.sha1 = digests_.sha1;
  card.sha256 = digests_.sha256;
  return card;
}

}  // namespace iocscan::collect
