#include "platform/linux/mounts.h"

#include <fcntl.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>

namespace iocscan::platform {
namespace {

// Splits on single spaces (mountinfo never has empty fields: spaces inside values are escaped).
std::vector<std::string_view> SplitFields(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos <= line.size()) {
    std::size_t end = line.find(' ', pos);
    if (end == std::string_view::npos) end = line.size();
    if (end > pos) out.push_back(line.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

bool ParseDevice(std::string_view text, unsigned* major, unsigned* minor) {
  std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) return false;
  const char* b = text.data();
  auto r1 = std::from_chars(b, b + colon, *major);
  auto r2 = std::from_chars(b + colon + 1, b + text.size(), *minor);
  return r1.ec == std::errc() && r1.ptr == b + colon && r2.ec == std::errc() &&
         r2.ptr == b + text.size();
}

bool IsOctal(char c) { return c >= '0' && c <= '7'; }

// One line: 6 fixed fields, optional fields, "-", then type, source, super options.
bool ParseLine(std::string_view line, MountInfo* out) {
  std::vector<std::string_view> f = SplitFields(line);
  if (f.size() < 10) return false;
  std::size_t dash = 6;
  while (dash < f.size() && f[dash] != "-") ++dash;
  if (dash + 2 >= f.size()) return false;  // need type and source after "-"
  if (!ParseDevice(f[2], &out->major, &out->minor)) return false;
  out->root = UnescapeMountField(f[3]);
  out->mount_point = UnescapeMountField(f[4]);
  out->fs_type = UnescapeMountField(f[dash + 1]);
  out->source = UnescapeMountField(f[dash + 2]);
  out->options = std::string(f[5]);
  out->super_options = dash + 3 < f.size() ? std::string(f[dash + 3]) : std::string();
  return true;
}

}  // namespace

dev_t MountInfo::dev() const { return makedev(major, minor); }

std::string UnescapeMountField(std::string_view field) {
  std::string out;
  out.reserve(field.size());
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 3 < field.size() && IsOctal(field[i + 1]) &&
        IsOctal(field[i + 2]) && IsOctal(field[i + 3])) {
      int v = (field[i + 1] - '0') * 64 + (field[i + 2] - '0') * 8 + (field[i + 3] - '0');
      out.push_back(static_cast<char>(v & 0xff));
      i += 3;
    } else {
      out.push_back(field[i]);
    }
  }
  return out;
}

std::vector<MountInfo> ParseMountInfo(std::string_view text, int* bad_lines) {
  std::vector<MountInfo> out;
  int bad = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty()) continue;
    MountInfo m;
    if (ParseLine(line, &m)) {
      out.push_back(std::move(m));
    } else {
      ++bad;
    }
  }
  if (bad_lines != nullptr) *bad_lines = bad;
  return out;
}

std::vector<MountInfo> ReadMountInfo() {
  int fd = ::open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  std::string text;
  char buf[16384];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return ParseMountInfo(text);
}

std::string_view FsTypeFromMagic(unsigned long magic) {
  // From linux/magic.h and the filesystems' own sources (not every one is in that header).
  struct Magic {
    unsigned long value;
    std::string_view name;
  };
  static constexpr Magic kMagics[] = {
      {0x9fa0, "proc"},           {0x62656572, "sysfs"},     {0x1cd1, "devpts"},
      {0x01021994, "tmpfs"},      {0x27e0eb, "cgroup"},      {0x63677270, "cgroup2"},
      {0x73636673, "securityfs"}, {0x64626720, "debugfs"},   {0x74726163, "tracefs"},
      {0x6165676c, "pstore"},     {0xcafe4a11, "bpf"},       {0x62656570, "configfs"},
      {0x65735543, "fusectl"},    {0x19800202, "mqueue"},    {0x958458f6, "hugetlbfs"},
      {0x42494e4d, "binfmt_misc"}, {0x0187, "autofs"},       {0xde5e81e4, "efivarfs"},
      {0xf97cff8c, "selinuxfs"},  {0x6e736673, "nsfs"},      {0x67596969, "rpc_pipefs"},
      {0x6969, "nfs"},            {0x517b, "smbfs"},         {0xff534d42, "cifs"},
      {0xfe534d42, "smb3"},       {0x65735546, "fuse"},      {0x00c36400, "ceph"},
      {0x5346414f, "afs"},        {0x01021997, "9p"},        {0x794c7630, "overlay"},
      {0xef53, "ext4"},           {0x58465342, "xfs"},       {0x9123683e, "btrfs"},
      {0x2fc12fc1, "zfs"},        {0x4d44, "vfat"},          {0xf2f52010, "f2fs"},
      {0x858458f6, "ramfs"},      {0x73717368, "squashfs"},  {0x9660, "iso9660"},
      {0x5346544e, "ntfs"},       {0x2011bab0, "exfat"},
  };
  for (const Magic& m : kMagics) {
    if (m.value == magic) return m.name;
  }
  return {};
}

}  // namespace iocscan::platform
