#include "compile/condition.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "compile/text_fold.h"
#include "core/ip_address.h"
#include "core/limits.h"
#include "core/time.h"
#include "terms/conditions.h"

namespace iocscan::compile {
namespace {

using terms::ValueType;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  const char* ws = " \t\r\n";
  std::size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  std::size_t e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

bool ParseInt(std::string_view s, std::int64_t* out) {
  s = Trim(s);
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  int base = 10;
  bool neg = false;
  if (!s.empty() && s[0] == '-') {
    neg = true;
    s.remove_prefix(1);
  }
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s.remove_prefix(2);
  }
  if (s.empty()) return false;
  std::uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
  if (ec != std::errc() || p != s.data() + s.size()) return false;
  if (neg) {
    if (v > (std::uint64_t{1} << 63)) return false;
    *out = static_cast<std::int64_t>(0 - v);
    return true;
  }
  if (v > static_cast<std::uint64_t>(INT64_MAX)) return false;
  *out = static_cast<std::int64_t>(v);
  return true;
}

bool ParseDouble(std::string_view s, double* out) {
  s = Trim(s);
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool ParseBool(std::string_view s, std::int64_t* out) {
  std::string l = Lower(Trim(s));
  if (l == "true" || l == "1") { *out = 1; return true; }
  if (l == "false" || l == "0") { *out = 0; return true; }
  return false;
}

// One endpoint of an int/date/double operand.
bool ParseScalar(ValueType type, std::string_view s, std::int64_t* i, double* d) {
  switch (type) {
    case ValueType::kInt: return ParseInt(s, i);
    case ValueType::kDouble: return ParseDouble(s, d);
    case ValueType::kDate: {
      Result<std::int64_t> r = ParseIsoTime(Trim(s));
      if (!r.ok()) return false;
      *i = r.value();
      return true;
    }
    default: return false;
  }
}

// "A TO B", "[A TO B]", "{A TO B}" (mixed brackets allowed). Returns false when not a range.
bool SplitRange(std::string_view s, std::string_view* a, std::string_view* b, bool* lo_open,
                bool* hi_open) {
  std::string upper(s);
  for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  std::size_t to = upper.find(" TO ");
  if (to == std::string::npos) return false;
  *lo_open = *hi_open = false;
  std::string_view left = Trim(s.substr(0, to)), right = Trim(s.substr(to + 4));
  if (!left.empty() && (left[0] == '[' || left[0] == '{')) {
    *lo_open = left[0] == '{';
    left = Trim(left.substr(1));
  }
  if (!right.empty() && (right.back() == ']' || right.back() == '}')) {
    *hi_open = right.back() == '}';
    right = Trim(right.substr(0, right.size() - 1));
  }
  *a = left;
  *b = right;
  return true;
}

bool IsHex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

std::size_t HashLength(ValueType t) {
  return t == ValueType::kMd5 ? 32 : t == ValueType::kSha1 ? 40 : 64;
}

bool IsHashType(ValueType t) {
  return t == ValueType::kMd5 || t == ValueType::kSha1 || t == ValueType::kSha256;
}

bool IsTextCompare(const Condition& c) {
  return c.type == ValueType::kString || IsHashType(c.type) ||
         (c.type == ValueType::kIp && c.op != Op::kIs);
}

template <class T>
bool Compare(const Condition& c, T v, T lo, T hi) {
  switch (c.op) {
    case Op::kIs:
      return (c.lo_open ? v > lo : v >= lo) && (c.hi_open ? v < hi : v <= hi);
    case Op::kGreaterThan: return v > lo;
    case Op::kLessThan: return v < lo;
    default: return false;
  }
}

bool TestText(const Condition& c, std::string_view v) {
  std::string_view t = c.text;
  switch (c.op) {
    case Op::kIs: return v == t;
    case Op::kContains: return v.find(t) != std::string_view::npos;
    case Op::kStartsWith: return v.substr(0, t.size()) == t;
    case Op::kEndsWith: return v.size() >= t.size() && v.substr(v.size() - t.size()) == t;
    default: return false;
  }
}

Status MakeOperand(std::string_view content, Condition* c) {
  ValueType type = c->type;
  if (type == ValueType::kString) {
    c->text = c->fold ? Folded(content, c->unicode_fold) : std::string(content);
    return Ok{};
  }
  std::string_view s = Trim(content);
  if (s.empty()) return Error{"", "empty Content"};
  if (c->op == Op::kMatches) return Ok{};
  if (IsHashType(type)) {
    if (!IsHex(s) || s.size() != HashLength(type)) {
      return Error{"", "\"" + std::string(s) + "\" is not a " +
                           std::string(terms::ValueTypeName(type)) + " digest"};
    }
    c->text = Lower(s);
    return Ok{};
  }
  if (type == ValueType::kIp) {
    if (c->op != Op::kIs) {
      c->text = Lower(s);
      return Ok{};
    }
    if (!ParseIp(s, &c->ip)) return Error{"", "\"" + std::string(s) + "\" is not an IP address"};
    return Ok{};
  }
  if (type == ValueType::kBool) {
    if (!ParseBool(s, &c->lo)) return Error{"", "\"" + std::string(s) + "\" is not a boolean"};
    c->hi = c->lo;
    return Ok{};
  }
  std::string_view a = s, b;
  bool range = SplitRange(s, &a, &b, &c->lo_open, &c->hi_open);
  if (range && c->op != Op::kIs) return Error{"", "a range is only allowed with is"};
  if (!ParseScalar(type, a, &c->lo, &c->dlo) || (range && !ParseScalar(type, b, &c->hi, &c->dhi))) {
    return Error{"", "\"" + std::string(s) + "\" is not a valid " +
                         std::string(terms::ValueTypeName(type)) + (range ? " range" : "")};
  }
  if (!range) {
    c->hi = c->lo;
    c->dhi = c->dlo;
  }
  return Ok{};
}

Status MakeRegex(std::string_view content, Condition* c) {
  if (content.empty()) return Error{"", "empty Content"};
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(limits::kRegexMaxMemory);
  options.set_case_sensitive(c->preserve_case && !IsHashType(c->type) && c->type != ValueType::kIp);
  if (!c->unicode_fold) options.set_encoding(RE2::Options::EncodingLatin1);
  auto re = std::make_shared<const RE2>(std::string(content), options);
  if (!re->ok()) return Error{"", "invalid regular expression: " + re->error()};
  c->re = std::move(re);
  return Ok{};
}

}  // namespace

std::string_view OpName(Op op) {
  switch (op) {
    case Op::kIs: return "is";
    case Op::kContains: return "contains";
    case Op::kStartsWith: return "starts-with";
    case Op::kEndsWith: return "ends-with";
    case Op::kMatches: return "matches";
    case Op::kGreaterThan: return "greater-than";
    case Op::kLessThan: return "less-than";
  }
  return "is";
}

bool ParseConditionName(std::string_view name, ParsedCondition* out) {
  static constexpr std::pair<std::string_view, Op> kNames[] = {
      {"is", Op::kIs},           {"contains", Op::kContains},      {"starts-with", Op::kStartsWith},
      {"begins-with", Op::kStartsWith}, {"ends-with", Op::kEndsWith}, {"matches", Op::kMatches},
      {"greater-than", Op::kGreaterThan}, {"less-than", Op::kLessThan}};
  std::string l = Lower(name);
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& [n, op] : kNames) {
      if (l == n) {
        out->op = op;
        out->negated = pass == 1;
        return true;
      }
    }
    // ioc_writer: any 1.0 condition ending in "not" is the negated form.
    if (l.size() <= 3 || l.compare(l.size() - 3, 3, "not") != 0) return false;
    l.resize(l.size() - 3);
  }
  return false;
}

