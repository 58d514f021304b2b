#include "terms/conditions.h"

#include <array>

#include "core/ascii.h"

namespace iocscan::terms {
namespace {

constexpr std::array<std::string_view, 5> kStringConditions = {"is", "contains", "starts-with",
                                                               "ends-with", "matches"};
constexpr std::array<std::string_view, 1> kIsOnly = {"is"};
// The changelog allows `matches` on IP; real files also use contains/starts-with on partial
// addresses (72.55.), which semantics.md accepts.
constexpr std::array<std::string_view, 4> kIpConditions = {"is", "contains", "starts-with",
                                                           "matches"};
constexpr std::array<std::string_view, 3> kOrderedConditions = {"is", "greater-than", "less-than"};

}  // namespace

std::span<const std::string_view> ApplicableConditions(ValueType type) {
  switch (type) {
    case ValueType::kString: return kStringConditions;
    case ValueType::kIp: return kIpConditions;
    case ValueType::kInt:
    case ValueType::kDouble:
    case ValueType::kDate: return kOrderedConditions;
    case ValueType::kBool:
    case ValueType::kMd5:
    case ValueType::kSha1:
    case ValueType::kSha256: return kIsOnly;
  }
  return kIsOnly;
}

bool ConditionApplies(std::string_view condition, ValueType type) {
  for (std::string_view c : ApplicableConditions(type)) {
    if (EqualsIgnoreCase(c, condition)) return true;
  }
  return false;
}

bool AcceptsRange(ValueType type) {
  return type == ValueType::kInt || type == ValueType::kDouble || type == ValueType::kDate;
}

}  // namespace iocscan::terms
