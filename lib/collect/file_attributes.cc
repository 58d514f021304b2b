#include "collect/file_attributes.h"

#include <cstdio>

namespace iocscan::collect {
namespace {

struct Name {
  std::uint32_t bit;
  const char* text;
};

// The FILE_ATTRIBUTE_* values (winnt.h), in bit order.
constexpr Name kNames[] = {
    {0x1, "ReadOnly"},          {0x2, "Hidden"},          {0x4, "System"},        {0x10, "Directory"},
    {0x20, "Archive"},          {0x40, "Device"},         {0x80, "Normal"},       {0x100, "Temporary"},
    {0x200, "SparseFile"},      {0x400, "ReparsePoint"},  {0x800, "Compressed"},  {0x1000, "Offline"},
    {0x2000, "NotContentIndexed"}, {0x4000, "Encrypted"}, {0x8000, "IntegrityStream"},
    {0x20000, "NoScrubData"},
};

}  // namespace

std::string FileAttributesText(std::uint32_t attributes) {
  std::string out;
  auto add = [&out](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
  for (const Name& n : kNames) {
    if (attributes & n.bit) {
      add(n.text);
      attributes &= ~n.bit;
    }
  }
  for (std::uint32_t bit = 1; bit != 0; bit <<= 1) {
    if (attributes & bit) {
      char hex[16];
      std::snprintf(hex, sizeof hex, "0x%08x", bit);
      add(hex);
    }
  }
  return out;
}

}  // namespace iocscan::collect