bool ParseIp(std::string_view text, std::array<unsigned char, 16>* out) {
  std::array<std::uint8_t, 4> v4{};
  if (ParseIpv4(text, &v4)) {
    out->fill(0);
    (*out)[10] = (*out)[11] = 0xff;
    std::copy(v4.begin(), v4.end(), out->begin() + 12);
    return true;
  }
  return ParseIpv6(text, out);
}

bool Condition::EqualityIndexable() const {
  if (op != Op::kIs || negate) return false;
  switch (type) {
    case ValueType::kString:
    case ValueType::kMd5:
    case ValueType::kSha1:
    case ValueType::kSha256:
    case ValueType::kIp: return true;
    case ValueType::kInt:
    case ValueType::kDate: return lo == hi && !lo_open && !hi_open;
    default: return false;
  }
}

bool Condition::SetIndexable() const {
  if (negate || op == Op::kIs || op == Op::kGreaterThan || op == Op::kLessThan) return false;
  if (!IsTextCompare(*this)) return false;
  // \Q without \E would swallow the closing parenthesis of the wrapper.
  return !(op == Op::kMatches && re->pattern().find("\\Q") != std::string::npos);
}

std::string Condition::SetPattern() const {
  std::string body = op == Op::kMatches ? re->pattern() : RE2::QuoteMeta(text);
  bool ci = op == Op::kMatches ? !re->options().case_sensitive() : fold;
  std::string p = ci ? "(?i:" : "(?:";
  if (op == Op::kStartsWith) p += "^";
  p += body;
  if (op == Op::kEndsWith) p += "$";
  return p + ")";
}

