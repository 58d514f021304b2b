// One term, normalised and typed: the predicate a leaf of the evaluation tree tests on one value.
//
// MakeCondition applies every rule of semantics.md "Conditions": condition names case-insensitive,
// isnot/containsnot = is/contains + negate, begins-with = starts-with, the registry's type wins over
// Content/@type, Content trimmed for every type but strings, typed operands (64-bit ints, ranges,
// ISO 8601 dates, lower-case validated hashes, IP addresses, xs:boolean), RE2 for `matches`.
// Anything that cannot be evaluated faithfully is an error string: the compiler makes the term
// unsupported (never true) and warns.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <re2/re2.h>

#include "compile/item.h"
#include "core/result.h"
#include "ioc/model.h"
#include "terms/registry.h"

namespace iocscan::compile {

enum class Op : std::uint8_t { kIs, kContains, kStartsWith, kEndsWith, kMatches, kGreaterThan, kLessThan };

std::string_view OpName(Op op);

// The condition name normalised: {op, extra negation}. nullopt-like false when unknown.
struct ParsedCondition {
  Op op = Op::kIs;
  bool negated = false;  // from isnot / containsnot / any known condition + "not"
};
bool ParseConditionName(std::string_view name, ParsedCondition* out);

struct Condition {
  terms::FieldId field = 0;
  terms::ValueType type = terms::ValueType::kString;
  Op op = Op::kIs;
  bool negate = false;
  bool preserve_case = false;
  bool unicode_fold = true;  // false for raw-bytes fields: ASCII folding only
  bool fold = false;         // compare the item's folded text with `text`

  std::string text;  // string/hash/IP-text operand (folded when `fold`)
  // int/date/bool (`integer`) and double (`real`): a value or a range lo..hi.
  std::int64_t lo = 0, hi = 0;
  double dlo = 0, dhi = 0;
  bool lo_open = false, hi_open = false;
  std::array<unsigned char, 16> ip{};  // `is` on IP: IPv6 form (IPv4 as ::ffff:a.b.c.d)
  std::shared_ptr<const RE2> re;       // `matches`

  // True when the equality index (index.h) can answer this condition exactly.
  bool EqualityIndexable() const;
  // True when an RE2::Set prefilter can stand for it (contains/starts/ends/matches on text).
  bool SetIndexable() const;
  // The RE2::Set pattern for SetIndexable() conditions.
  std::string SetPattern() const;
  // The key of the operand in the equality index.
  std::string IndexKey() const;
};

// `folded` is the item's text folded the field's way when c.fold, else ignored.
bool TestScalar(const Condition& c, const Scalar& value, std::string_view folded);

// The equality-index key of an item value for a field of `type` (false when it has none, e.g. an
// IP that does not parse). `folded` as above; `exact` selects the preserve-case string table.
bool ItemIndexKey(terms::ValueType type, bool exact, const Scalar& value, std::string_view folded,
                  std::string* key);

// Parses an IP address into the 16-byte form (IPv4 mapped into ::ffff:0:0/96).
bool ParseIp(std::string_view text, std::array<unsigned char, 16>* out);

// Builds the condition for `term` on registry field `field`; the error is the problem, one line.
Result<Condition> MakeCondition(const ioc::Term& term, terms::FieldId field);

}  // namespace iocscan::compile
