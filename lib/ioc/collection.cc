// Loading IOC collections: plain files, folders (walked with an explicit stack, sorted by name) and
// ZIP archives (read in memory with libzip, under the caps of core/limits.h).
#include "ioc/collection.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "core/limits.h"
#include "core/native_path.h"
#include "ioc/parse.h"
#include "ioc/text_util.h"
#include "ioc/zip_reader.h"

namespace iocscan::ioc {
namespace {

namespace fs = std::filesystem;

bool IsIocFileName(std::string_view name) { return HasExtension(name, ".ioc") || HasExtension(name, ".xml"); }

// Reads at most `max` bytes of a regular file; more than that is an error, checked by size first and
// again while reading (the file may grow in between).
Result<std::string> ReadCapped(const std::string& path, std::uint64_t max) {
  std::error_code ec;
  std::uint64_t size = fs::file_size(PathFromUtf8(path), ec);
  if (ec) return Error{path, OneLine("cannot read: " + ec.message())};
  if (size > max) return Error{path, std::string("larger than ") + limits::kMaxIocFileSize + ", refused"};
  std::ifstream in(PathFromUtf8(path), std::ios::binary);
  if (!in) return Error{path, "cannot open for reading"};
  // Room for the size seen plus one byte, to notice growth; only a growing file gets the full cap.
  std::string data(static_cast<std::size_t>(size) + 1, '\0');
  std::size_t got = 0;
  while (in && got < data.size()) {
    in.read(data.data() + got, static_cast<std::streamsize>(data.size() - got));
    got += static_cast<std::size_t>(in.gcount());
    if (got == data.size() && data.size() <= max) data.resize(static_cast<std::size_t>(max) + 1);
  }
  if (in.bad()) return Error{path, "read error"};
  if (got > max) return Error{path, std::string("larger than ") + limits::kMaxIocFileSize + ", refused"};
  data.resize(got);
  return data;
}

bool StartsWithZipMagic(const std::string& path) {
  std::ifstream in(PathFromUtf8(path), std::ios::binary);
  char magic[4] = {};
  if (!in.read(magic, 4)) return false;
  return magic[0] == 'P' && magic[1] == 'K' && ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6));
}

void LoadIocFile(const std::string& path, LoadedIocs& out) {
  Result<std::string> bytes = ReadCapped(path, limits::kMaxIocFileBytes);
  if (!bytes.ok()) {
    out.refused.push_back({bytes.error().source, bytes.error().message});
    return;
  }
  Warnings warnings;
  Result<Ioc> ioc = ParseIoc(bytes.value(), path, &warnings);
  if (!ioc.ok()) {
    out.refused.push_back({ioc.error().source, ioc.error().message});
    return;
  }
  out.iocs.push_back(std::move(ioc).value());
  out.warnings.insert(out.warnings.end(), warnings.begin(), warnings.end());
}

// A ZIP entry's bytes (already bounded by zip_reader) into the collection. Entries named *.ioc/*.xml
// that do not parse are refused; other entries are IOCs only if their root says so, else skipped.
void AddZipEntry(ZipEntry entry, LoadedIocs& out) {
  Warnings warnings;
  Result<Ioc> ioc = ParseIoc(entry.bytes, entry.source, &warnings);
  if (ioc.ok()) {
    out.iocs.push_back(std::move(ioc).value());
    out.warnings.insert(out.warnings.end(), warnings.begin(), warnings.end());
  } else if (IsIocFileName(entry.name)) {
    out.refused.push_back({ioc.error().source, ioc.error().message});
  } else {
    out.warnings.push_back({entry.source, "skipped, not an IOC (" + ioc.error().message + ")"});
  }
}