std::string Condition::IndexKey() const {
  switch (type) {
    case ValueType::kInt:
    case ValueType::kDate: return std::string(reinterpret_cast<const char*>(&lo), sizeof lo);
    case ValueType::kIp: return std::string(reinterpret_cast<const char*>(ip.data()), ip.size());
    default: return text;
  }
}

bool ItemIndexKey(ValueType type, bool exact, const Scalar& value, std::string_view folded,
                  std::string* key) {
  switch (type) {
    case ValueType::kInt:
    case ValueType::kDate:
      key->assign(reinterpret_cast<const char*>(&value.integer), sizeof value.integer);
      return true;
    case ValueType::kIp: {
      std::array<unsigned char, 16> ip;
      if (!ParseIp(value.text, &ip)) return false;
      key->assign(reinterpret_cast<const char*>(ip.data()), ip.size());
      return true;
    }
    default:
      key->assign(exact ? std::string_view(value.text) : folded);
      return true;
  }
}

bool TestScalar(const Condition& c, const Scalar& value, std::string_view folded) {
  if (c.op == Op::kMatches) return RE2::PartialMatch(value.text, *c.re);
  switch (c.type) {
    case ValueType::kInt:
    case ValueType::kDate:
    case ValueType::kBool: return Compare(c, value.integer, c.lo, c.hi);
    case ValueType::kDouble: return Compare(c, value.real, c.dlo, c.dhi);
    case ValueType::kIp:
      if (c.op == Op::kIs) {
        std::array<unsigned char, 16> ip;
        return ParseIp(value.text, &ip) && ip == c.ip;
      }
      break;
    default: break;
  }
  return TestText(c, c.fold ? folded : std::string_view(value.text));
}

Result<Condition> MakeCondition(const ioc::Term& term, terms::FieldId field) {
  ParsedCondition parsed;
  if (!ParseConditionName(term.condition, &parsed)) {
    return Error{"", "unknown condition \"" + term.condition + "\""};
  }
  const terms::TermInfo& info = terms::Term(field);
  Condition c;
  c.field = field;
  c.type = info.type;
  c.op = parsed.op;
  c.negate = term.negate != parsed.negated;
  c.preserve_case = term.preserve_case;
  c.unicode_fold = !info.raw_bytes;
  if (!terms::ConditionApplies(OpName(c.op), c.type)) {
    return Error{"", "condition " + std::string(OpName(c.op)) + " makes no sense for " +
                         std::string(terms::ValueTypeName(c.type))};
  }
  if (!term.has_content || term.content.empty()) return Error{"", "empty Content"};
  c.fold = c.op != Op::kMatches && IsTextCompare(c) &&
           (c.type != ValueType::kString || !c.preserve_case);
  if (IsHashType(c.type) || c.type == ValueType::kIp) c.unicode_fold = false;
  Status s = c.op == Op::kMatches
                 ? MakeRegex(c.type == ValueType::kString ? std::string_view(term.content)
                                                          : Trim(term.content),
                             &c)
                 : MakeOperand(term.content, &c);
  if (!s.ok()) return s.error();
  if (c.op == Op::kIs && (c.lo > c.hi || (c.lo == c.hi && (c.lo_open || c.hi_open))) &&
      c.type != ValueType::kDouble) {
    return Error{"", "empty range"};
  }
  return c;
}

}  // namespace iocscan::compile
