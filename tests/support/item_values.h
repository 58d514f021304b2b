// Reading a collected item's fields by search path in tests: all the values of a term (none when
// the item has no such field), as texts or as integers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compile/item.h"
#include "terms/registry.h"

namespace iocscan::testing {

inline const compile::FieldValue& ValuesOf(compile::Item& item, std::string_view search) {
  static const compile::FieldValue kNone;
  const compile::FieldValue* v = item.Get(*terms::FindTerm(search));
  return v ? *v : kNone;
}

inline std::vector<std::string> TextsOf(compile::Item& item, std::string_view search) {
  std::vector<std::string> out;
  for (const compile::Scalar& s : ValuesOf(item, search)) out.push_back(s.text);
  return out;
}

inline std::vector<std::int64_t> IntsOf(compile::Item& item, std::string_view search) {
  std::vector<std::int64_t> out;
  for (const compile::Scalar& s : ValuesOf(item, search)) out.push_back(s.integer);
  return out;
}

}  // namespace iocscan::testing
