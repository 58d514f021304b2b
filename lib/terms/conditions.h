// Which OpenIOC 1.1 conditions make sense for which content type: the applicability table of the
// 1.1 changelog (openioc-notes §5). The compiler uses it to call a term unsupported
// (`greater-than` on a string), `iocscan terms` to show it. Names are the canonical 1.1 spellings;
// 1.0 forms (isnot, containsnot) and the begins-with alias are the parser's business.
#pragma once

#include <span>
#include <string_view>

#include "terms/value.h"

namespace iocscan::terms {

// In a fixed order: is, contains, starts-with, ends-with, matches, greater-than, less-than.
std::span<const std::string_view> ApplicableConditions(ValueType type);

// True when `condition` (case-insensitive) applies to `type`.
bool ConditionApplies(std::string_view condition, ValueType type);

// True for the types whose `is` also takes a range (A TO B, [A TO B], {A TO B}): int, double, date.
bool AcceptsRange(ValueType type);

}  // namespace iocscan::terms
