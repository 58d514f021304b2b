#include "terms/value.h"

#include <array>
#include <utility>

#include "core/ascii.h"

namespace iocscan::terms {

std::string_view ValueTypeName(ValueType t) {
  switch (t) {
    case ValueType::kString: return "string";
    case ValueType::kInt: return "int";
    case ValueType::kDouble: return "double";
    case ValueType::kDate: return "date";
    case ValueType::kBool: return "bool";
    case ValueType::kIp: return "IP";
    case ValueType::kMd5: return "md5";
    case ValueType::kSha1: return "sha1";
    case ValueType::kSha256: return "sha256";
  }
  return "string";
}

std::optional<ValueType> ParseValueType(std::string_view text) {
  // int/uint64 and double/float are one family each (openioc-notes §6).
  static constexpr std::array<std::pair<std::string_view, ValueType>, 11> kNames{{
      {"string", ValueType::kString},
      {"int", ValueType::kInt},
      {"uint64", ValueType::kInt},
      {"double", ValueType::kDouble},
      {"float", ValueType::kDouble},
      {"date", ValueType::kDate},
      {"bool", ValueType::kBool},
      {"IP", ValueType::kIp},
      {"md5", ValueType::kMd5},
      {"sha1", ValueType::kSha1},
      {"sha256", ValueType::kSha256},
  }};
  for (const auto& [name, type] : kNames) {
    if (EqualsIgnoreCase(text, name)) return type;
  }
  return std::nullopt;
}

}  // namespace iocscan::terms
