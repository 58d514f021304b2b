#include "collect/record_item.h"

#include <optional>

namespace iocscan::collect {

RecordItem::Slot* RecordItem::Find(terms::FieldId field) {
  for (Slot& s : slots_) {
    if (s.field == field) return &s;
  }
  return nullptr;
}

RecordItem::Slot& RecordItem::SlotFor(terms::FieldId field) {
  if (Slot* s = Find(field)) return *s;
  slots_.push_back(Slot{field, {}, {}});
  return slots_.back();
}

RecordItem& RecordItem::Add(std::string_view search, compile::Scalar value) {
  if (std::optional<terms::FieldId> id = terms::FindTerm(search)) SlotFor(*id).value.push_back(std::move(value));
  return *this;
}

RecordItem& RecordItem::Lazy(std::string_view search, Compute compute) {
  if (std::optional<terms::FieldId> id = terms::FindTerm(search)) SlotFor(*id).compute = std::move(compute);
  return *this;
}

RecordItem& RecordItem::Show(std::string name, report::CardValue value) {
  card_.push_back({std::move(name), {std::move(value)}});
  return *this;
}

RecordItem& RecordItem::Show(std::string name, std::vector<report::CardValue> values) {
  card_.push_back({std::move(name), std::move(values)});
  return *this;
}

const compile::FieldValue* RecordItem::Get(terms::FieldId field) {
  Slot* s = Find(field);
  if (!s) return nullptr;
  if (s->compute) {
    compile::FieldValue computed = s->compute();
    s->compute = nullptr;
    s->value.insert(s->value.end(), computed.begin(), computed.end());
  }
  return &s->value;
}

bool CollectorEnv::Needs(std::string_view search) const {
  std::optional<terms::FieldId> id = terms::FindTerm(search);
  if (!id) return false;
  for (terms::FieldId f : needed) {
    if (f == *id) return true;
  }
  return false;
}

}  // namespace iocscan::collect
