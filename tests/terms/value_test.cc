// Value type names and the condition applicability table.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "terms/conditions.h"
#include "terms/value.h"

using namespace iocscan::terms;

TEST_CASE("ValueTypeName and ParseValueType round-trip") {
  for (ValueType t : {ValueType::kString, ValueType::kInt, ValueType::kDouble, ValueType::kDate,
                      ValueType::kBool, ValueType::kIp, ValueType::kMd5, ValueType::kSha1,
                      ValueType::kSha256}) {
    INFO(ValueTypeName(t));
    CHECK(ParseValueType(ValueTypeName(t)) == t);
  }
  CHECK(ValueTypeName(ValueType::kIp) == "IP");
  CHECK(ValueTypeName(ValueType::kMd5) == "md5");
}

TEST_CASE("ParseValueType folds case and merges the numeric families") {
  CHECK(ParseValueType("ip") == ValueType::kIp);
  CHECK(ParseValueType("MD5") == ValueType::kMd5);
  CHECK(ParseValueType("String") == ValueType::kString);
  CHECK(ParseValueType("uint64") == ValueType::kInt);
  CHECK(ParseValueType("float") == ValueType::kDouble);
  CHECK_FALSE(ParseValueType("").has_value());
  CHECK_FALSE(ParseValueType("integer").has_value());
  CHECK_FALSE(ParseValueType("dateTime").has_value());
  CHECK_FALSE(ParseValueType(" int").has_value());
}

TEST_CASE("conditions follow the 1.1 applicability table") {
  auto names = [](ValueType t) {
    auto span = ApplicableConditions(t);
    return std::vector<std::string_view>(span.begin(), span.end());
  };
  using V = std::vector<std::string_view>;
  CHECK(names(ValueType::kString) == V{"is", "contains", "starts-with", "ends-with", "matches"});
  CHECK(names(ValueType::kMd5) == V{"is"});
  CHECK(names(ValueType::kSha256) == V{"is"});
  CHECK(names(ValueType::kBool) == V{"is"});
  CHECK(names(ValueType::kIp) == V{"is", "contains", "starts-with", "matches"});
  CHECK(names(ValueType::kInt) == V{"is", "greater-than", "less-than"});
  CHECK(names(ValueType::kDate) == V{"is", "greater-than", "less-than"});
  CHECK(names(ValueType::kDouble) == V{"is", "greater-than", "less-than"});

  CHECK(ConditionApplies("Greater-Than", ValueType::kInt));
  CHECK_FALSE(ConditionApplies("greater-than", ValueType::kString));
  CHECK_FALSE(ConditionApplies("contains", ValueType::kMd5));
  CHECK(ConditionApplies("contains", ValueType::kIp));
  CHECK_FALSE(ConditionApplies("isnot", ValueType::kString));

  CHECK(AcceptsRange(ValueType::kInt));
  CHECK(AcceptsRange(ValueType::kDate));
  CHECK_FALSE(AcceptsRange(ValueType::kString));
  CHECK_FALSE(AcceptsRange(ValueType::kMd5));
}
