// A CollectedItem whose fields are set by the collector, by search path: the usual shape for
// records (a user, a cron line, a connection). A field can also be lazy (computed on first Get,
// e.g. the hash of a process's executable), so nothing costly is done for an item no term reaches.
//
//   RecordItem user("UserItem");
//   user.Add("UserItem/Username", RecordItem::Text("alice")).Add("UserItem/userid", RecordItem::Int(1000));
//   user.Lazy("UserItem/LastLogin", [&] { return FieldValue{RecordItem::Date(t)}; });
//   user.Show("Username", report::CardValue::Text("alice"));   // on the card when it matches
//
// Terms the registry does not know are ignored (a collector may set more than any IOC asks).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "collect/collector.h"

namespace iocscan::collect {

class RecordItem final : public CollectedItem {
 public:
  using Compute = std::function<compile::FieldValue()>;

  static compile::Scalar Text(std::string value) { return {std::move(value), 0, 0}; }
  static compile::Scalar Int(std::int64_t value) { return {{}, value, 0}; }
  static compile::Scalar Bool(bool value) { return {{}, value ? 1 : 0, 0}; }
  static compile::Scalar Date(std::int64_t epoch_seconds) { return {{}, epoch_seconds, 0}; }
  static compile::Scalar Real(double value) { return {{}, 0, value}; }

  // Appends one value to the field (list fields get several).
  RecordItem& Add(std::string_view search, compile::Scalar value);
  // The field is computed by `compute` on first use.
  RecordItem& Lazy(std::string_view search, Compute compute);
  // A field shown on the card of a matched item, in call order.
  RecordItem& Show(std::string name, report::CardValue value);
  RecordItem& Show(std::string name, std::vector<report::CardValue> values);

  const compile::FieldValue* Get(terms::FieldId field) override;
  std::vector<report::CardField> CardFields() override { return card_; }

 private:
  struct Slot {
    terms::FieldId field = 0;
    compile::FieldValue value;
    Compute compute;  // non-empty until computed
  };
  Slot* Find(terms::FieldId field);
  Slot& SlotFor(terms::FieldId field);

  std::vector<Slot> slots_;  // a record has a few dozen fields at most: a linear search is fastest
  std::vector<report::CardField> card_;
};

}  // namespace iocscan::collect
