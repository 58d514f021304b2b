// The interface between the evaluator and the collectors: one object (an item) of a document, one
// file, one process, one log record, that answers for its fields lazily.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "terms/value.h"

namespace iocscan::compile {

// One value of one field.
//  string, md5/sha1/sha256 (lower-case hex), IP (its usual text form), raw bytes: `text`
//  int, bool (0/1), date (seconds since 1970-01-01 UTC): `integer`
//  double: `real`
struct Scalar {
  std::string text;
  std::int64_t integer = 0;
  double real = 0;
};

// A field's value on one item: one Scalar, or the elements of a list (a term is true when any
// element satisfies it). An empty FieldValue means the item lacks the field.
using FieldValue = std::vector<Scalar>;

class Item {
 public:
  virtual ~Item() = default;

  // The value of `field` (an index into terms::AllTerms() of this item's document), computed on first
  // use and kept for the life of the item. nullptr or empty when the item lacks the field (a file
  // that could not be read has no Md5sum; a file that is not a PE has no PEInfo).
  virtual const FieldValue* Get(terms::FieldId field) = 0;
};

}  // namespace iocscan::compile
