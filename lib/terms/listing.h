// The listing behind `iocscan terms`: which rows to show and how to print them as an aligned
// text table or as JSON ({"terms": [...]}, cli.md). Kept here so the command stays a thin
// wrapper and the output is testable without running the binary.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "terms/registry.h"

namespace iocscan::terms {

struct ListOptions {
  std::string document;  // only this document (case-insensitive); empty = every document
  bool all = false;      // also the terms collected on no platform
};

// The rows to list, in table order. Error (source "--document") when the document is unknown.
Result<std::vector<FieldId>> SelectTerms(const ListOptions& options);

// Aligned columns DOCUMENT SEARCH TYPE CONDITIONS COLLECTED VENDOR DESCRIPTION, then a short
// footer (counts and the range note). Ends with a newline.
std::string FormatTermsText(std::span<const FieldId> ids);

// {"terms":[{"document","search","type","conditions","collected","vendor_platforms",
// "description"}]}, pretty-printed, ending with a newline.
std::string FormatTermsJson(std::span<const FieldId> ids);

}  // namespace iocscan::terms