void LoadZip(const std::string& path, LoadedIocs& out) {
  LoadedIocs local;  // merged only when the archive as a whole is accepted
  Status status = ReadZip(path, [&](ZipEntry entry) { AddZipEntry(std::move(entry), local); },
                          [&](Warning w, bool refused) { (refused ? local.refused : local.warnings).push_back(std::move(w)); });
  if (!status.ok()) {
    out.refused.push_back({status.error().source, status.error().message});
    return;
  }
  std::move(local.iocs.begin(), local.iocs.end(), std::back_inserter(out.iocs));
  out.warnings.insert(out.warnings.end(), local.warnings.begin(), local.warnings.end());
  out.refused.insert(out.refused.end(), local.refused.begin(), local.refused.end());
}

void LoadFile(const std::string& path, LoadedIocs& out) {
  if (HasExtension(path, ".zip") || StartsWithZipMagic(path)) {
    LoadZip(path, out);
  } else {
    LoadIocFile(path, out);
  }
}

// Depth-first in name order, without recursion: entries of a folder are pushed in reverse order so
// the smallest name is handled first. Symlinked folders are not followed; symlinked files are.
void LoadFolder(const std::string& root, LoadedIocs& out) {
  struct Pending {
    fs::path path;
    int depth;
    bool folder;
  };
  // Paths are reported with the OS's separators: "samples/iocs" + "a.ioc" is "samples\\iocs\\a.ioc" on
  // Windows, not a mix of both.
  std::vector<Pending> stack{{PathFromUtf8(root).make_preferred(), 0, true}};
  while (!stack.empty()) {
    Pending p = std::move(stack.back());
    stack.pop_back();
    if (!p.folder) {
      LoadFile(Utf8FromPath(p.path), out);
      continue;
    }
    if (p.depth > limits::kMaxCollectionDepth) {
      out.warnings.push_back({Utf8FromPath(p.path), "folder nested deeper than 64 levels, not searched"});
      continue;
    }
    std::error_code ec;
    std::vector<Pending> children;
    for (fs::directory_iterator it(p.path, ec), end; !ec && it != end; it.increment(ec)) {
      const fs::directory_entry& e = *it;
      std::error_code sec;
      if (e.is_directory(sec) && !e.is_symlink(sec)) {
        children.push_back({e.path(), p.depth + 1, true});
      } else if (e.is_regular_file(sec) && IsIocFileName(Utf8FromPath(e.path().filename()))) {
        children.push_back({e.path(), p.depth + 1, false});
      }
    }
    if (ec) out.refused.push_back({Utf8FromPath(p.path), OneLine("cannot read folder: " + ec.message())});
    std::sort(children.begin(), children.end(),
              [](const Pending& a, const Pending& b) { return a.path.filename() > b.path.filename(); });
    std::move(children.begin(), children.end(), std::back_inserter(stack));
  }
}

// Two IOCs with one id are both kept; the later one is reported, naming the first.
void WarnDuplicateIds(LoadedIocs& out) {
  std::unordered_map<std::string_view, const Ioc*> first;
  for (const Ioc& ioc : out.iocs) {
    if (ioc.meta.id.empty()) continue;
    auto [it, inserted] = first.emplace(ioc.meta.id, &ioc);
    if (!inserted) {
      out.warnings.push_back({ioc.source, OneLine("duplicate IOC id " + ioc.meta.id + " (also in " +
                                                  it->second->source + "), both kept")});
    }
  }
}

}  // namespace

LoadedIocs LoadIocs(const std::vector<std::string>& paths) {
  LoadedIocs out;
  for (const std::string& path : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(PathFromUtf8(path), ec);
    if (ec || !fs::exists(st)) {
      out.refused.push_back({path, "no such file or folder"});
    } else if (fs::is_directory(st)) {
      LoadFolder(path, out);
    } else if (fs::is_regular_file(st)) {
      LoadFile(path, out);
    } else {
      out.refused.push_back({path, "not a regular file or folder"});
    }
  }
  WarnDuplicateIds(out);
  return out;
}

}  // namespace iocscan::ioc
